#!/usr/bin/env python3
"""Writes sources.tsv: one line per genuine source audio file of the ALLOWED packages.

Deterministic: files come from `dpkg -L` of pinned packages, sorted by path; durations are
computed from headers/byte counts or `soxi -D` in sorted batches. See README.md for the
speaker-id and transcript rules.
"""
import hashlib
import os
import re
import subprocess
import sys

GENUINE_PACKAGES = [
    "asterisk-core-sounds-en-wav", "asterisk-core-sounds-es-wav", "asterisk-core-sounds-fr-wav",
    "asterisk-core-sounds-it-wav", "asterisk-core-sounds-ru-wav",
    "asterisk-core-sounds-en-g722", "asterisk-core-sounds-es-g722", "asterisk-core-sounds-fr-g722",
    "asterisk-core-sounds-it-g722", "asterisk-core-sounds-ru-g722",
    "klettres-data", "ktuberling-data", "pocketsphinx-testdata", "alsa-utils",
]
AUDIO_EXT = (".wav", ".ogg", ".g722", ".raw")
# Not speech: a noise test signal.
EXCLUDE = {"/usr/share/sounds/alsa/Noise.wav"}
PS = "/usr/share/pocketsphinx/test/data/"
HEADER = ["package", "version", "path", "sha256", "speaker", "language",
          "transcript", "transcript_source", "duration_s", "format"]


def pkg_version(pkg):
    return subprocess.run(["dpkg-query", "-W", "-f=${Version}", pkg], check=True,
                          capture_output=True, text=True).stdout.strip()


def pkg_files(pkg):
    out = subprocess.run(["dpkg", "-L", pkg], check=True, capture_output=True, text=True).stdout
    return sorted(p for p in out.splitlines()
                  if p.endswith(AUDIO_EXT) and p not in EXCLUDE and os.path.isfile(p))


def sha256(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def pocketsphinx_transcripts():
    """fileid -> transcript from the three transcription files the package ships."""
    texts = {}
    for rel in ("cards/cards.transcription", "librivox/transcription"):
        for line in open(PS + rel, encoding="utf-8"):
            m = re.match(r"\s*<s>(.*)</s>\s*\((.+)\)\s*$", line)
            if m:
                texts[m.group(2).strip()] = " ".join(m.group(1).split())
    for line in open(PS + "tidigits/tidigits.lsn", encoding="utf-8"):
        m = re.match(r"(.*)\((.+)\)\s*$", line)
        if m:
            texts[m.group(2).strip()] = " ".join(m.group(1).split())
    return texts


def gloss(stem):
    """A filename read as words: 'agent-alreadyon' -> 'agent alreadyon'."""
    return " ".join(re.split(r"[-_]+", stem)).strip()


def describe(path, ps_texts):
    """(speaker, language, transcript, transcript_source, format) for one file."""
    parts = path.split("/")
    stem, ext = os.path.splitext(parts[-1])
    fmt = ext[1:]
    if path.startswith("/usr/share/asterisk/sounds/"):
        voice = parts[5]                      # e.g. en_US_f_Allison: <lang>_<region>_<sex>_<talent>
        lang = voice.split("_")[0]
        rel = "/".join(parts[6:])[: -len(ext)]
        # The talent, not the pack, is the speaker: Allison voices both en_US and es_MX.
        return "asterisk:" + voice.split("_")[-1], lang, gloss(rel.replace("/", " ")), "gloss-from-filename", fmt
    if path.startswith("/usr/share/klettres/"):
        lang = parts[4]                       # one recording voice per language directory
        letter = stem.rsplit("-", 1)[0]
        return "klettres:" + lang, lang, letter, "filename", fmt
    if path.startswith("/usr/share/ktuberling/sounds/"):
        lang = parts[5]                       # one recording voice per language directory
        return "ktuberling:" + lang, lang, gloss(stem), "gloss-from-filename", fmt
    if path.startswith(PS):
        rel = path[len(PS):]
        if "/" in rel:
            sub = rel.split("/")[0]
            if sub == "tidigits":             # TIDIGITS names start with speaker code
                spk = "tidigits-" + stem.split(".")[0]
            else:
                spk = sub                      # cards, librivox: one reader per directory
        else:
            spk = "toplevel"                  # goforward/numbers/something: unknown, pooled
        key = stem
        if key in ps_texts:
            text, src = ps_texts[key], "file"
        elif "man." + key in ps_texts or key.startswith("dhd."):
            text, src = "", "none"
        else:
            text, src = "", "none"
        return "pocketsphinx:" + spk, "en", text, src, fmt
    if path.startswith("/usr/share/sounds/alsa/"):
        return "alsa:default", "en", gloss(stem).lower(), "gloss-from-filename", fmt
    raise ValueError("no speaker rule for " + path)


def durations(paths):
    """Seconds per file: g722 is 64 kbit/s (8000 B/s); pocketsphinx .raw is 16 kHz s16le."""
    result = {}
    batch = []
    for p in paths:
        if p.endswith(".g722"):
            result[p] = os.path.getsize(p) / 8000.0
        elif p.endswith(".raw"):
            result[p] = os.path.getsize(p) / 32000.0
        else:
            batch.append(p)
    for i in range(0, len(batch), 400):
        chunk = batch[i:i + 400]
        out = subprocess.run(["soxi", "-D"] + chunk, check=True, capture_output=True,
                             text=True).stdout.split()
        if len(out) != len(chunk):
            raise RuntimeError("soxi returned %d durations for %d files" % (len(out), len(chunk)))
        result.update(zip(chunk, (float(x) for x in out)))
    return result


def merge_speakers_sharing_audio(rows):
    """Byte-identical files under two speaker ids are one voice (ktuberling ships the same
    Serbian recordings under sr, sr@latin, sr@ijekavian, ...): join them, keep the smallest id."""
    parent = {}

    def find(x):
        while parent.setdefault(x, x) != x:
            x = parent[x]
        return x

    first = {}
    for r in rows:
        spk = r[4]
        if r[3] in first:
            a, b = find(first[r[3]]), find(spk)
            if a != b:
                parent[max(a, b)] = min(a, b)
        else:
            first[r[3]] = spk
    for r in rows:
        r[4] = find(r[4])


def main(out_path):
    ps_texts = pocketsphinx_transcripts()
    rows = []
    for pkg in GENUINE_PACKAGES:
        version = pkg_version(pkg)
        files = pkg_files(pkg)
        durs = durations(files)
        for p in files:
            spk, lang, text, src, fmt = describe(p, ps_texts)
            rows.append([pkg, version, p.lstrip("/"), sha256(p), spk, lang, text.replace("\t", " "),
                         src, "%.3f" % durs[p], fmt])
    merge_speakers_sharing_audio(rows)
    rows.sort(key=lambda r: r[2])
    with open(out_path, "w", encoding="utf-8", newline="\n") as f:
        f.write("\t".join(HEADER) + "\n")
        for r in rows:
            f.write("\t".join(r) + "\n")
    print("sources: %d files -> %s" % (len(rows), out_path), file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "sources.tsv"))
