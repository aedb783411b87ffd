#!/usr/bin/env python3
"""Builds the INDEPENDENT evaluation set from the sources /work/shared/DATA.md reserves for
independent evaluation, so that a model's held-out figure comes from speakers, recording chains and
generators that no design decision of this project has ever seen. Protocol: models/corpus/INDEPENDENT.md.

Reads only models/corpus/target/reserved/root (unpacked by fetch-reserved.sh) and the corpus'
English text pool; writes an utterance corpus laid out like build_corpus.py's (wav/,
corpus-manifest.tsv, splits.tsv with every row in split `eval`, skipped.tsv). Every utterance goes
through exactly the normalisation of the training corpus (build_corpus.normalise), so the shortcut
defences are the same. Deterministic: sorted walks, sha256-seeded draws, one process per synthesis.
Usage: python3 models/corpus/build_independent.py [--reserved DIR] [--out DIR] [--jobs N]
"""
import argparse
import glob
import os
import shutil
import subprocess
import sys
import wave
from concurrent.futures import ThreadPoolExecutor

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import build_corpus as bc  # noqa: E402  (the training corpus' normalisation and helpers)

HERE = bc.HERE
FILLETS_SPEAKERS = ("m", "v")        # the two fish; each language has its own two actors
FILLETS_LANGUAGES = ("cs", "nl")     # the English data holds no lines of the two fish
CAP_FILLETS = 40                     # utterances per fillets speaker
CAP_PROMPTS = 60                     # utterances per asterisk-prompt voice
ASTERISK_PROMPTS = [("es", "asterisk-prompt:es-co", "es"), ("fr", "asterisk-prompt:fr-armelle", "fr"),
                    ("it_IT_f_Menardi", "asterisk-prompt:it-menardi", "it")]
# codec2-examples: the microphone speech samples. Left out: coded outputs (m2400, f2400), off-air
# HF radio recordings named by call sign (g3plx, ve9qrp*, vk5qi, vk2tpm_004, cq_ref), modem and
# test signals (700d_*, sine*, test*), and all.wav (a concatenation of the others).
CODEC2_SPEECH = ["wav/big_dog.wav", "wav/david4.wav", "wav/forig.wav", "wav/hts1a.wav", "wav/hts2a.wav",
                 "wav/mmt1.wav", "wav/morig.wav", "raw/kristoff.raw", "raw/speech_orig_16k.wav"]
TTS_VOICES = [("festival-hts", "cmu_us_slt_arctic_hts"), ("freetts", "kevin16"), ("sam-js", "sam")]
TEXTS_PER_VOICE = 40
COPY_GENERATORS = ["sptk:mlsa", "codec2:3200", "codec2:1300", "codec2:700C"]


def rng(*key):
    return bc.rng("independent", *key)


def genuine_sources(root):
    share = os.path.join(root, "usr/share")
    picked = []
    for lang in FILLETS_LANGUAGES:
        for who in FILLETS_SPEAKERS:
            files = sorted(glob.glob(os.path.join(share, "games/fillets-ng/sound/*/%s/*-%s-*.ogg" % (lang, who))))
            files = rng("fillets", lang, who).sample(files, min(CAP_FILLETS, len(files)))
            picked += [(f, "fillets:%s-%s" % (lang, who), lang) for f in sorted(files)]
    for folder, speaker, lang in ASTERISK_PROMPTS:
        files = sorted(f for f in glob.glob(os.path.join(share, "asterisk/sounds", folder, "**/*.*"), recursive=True)
                       if os.path.isfile(f) and "/silence/" not in f)
        files = rng("prompts", speaker).sample(files, min(CAP_PROMPTS, len(files)))
        picked += [(f, speaker, lang) for f in sorted(files)]
    picked += [(os.path.join(share, "codec2", f), "codec2:examples", "en") for f in CODEC2_SPEECH]
    seen, unique = set(), []
    for path, speaker, lang in picked:       # a byte-identical file enters once
        sha = bc.sha256_file(path)
        if sha not in seen:
            seen.add(sha)
            unique.append({"path": path, "speaker": speaker, "language": lang, "sha256": sha})
    return unique


def as_wav(src, work, key, rate=None):
    """A source as a 16-bit mono WAV sox can read (codec2's .raw files are 8 kHz s16le)."""
    out = os.path.join(work, key + ".src.wav")
    args = ["-t", "raw", "-r", "8000", "-e", "signed", "-b", "16", "-c", "1", src] if src.endswith(".raw") else [src]
    bc.run(["sox", "-R"] + args + ["-b", "16", "-c", "1", out, "remix", "-"] + (["rate", "-v", str(rate)] if rate else []))
    return out


def write_wav(path, x, rate):
    x = np.asarray(x, dtype=np.float64)
    if not np.all(np.isfinite(x)) or not np.any(x):
        raise RuntimeError("resynthesis gave non-finite or all-zero samples")
    x = 0.5 * x / max(1e-9, np.abs(x).max())
    with wave.open(path, "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(rate)
        w.writeframes(np.round(x * 32767).astype("<i2").tobytes())


def read_s16(path):
    with wave.open(path, "rb") as w:
        return np.frombuffer(w.readframes(w.getnframes()), dtype="<i2")


def copy_sptk(src, out, work, key, root):
    """SPTK mel-cepstral analysis and MLSA resynthesis (pulse/noise excitation from SPTK's pitch),
    the classic SPTK speech-resynthesis recipe at 16 kHz: 25 ms frames, 5 ms shift, order 24, alpha 0.42."""
    sptk = os.path.join(root, "usr/libexec/sptk/bin")
    x = read_s16(as_wav(src, work, key, 16000)).astype("<f4")
    raw = os.path.join(work, key + ".f32")
    x.tofile(raw)
    mcep, f0 = raw + ".mcep", raw + ".pitch"

    def sh(cmd, stdin, stdout):      # a pipeline of SPTK tools, stdin -> stdout
        with open(stdin, "rb") as i, open(stdout, "wb") as o:
            procs = []
            for n, c in enumerate(cmd):
                procs.append(subprocess.Popen([os.path.join(sptk, c[0])] + c[1:],
                                              stdin=i if n == 0 else procs[-1].stdout,
                                              stdout=o if n == len(cmd) - 1 else subprocess.PIPE))
                if n:
                    procs[-2].stdout.close()
            if any(p.wait() != 0 for p in procs):
                raise RuntimeError("sptk %s failed" % " | ".join(c[0] for c in cmd))

    sh([["frame", "-l", "400", "-p", "80"], ["window", "-l", "400", "-L", "512"],
        ["mcep", "-l", "512", "-m", "24", "-a", "0.42", "-e", "1000"]], raw, mcep)
    sh([["pitch", "-a", "1", "-s", "16", "-p", "80", "-L", "60", "-H", "400", "-o", "0"]], raw, f0)
    y = raw + ".out"
    sh([["excite", "-p", "80"], ["mlsadf", "-m", "24", "-a", "0.42", "-p", "80", "-P", "5", mcep]], f0, y)
    write_wav(out, np.fromfile(y, dtype="<f4"), 16000)
    for f in (raw, mcep, f0, y):
        os.unlink(f)


def copy_codec2(mode, src, out, work, key, root):
    """codec2 encode + decode at one bit rate (8 kHz)."""
    env = dict(os.environ, LD_LIBRARY_PATH=os.path.join(root, "usr/lib/x86_64-linux-gnu"))
    x = read_s16(as_wav(src, work, key, 8000))
    raw, bits, dec = (os.path.join(work, key + s) for s in (".s16", ".bit", ".dec"))
    x.astype("<i2").tofile(raw)
    for tool, a, b in (("c2enc", raw, bits), ("c2dec", bits, dec)):
        p = subprocess.run([os.path.join(root, "usr/bin", tool), mode, a, b], capture_output=True, env=env)
        if p.returncode != 0:
            raise RuntimeError("%s %s failed: %s" % (tool, mode, p.stderr.decode(errors="replace")[-300:]))
    write_wav(out, np.fromfile(dec, dtype="<i2"), 8000)
    for f in (raw, bits, dec):
        os.unlink(f)


def tts_jobs():
    pools, short = bc.text_pools(bc.read_sources())
    jobs = []
    for family, voice in TTS_VOICES:
        r = rng("texts", family, voice)
        n_short = int(round(TEXTS_PER_VOICE * bc.SHORT_TEXT_SHARE))
        texts = r.sample(pools["en"], TEXTS_PER_VOICE - n_short) + r.sample(short["en"], n_short)
        for text in texts:
            gen = "%s:%s" % (family, voice)
            utt = "j_" + bc.short_id(gen, text)
            p = rng("synth", utt)
            params = ({"speed": p.randint(60, 90), "pitch": p.randint(50, 80)} if family == "sam-js"
                      else {"stretch": round(p.uniform(0.85, 1.15), 3)} if family == "festival-hts" else {})
            jobs.append({"utt": utt, "family": family, "voice": voice, "generator": gen, "speaker": gen,
                         "language": "en", "text": text, "synth": params})
    return jobs


def synthesise(job, raw_dir, root):
    out = os.path.join(raw_dir, job["utt"] + ".wav")
    text = bc.clean_text(job["text"])
    if job["family"] == "festival-hts":
        voice_dir = os.path.join(root, "usr/share/festival/voices/us", job["voice"])
        script = "\n".join([
            '(defvar %s::hts_dir "%s/")' % (job["voice"], voice_dir),
            '(load "%s/festvox/%s.scm")' % (voice_dir, job["voice"]),
            "(voice_%s)" % job["voice"],
            "(Parameter.set 'Duration_Stretch %s)" % job["synth"]["stretch"],
            '(utt.save.wave (utt.synth (Utterance Text "%s")) "%s" \'riff)' % (text.replace('"', " "), out)]) + "\n"
        bc.run(["festival", "--pipe"], input=script)
    elif job["family"] == "freetts":
        bc.run(["java", "-Djava.awt.headless=true", "-jar", os.path.join(root, "usr/share/java/freetts.jar"),
                "-voice", job["voice"], "-dumpAudio", out, "-text", text])
    else:
        sam = os.path.join(os.path.dirname(root), "sam/package/dist/samjs.common.js")
        bc.run(["node", os.path.join(HERE, "samwav.js"), sam, out, text,
                str(job["synth"]["speed"]), str(job["synth"]["pitch"])])
    return out if os.path.exists(out) and os.path.getsize(out) > 44 else None


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--reserved", default=os.path.join(HERE, "target/reserved"))
    ap.add_argument("--out", default=os.path.join(HERE, "target/independent"))
    ap.add_argument("--jobs", type=int, default=2)
    args = ap.parse_args()
    root = os.path.abspath(os.path.join(args.reserved, "root"))
    out = os.path.abspath(args.out)
    wav_dir, raw_dir, work = bc.fresh_output(out)

    genuine = genuine_sources(root)
    items = []
    for g in genuine:
        utt = "h_" + bc.short_id(os.path.relpath(g["path"], root))
        items.append({"utt": utt, "label": "genuine", "generator": "genuine", "family": g["speaker"].split(":")[0],
                      "speaker": g["speaker"], "language": g["language"], "text": "",
                      "source_path": "/" + os.path.relpath(g["path"], root), "source_sha256": g["sha256"],
                      "raw": g["path"], "copy_of": "", "synth": "reserved_source"})
        method = rng("copy", utt).choice(COPY_GENERATORS)
        items.append({"utt": "k_" + bc.short_id(method, utt), "label": "attack", "generator": method,
                      "family": method.split(":")[0], "speaker": g["speaker"], "language": g["language"], "text": "",
                      "source_path": items[-1]["source_path"], "source_sha256": g["sha256"], "copy_of": utt,
                      "copy_source": g["path"], "synth": "copy=%s" % method})
    jobs = tts_jobs()

    def make_copy(it):
        dst = os.path.join(raw_dir, it["utt"] + ".wav")
        if it["generator"] == "sptk:mlsa":
            copy_sptk(it["copy_source"], dst, work, it["utt"], root)
        else:
            copy_codec2(it["generator"].split(":")[1], it["copy_source"], dst, work, it["utt"], root)
        it["raw"] = dst

    with ThreadPoolExecutor(args.jobs) as ex:
        list(ex.map(make_copy, [it for it in items if it["label"] == "attack"]))
        made = list(ex.map(lambda j: synthesise(j, raw_dir, root), jobs))
    for j, path in zip(jobs, made):
        items.append({"utt": j["utt"], "label": "attack", "generator": j["generator"], "family": j["family"],
                      "speaker": j["speaker"], "language": j["language"], "text": j["text"],
                      "source_path": "raw/" + j["utt"] + ".wav", "source_sha256": bc.sha256_file(path) if path else "",
                      "raw": path, "copy_of": "", "synth": ";".join("%s=%s" % kv for kv in sorted(j["synth"].items()))})

    def normalise(it):
        if not it.get("raw"):
            return it, None, "synthesis produced no file"
        src = it["raw"]
        if src.endswith(".raw"):
            src = as_wav(src, work, it["utt"])
        try:
            params = bc.normalise(src, os.path.join(wav_dir, it["utt"] + ".wav"), it["utt"], work)
        except RuntimeError as e:
            return it, None, str(e).replace("\t", " ").replace("\n", " ")
        return it, params, None if params else "shorter than %.2f s after trimming" % bc.MIN_DURATION_S

    with ThreadPoolExecutor(args.jobs) as ex:
        results = list(ex.map(normalise, items))
    rows, skipped = [], []
    for it, params, why in results:
        if why:
            skipped.append((it["utt"], it["source_path"], why))
            continue
        dst = os.path.join(wav_dir, it["utt"] + ".wav")
        it.update(utt_id=it["utt"], seed=str(bc.SEED), output_sha256=bc.sha256_file(dst),
                  duration_s="%.3f" % float(bc.run(["soxi", "-D", dst]).stdout.strip()),
                  params=it["synth"] + ";" + params)
        rows.append(it)
    rows.sort(key=lambda r: r["utt"])
    shutil.rmtree(raw_dir)
    shutil.rmtree(work)

    with open(os.path.join(out, "corpus-manifest.tsv"), "w", encoding="utf-8", newline="\n") as f:
        f.write("# bonafide independent evaluation set (reserved sources); seed=%d\n" % bc.SEED)
        for line in open(os.path.join(args.reserved, "packages.tsv"), encoding="utf-8"):
            f.write("# reserved\t" + line)
        for pkg in ("festival", "sox", "libsox3", "libsox-fmt-mp3", "ffmpeg"):
            f.write("# package\t%s\t%s\n" % (pkg, bc.version_of(pkg)))
        f.write("# python\t%s\n# numpy\t%s\n" % (sys.version.split()[0], np.__version__))
        f.write("\t".join(bc.MANIFEST_HEADER) + "\n")
        for r in rows:
            f.write("\t".join(r[k].replace("\t", " ") for k in bc.MANIFEST_HEADER) + "\n")
    with open(os.path.join(out, "splits.tsv"), "w", encoding="utf-8", newline="\n") as f:
        f.write("utt_id\tsplit\tlabel\tgenerator\tspeaker\n")
        for r in rows:
            f.write("%s\teval\t%s\t%s\t%s\n" % (r["utt"], r["label"], r["generator"], r["speaker"]))
    with open(os.path.join(out, "skipped.tsv"), "w", encoding="utf-8", newline="\n") as f:
        f.write("utt_id\tsource\treason\n")
        for s in sorted(skipped):
            f.write("\t".join(s) + "\n")
    print("independent: %d utterances, %d skipped -> %s" % (len(rows), len(skipped), out), file=sys.stderr)


if __name__ == "__main__":
    main()
