#!/usr/bin/env python3
"""Builds the Bonafide corpus (stage 2) deterministically from sources.tsv and the pinned generators.

Stage 1: genuine speech and espeak-ng / flite / festival synthesis. Stage 2: vocoded copies of
the genuine utterances of train and dev speakers (vocoders.py: LPC, residual-excited LPC with
PSOLA, harmonic plus noise, Griffin-Lim), which keep their source speaker and so its split.

Output (outside git, default models/corpus/target/): wav/<utt>.wav (16 kHz mono s16, normalised),
corpus-manifest.tsv, splits.tsv, skipped.tsv. Every random choice is drawn from a generator seeded
with sha256(SEED | purpose | key), so results do not depend on worker scheduling or run order.
See README.md for the protocol and the normalisation chain.
"""
import argparse
import hashlib
import os
import random
import re
import shutil
import subprocess
import sys
import wave
from concurrent.futures import ThreadPoolExecutor

import numpy as np

import vocoders

HERE = os.path.dirname(os.path.abspath(__file__))
SEED = 20261121

# --- caps (keep the build well under 15 minutes on 2 cores) ---------------------------------
CAP_ASTERISK_PER_VOICE = 100      # prompts per asterisk voice (of ~568)
CAP_SMALL_SPEAKER = 15            # utterances per klettres / ktuberling language speaker
TEXTS_PER_VOICE = {"en": 40, "other": 25}
SHORT_TEXT_SHARE = 0.35           # of each voice's texts drawn from letters/syllables/numbers

# --- generators: (family, engine, voice, language) ------------------------------------------
ESPEAK_VOICES = {
    "en": ["en-us+m3", "en-us+f2", "en+m1", "en+f4"],
    "es": ["es+m2", "es+f3", "es-419+m4", "es-419+f1"],
    "fr": ["fr+m3", "fr+f2", "fr-be+m1", "fr+f4"],
    "it": ["it+m1", "it+f3", "it+m4", "it+f2"],
    "ru": ["ru+m2", "ru+f4", "ru+m3", "ru+f1"],
}
FLITE_VOICES = ["kal", "kal16", "awb", "rms", "slt"]
FESTIVAL_VOICES = [("kal_diphone", "en"), ("ked_diphone", "en"), ("lp_diphone", "it"),
                   ("pc_diphone", "it"), ("msu_ru_nsh_clunits", "ru")]
GENERATOR_PACKAGES = ["espeak-ng", "flite", "libflite1", "festival", "festvox-kallpc16k",
                      "festvox-kdlpc16k", "festvox-italp16k", "festvox-itapc16k", "festvox-ru",
                      "sox", "libsox3", "libsox-fmt-mp3", "ffmpeg"]
# Synthetic voices built from one recorded speaker share a speaker id across engines, so that
# speaker-disjoint splits hold for attacks too (flite kal/kal16 and festival kal_diphone are
# all Kevin Lenzo's diphones).
SHARED_VOICE = {"flite:kal": "voice:kal", "flite:kal16": "voice:kal",
                "festival:kal_diphone": "voice:kal"}
EVAL_SPEAKER_SHARE = 0.25
DEV_SPEAKER_SHARE = 0.15
# Families held out of train and dev entirely (leave-one-generator-out).
HELD_OUT_FAMILIES = {"festival"}

# --- normalisation ----------------------------------------------------------------------------
TARGET_RMS_DB = -26.0
RMS_JITTER_DB = 4.0
PEAK_CEILING_DB = -1.0
PAD_RANGE_S = (0.05, 0.35)
TRIM_THRESHOLD = "1%"             # of full scale, after peak-normalising to -3 dBFS
TRIM_MIN_S = "0.02"
BAND = "300-3400"
MIN_DURATION_S = 0.25
TILT_RANGE_DB = 3.0               # seeded spectral tilt, dB per octave around 1 kHz, +-this
EDGE_TBW_HZ = 50                  # transition width of the band filter after equalisation
EQ_TAPS = 255                     # linear-phase FIR of the long-term spectrum equaliser
EQ_MAX_DB = 12.0                  # clamp of the equaliser's correction per band
EQ_BANDS_HZ = [300, 400, 500, 630, 800, 1000, 1250, 1600, 2000, 2500, 3150, 3400]
CODECS = ["none", "mulaw8k", "gsm8k", "mp3"]
MP3_KBPS = [16, 24, 32]

# --- stage 2: vocoded copies of genuine speech (vocoders.py) ----------------------------------
# Every genuine utterance of a train speaker gets one copy by a seeded choice of TRAIN_VOCODERS;
# every genuine utterance of a dev speaker gets one such copy plus one by each DEV_ONLY_VOCODERS,
# so that dev measures generalisation to a vocoder family that training never sees. Eval
# speakers get no copies: eval keeps exactly the stage-1 attacks (festival is the unseen family).
TRAIN_VOCODERS = ["lpc", "relp", "hnm"]
DEV_ONLY_VOCODERS = ["griffinlim"]

MANIFEST_HEADER = ["utt_id", "label", "generator", "family", "speaker", "language", "text",
                   "source_path", "source_sha256", "output_sha256", "duration_s", "seed",
                   "params", "copy_of"]


def rng(*key):
    h = hashlib.sha256(("%d|" % SEED + "|".join(map(str, key))).encode("utf-8")).digest()
    return random.Random(int.from_bytes(h[:8], "big"))


def sha256_file(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def short_id(*parts):
    return hashlib.sha256("|".join(parts).encode("utf-8")).hexdigest()[:16]


def run(cmd, **kw):
    p = subprocess.run(cmd, capture_output=True, text=True, **kw)
    if p.returncode != 0:
        raise RuntimeError("%s failed (%d): %s" % (cmd[0], p.returncode, p.stderr.strip()[-400:]))
    return p


def version_of(pkg):
    p = subprocess.run(["dpkg-query", "-W", "-f=${Version}", pkg], capture_output=True, text=True)
    return p.stdout.strip() or "absent"


# --- selection ------------------------------------------------------------------------------
def read_sources():
    with open(os.path.join(HERE, "sources.tsv"), encoding="utf-8") as f:
        header = f.readline().rstrip("\n").split("\t")
        return [dict(zip(header, line.rstrip("\n").split("\t"))) for line in f]


def select_genuine(sources):
    """Seeded per-speaker sample. Asterisk: pick prompts, then wav (8 kHz) or g722 (16 kHz)."""
    by_speaker, seen = {}, set()
    for s in sources:   # byte-identical files (ktuberling duplicates) enter the corpus once
        if s["sha256"] in seen:
            continue
        seen.add(s["sha256"])
        by_speaker.setdefault(s["speaker"], []).append(s)
    chosen = []
    for spk in sorted(by_speaker):
        files = by_speaker[spk]
        if spk.startswith("asterisk:"):
            prompts = {}
            for s in files:
                prompts.setdefault(os.path.splitext(s["path"])[0], []).append(s)
            keys = sorted(prompts)
            picked = rng("genuine", spk).sample(keys, min(CAP_ASTERISK_PER_VOICE, len(keys)))
            for k in sorted(picked):
                variants = sorted(prompts[k], key=lambda s: s["path"])
                chosen.append(rng("variant", k).choice(variants))
        elif spk.startswith(("klettres:", "ktuberling:")):
            picked = rng("genuine", spk).sample(files, min(CAP_SMALL_SPEAKER, len(files)))
            chosen.extend(sorted(picked, key=lambda s: s["path"]))
        else:
            chosen.extend(files)
    return chosen


def clean_text(t):
    return " ".join(re.sub(r"[^\w .,?'-]", " ", t).split())


def text_pools(sources):
    """Per language: English from pocketsphinx transcripts and asterisk-en glosses; others digits."""
    en = set()
    for s in sources:
        if s["speaker"].startswith("pocketsphinx:") and s["transcript"]:
            en.add(s["transcript"])
        elif s["speaker"] == "asterisk:en_US_f_Allison" and len(s["transcript"].split()) >= 2 \
                and not re.search(r"\d", s["transcript"]):
            en.add(s["transcript"])
    for line in open("/usr/share/pocketsphinx/test/data/tidigits/tidigits.lsn", encoding="utf-8"):
        en.add(" ".join(line.split("(")[0].split()))
    pools = {"en": sorted(clean_text(t) for t in en if clean_text(t))}
    for lang in ("es", "fr", "it", "ru"):
        r = rng("digits", lang)
        texts = []
        for _ in range(200):
            if r.random() < 0.5:
                texts.append(" ".join(str(r.randrange(10)) for _ in range(r.randint(3, 7))))
            else:
                texts.append("%d, %d" % (r.randint(10, 9999), r.randint(1, 99)))
        pools[lang] = texts
    # Short items (letters, syllables, single numbers) so that synthetic durations cover the
    # short genuine klettres/ktuberling clips too: duration must not separate the classes.
    short = {lang: set() for lang in pools}
    for s in sources:
        lang = s["language"].split("_")[0]
        if s["speaker"].startswith("klettres:") and lang in ("en", "es", "fr", "it"):
            short[lang].add(clean_text(s["transcript"]).lower())
    for lang in short:
        r = rng("short", lang)
        short[lang] |= {str(r.randint(0, 99)) for _ in range(40)}
        short[lang].discard("")
    return pools, {lang: sorted(v) for lang, v in short.items()}


def synthetic_jobs(pools, short_pools):
    jobs = []
    voices = [("espeak-ng", v, lang) for lang in sorted(ESPEAK_VOICES) for v in ESPEAK_VOICES[lang]]
    voices += [("flite", v, "en") for v in FLITE_VOICES]
    voices += [("festival", v, lang) for v, lang in FESTIVAL_VOICES]
    for family, voice, lang in voices:
        n = TEXTS_PER_VOICE["en" if lang == "en" else "other"]
        n_short = int(round(n * SHORT_TEXT_SHARE))
        r = rng("texts", family, voice)
        texts = r.sample(pools[lang], min(n - n_short, len(pools[lang])))
        texts += r.sample(short_pools[lang], min(n_short, len(short_pools[lang])))
        for text in texts:
            gen = "%s:%s" % (family, voice)
            utt = "s_" + short_id(gen, text)
            p = rng("synth", utt)
            if family == "espeak-ng":
                params = {"rate": p.randint(140, 190), "pitch": p.randint(25, 75)}
            else:
                params = {"stretch": round(p.uniform(0.85, 1.15), 3)}
            jobs.append({"utt": utt, "family": family, "voice": voice, "generator": gen,
                         "language": lang, "speaker": SHARED_VOICE.get(gen, gen), "text": text, "synth": params})
    return jobs


# --- synthesis --------------------------------------------------------------------------------
def synth_one(job, raw_dir):
    out = os.path.join(raw_dir, job["utt"] + ".wav")
    if job["family"] == "espeak-ng":
        run(["espeak-ng", "-v", job["voice"], "-s", str(job["synth"]["rate"]),
             "-p", str(job["synth"]["pitch"]), "-w", out, job["text"]])
    elif job["family"] == "flite":
        run(["flite", "-voice", job["voice"], "--setf",
             "duration_stretch=%s" % job["synth"]["stretch"], "-t", job["text"], "-o", out])
    return out


def synth_festival(job, raw_dir):
    """One fresh festival process per utterance: a long batch carried state between utterances
    and once rendered one of 915 differently on a rerun; isolated runs are bit-identical."""
    text = job["text"].replace("\\", " ").replace('"', " ")
    script = "\n".join([
        "(voice_%s)" % job["voice"],
        "(Parameter.set 'Duration_Stretch %s)" % job["synth"]["stretch"],
        '(utt.save.wave (utt.synth (Utterance Text "%s")) "%s" \'riff)'
        % (text, os.path.join(raw_dir, job["utt"] + ".wav"))]) + "\n"
    run(["festival", "--pipe"], input=script)


# --- normalisation ----------------------------------------------------------------------------
def decode_args(path):
    """sox input arguments for one source file, or None when ffmpeg must decode it first."""
    if path.endswith(".raw"):
        return ["-t", "raw", "-r", "16000", "-e", "signed", "-b", "16", "-c", "1", path]
    if path.endswith(".g722"):
        return None
    return [path]


def decode_8k(src, work, key):
    """A source file as float64 mono samples at 8 kHz (the vocoders' rate)."""
    args = decode_args(src)
    tmp = None
    if args is None:
        tmp = os.path.join(work, key + ".dec.wav")
        run(["ffmpeg", "-nostdin", "-loglevel", "error", "-y", "-f", "g722", "-i", src,
             "-fflags", "+bitexact", "-flags:a", "+bitexact", "-ac", "1", "-c:a", "pcm_s16le", tmp])
        args = [tmp]
    p = subprocess.run(["sox", "-R"] + args + ["-t", "f32", "-", "remix", "-", "rate", "-v", "8000"],
                       capture_output=True, check=True)
    if tmp:
        os.unlink(tmp)
    return np.frombuffer(p.stdout, dtype="<f4").astype(np.float64)


def vocode_one(job, raw_dir, work):
    """Copy-synthesis of one genuine source; writes raw/<utt>.wav (8 kHz s16), returns params."""
    x = decode_8k(job["source"], work, job["utt"])
    g = np.random.default_rng(rng("vocoder", job["utt"]).getrandbits(64))
    y, params = vocoders.vocode(job["method"], x, g)
    with wave.open(os.path.join(raw_dir, job["utt"] + ".wav"), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(vocoders.FS)
        w.writeframes(np.round(y * 32767).astype("<i2").tobytes())
    return params


def read_f32(path):
    p = subprocess.run(["sox", path, "-t", "f32", "-c", "1", "-"], capture_output=True, check=True)
    return np.frombuffer(p.stdout, dtype="<f4").astype(np.float64)


def reference_ltas_db(f):
    """Fixed target: flat to 500 Hz, then -6 dB per octave (a smooth speech-like slope)."""
    return -6.0 * np.log2(np.maximum(f, 500.0) / 500.0)


def write_equaliser(x, tilt_db_per_oct, path):
    """Linear-phase FIR taking x's long-term spectrum to the reference, plus a seeded tilt.
    Corrections are per band (EQ_BANDS_HZ, interpolated in log frequency), clamped."""
    n = 512
    frames = [x[i:i + n] * np.hanning(n) for i in range(0, len(x) - n, n // 2)] or [np.zeros(n)]
    psd = np.mean([np.abs(np.fft.rfft(fr)) ** 2 for fr in frames], axis=0) + 1e-20
    f = np.fft.rfftfreq(n, 1 / 16000.0)
    edges = EQ_BANDS_HZ
    centres = np.sqrt(np.array(edges[:-1]) * np.array(edges[1:]))
    band_db = np.array([10 * np.log10(psd[(f >= lo) & (f < hi)].mean())
                        for lo, hi in zip(edges[:-1], edges[1:])])
    corr = reference_ltas_db(centres) - band_db
    corr -= np.mean(corr)      # level is set later; only the shape is corrected here
    corr = np.clip(corr, -EQ_MAX_DB, EQ_MAX_DB)
    fg = np.fft.rfftfreq(1024, 1 / 16000.0)
    lf = np.log2(np.clip(fg, centres[0], centres[-1]))
    gain_db = np.interp(lf, np.log2(centres), corr)
    gain_db += tilt_db_per_oct * np.log2(np.clip(fg, 300.0, 3400.0) / 1000.0)
    h = np.fft.irfft(10 ** (gain_db / 20.0))
    h = np.roll(h, EQ_TAPS // 2)[:EQ_TAPS] * np.hanning(EQ_TAPS)
    with open(path, "w") as fh:
        fh.write("\n".join("%.9e" % c for c in h) + "\n")


def stats(path):
    err = run(["sox", path, "-n", "stats"]).stderr
    rms = float(re.search(r"RMS lev dB\s+(-?[\d.]+|-inf)", err).group(1))
    pk = float(re.search(r"Pk lev dB\s+(-?[\d.]+|-inf)", err).group(1))
    return rms, pk


def normalise(src, out, utt, work):
    """Decode -> mono 8 kHz -> trim -> band-limit -> 16 kHz -> LTAS eq + tilt -> level -> pad -> codec -> 16 kHz s16 wav."""
    r = rng("normalise", utt)
    gain_target = TARGET_RMS_DB + r.uniform(-RMS_JITTER_DB, RMS_JITTER_DB)
    pad_a, pad_b = r.uniform(*PAD_RANGE_S), r.uniform(*PAD_RANGE_S)
    codec = r.choice(CODECS)
    kbps = r.choice(MP3_KBPS)
    tilt = r.uniform(-TILT_RANGE_DB, TILT_RANGE_DB)
    t1, t2, t3 = (os.path.join(work, utt + s) for s in (".1.wav", ".2.wav", ".3"))
    args = decode_args(src)
    if args is None:
        t0 = os.path.join(work, utt + ".0.wav")
        run(["ffmpeg", "-nostdin", "-loglevel", "error", "-y", "-f", "g722", "-i", src,
             "-fflags", "+bitexact", "-flags:a", "+bitexact", "-ac", "1", "-c:a", "pcm_s16le", t0])
        args = [t0]
    run(["sox", "-R"] + args + ["-b", "32", "-e", "floating-point", t1, "remix", "-",
         # Every utterance goes through 8 kHz so that nothing above 4 kHz survives in either
         # class: a wideband residue below the band filter's stop-band is still a ranking cue.
         "rate", "-v", "8000", "norm", "-3",
         "silence", "1", TRIM_MIN_S, TRIM_THRESHOLD, "reverse",
         "silence", "1", TRIM_MIN_S, TRIM_THRESHOLD, "reverse", "sinc", BAND, "rate", "-v", "16000"])
    dur = float(run(["soxi", "-D", t1]).stdout.strip() or 0)
    if dur < MIN_DURATION_S:
        return None
    # Long-term spectrum equalisation plus seeded tilt: the generators are brighter than the
    # genuine voices on average (about 6 dB more at 3-3.4 kHz), which a random tilt alone
    # does not hide. Every utterance is brought to one reference long-term spectrum first.
    coef = os.path.join(work, utt + ".fir")
    write_equaliser(read_f32(t1), tilt, coef)
    t1e = os.path.join(work, utt + ".1e.wav")
    # The steep band filter again afterwards: the equaliser lifts whatever residue the first
    # filter left at the band edges, and that residue differs between 8 kHz and wideband sources.
    run(["sox", "-R", t1, "-b", "32", "-e", "floating-point", t1e, "fir", coef,
         "sinc", "-t", str(EDGE_TBW_HZ), BAND])
    os.replace(t1e, t1)
    os.unlink(coef)
    rms, pk = stats(t1)
    gain = gain_target - rms
    if pk + gain > PEAK_CEILING_DB:
        gain = PEAK_CEILING_DB - pk
    run(["sox", "-R", t1, "-b", "32", "-e", "floating-point", t2, "gain", "%.3f" % gain,
         "pad", "%.3f" % pad_a, "%.3f" % pad_b])
    if codec == "none":
        run(["sox", "-R", t2, "-b", "16", out])
    elif codec == "mulaw8k":
        run(["sox", "-R", t2, "-t", "wav", "-e", "u-law", "-b", "8", t3, "rate", "-v", "8000"])
        run(["sox", "-R", "-t", "wav", t3, "-b", "16", out, "rate", "-v", "16000"])
    elif codec == "gsm8k":
        run(["sox", "-R", t2, "-t", "gsm", t3, "rate", "-v", "8000"])
        run(["sox", "-R", "-t", "gsm", "-r", "8000", "-c", "1", t3, "-b", "16", out,
             "rate", "-v", "16000"])
    else:
        run(["sox", "-R", t2, "-t", "mp3", "-C", str(kbps), t3])
        run(["sox", "-R", "-t", "mp3", t3, "-b", "16", out, "rate", "-v", "16000"])
    for t in (t1, t2, t3, os.path.join(work, utt + ".0.wav")):
        if os.path.exists(t):
            os.unlink(t)
    params = "ltas_eq=%d-taps;tilt_db_per_oct=%.3f;gain_db=%.3f;rms_target_db=%.3f;pad_s=%.3f,%.3f;band=%s;codec=%s" % (
        EQ_TAPS, tilt, gain, gain_target, pad_a, pad_b, BAND, codec + ("@%dk" % kbps if codec == "mp3" else ""))
    return params


def fresh_output(out):
    """Wipes out/ and makes its wav/ (kept), raw/ and work/ (scratch) folders; returns the three."""
    if os.path.exists(out):
        shutil.rmtree(out)
    dirs = tuple(os.path.join(out, d) for d in ("wav", "raw", "work"))
    for d in dirs:
        os.makedirs(d)
    return dirs


# --- splits -----------------------------------------------------------------------------------
def assign_splits(rows):
    """Speaker-disjoint: per source family, in seeded speaker order, the first quarter of the
    speakers (at least one when the family has two) is eval, the next 15% (at least one when it
    has three) dev, the rest train. Speakers voiced by a held-out family are eval only."""
    families_of = {}
    for r in rows:
        families_of.setdefault(r["speaker"], set()).add(r["family"])
    split_of = {}
    by_family = {}
    for r in rows:
        spk = r["speaker"]
        if families_of[spk] & HELD_OUT_FAMILIES:
            split_of[spk] = "eval"   # a speaker voiced by a held-out generator is eval-only
            continue
        fam = min(families_of[spk])
        by_family.setdefault(fam, {}).setdefault(spk, 0)
        by_family[fam][spk] += 1
    for fam in sorted(by_family):
        spk_counts = by_family[fam]
        order = sorted(spk_counts)
        rng("split", fam).shuffle(order)
        n = len(order)
        n_eval = max(1, round(EVAL_SPEAKER_SHARE * n)) if n >= 2 else 0
        n_dev = max(1, round(DEV_SPEAKER_SHARE * n)) if n >= 3 else 0
        for i, spk in enumerate(order):
            split_of[spk] = "eval" if i < n_eval else ("dev" if i < n_eval + n_dev else "train")
    return split_of


def vocoder_jobs(genuine, split_of):
    """Stage 2: copy-synthesis jobs for the genuine sources of train and dev speakers."""
    jobs = []
    for s in genuine:
        split = split_of[s["speaker"]]
        if split == "eval":
            continue
        genuine_utt = "g_" + short_id(s["path"])
        methods = [rng("vocoder-choice", genuine_utt).choice(TRAIN_VOCODERS)]
        if split == "dev":
            methods += DEV_ONLY_VOCODERS
        for m in methods:
            jobs.append({"utt": "v_" + short_id("vocoder:" + m, s["path"]), "method": m,
                         "source": "/" + s["path"], "source_sha256": s["sha256"], "copy_of": genuine_utt,
                         "speaker": s["speaker"], "language": s["language"], "text": s["transcript"]})
    return jobs


def family_of_source(speaker):
    return speaker.split(":")[0]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", default=os.path.join(HERE, "target"))
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--limit", type=int, default=0,
                    help="keep only the first N genuine and N synthetic jobs (for quick checks)")
    args = ap.parse_args()

    out = os.path.abspath(args.out)
    wav_dir, raw_dir, work = fresh_output(out)

    sources = read_sources()
    genuine = select_genuine(sources)
    synth = synthetic_jobs(*text_pools(sources))
    if args.limit:
        genuine, synth = genuine[:args.limit], synth[:args.limit]

    # Speaker splits are decided by the speakers (never by the vocoded copies, which keep their
    # source's speaker); stage 2 needs them before normalisation to copy train/dev speakers only.
    planned = [{"speaker": s["speaker"], "family": family_of_source(s["speaker"])} for s in genuine]
    planned += [{"speaker": j["speaker"], "family": j["family"]} for j in synth]
    planned_split = assign_splits(planned)
    vocoded = vocoder_jobs(genuine, planned_split)
    if args.limit:
        vocoded = vocoded[:args.limit]

    # 1. synthesis: one process per utterance, so no utterance depends on another
    with ThreadPoolExecutor(args.jobs) as ex:
        list(ex.map(lambda j: synth_festival(j, raw_dir) if j["family"] == "festival"
                    else synth_one(j, raw_dir), synth))
        vocoder_params = list(ex.map(lambda j: vocode_one(j, raw_dir, work), vocoded))

    # 2. normalisation of everything, genuine and synthetic alike
    items = []
    for s in genuine:
        utt = "g_" + short_id(s["path"])
        items.append({"utt": utt, "label": "genuine", "generator": "genuine",
                      "family": family_of_source(s["speaker"]), "speaker": s["speaker"],
                      "language": s["language"], "text": s["transcript"],
                      "source_path": "/" + s["path"], "source_sha256": s["sha256"],
                      "synth": "src_format=%s" % s["format"]})
    for j in synth:
        raw = os.path.join(raw_dir, j["utt"] + ".wav")
        items.append({"utt": j["utt"], "label": "attack", "generator": j["generator"],
                      "family": j["family"], "speaker": j["speaker"], "language": j["language"],
                      "text": j["text"], "source_path": raw,
                      "source_sha256": sha256_file(raw) if os.path.exists(raw) else "",
                      "synth": ";".join("%s=%s" % kv for kv in sorted(j["synth"].items()))})

    for j, vp in zip(vocoded, vocoder_params):
        raw = os.path.join(raw_dir, j["utt"] + ".wav")
        items.append({"utt": j["utt"], "label": "attack", "generator": "vocoder:" + j["method"],
                      "family": "vocoder", "speaker": j["speaker"], "language": j["language"],
                      "text": j["text"], "source_path": j["source"], "source_sha256": j["source_sha256"],
                      "raw": raw, "copy_of": j["copy_of"], "synth": "vocoder=%s;%s" % (j["method"], vp)})

    def work_item(it):
        if not it["source_sha256"]:
            return it, None, "synthesis produced no file"
        dst = os.path.join(wav_dir, it["utt"] + ".wav")
        try:
            params = normalise(it.get("raw", it["source_path"]), dst, it["utt"], work)
        except RuntimeError as e:
            return it, None, str(e).replace("\t", " ").replace("\n", " ")
        return it, params, None if params else "shorter than %.2f s after trimming" % MIN_DURATION_S

    with ThreadPoolExecutor(args.jobs) as ex:
        results = list(ex.map(work_item, items))

    rows, skipped = [], []
    for it, params, why in results:
        if why:
            src = it["source_path"]
            if it["label"] == "attack" and it["family"] != "vocoder":
                src = "raw/" + it["utt"] + ".wav"
            skipped.append((it["utt"], src, why))
            continue
        dst = os.path.join(wav_dir, it["utt"] + ".wav")
        it["output_sha256"] = sha256_file(dst)
        it["duration_s"] = "%.3f" % float(run(["soxi", "-D", dst]).stdout.strip())
        it["utt_id"] = it["utt"]
        it["seed"] = str(SEED)
        it["params"] = it["synth"] + ";" + params
        if it["label"] == "attack" and it["family"] != "vocoder":
            it["source_path"] = "raw/" + it["utt"] + ".wav"   # raw synthetic audio is scratch
        it.setdefault("copy_of", "")   # vocoded copies keep their genuine source's path and sha256
        rows.append(it)
    rows.sort(key=lambda r: r["utt"])
    shutil.rmtree(raw_dir)
    shutil.rmtree(work)

    with open(os.path.join(out, "corpus-manifest.tsv"), "w", encoding="utf-8", newline="\n") as f:
        f.write("# bonafide corpus stage 2; seed=%d\n" % SEED)
        for pkg in GENERATOR_PACKAGES:
            f.write("# package\t%s\t%s\n" % (pkg, version_of(pkg)))
        f.write("# python\t%s\n" % sys.version.split()[0])
        f.write("# numpy\t%s\n" % np.__version__)   # the equaliser's and the vocoders' FFTs
        f.write("\t".join(MANIFEST_HEADER) + "\n")
        for r in rows:
            f.write("\t".join(r[k].replace("\t", " ") for k in MANIFEST_HEADER) + "\n")
    split_of = assign_splits(rows)
    for r in rows:   # a vocoded copy must never reach eval, and splits must be the planned ones
        if split_of[r["speaker"]] != planned_split[r["speaker"]] or \
                (r["family"] == "vocoder" and split_of[r["speaker"]] == "eval"):
            raise RuntimeError("split of %s changed after normalisation" % r["speaker"])
    with open(os.path.join(out, "splits.tsv"), "w", encoding="utf-8", newline="\n") as f:
        f.write("utt_id\tsplit\tlabel\tgenerator\tspeaker\n")
        for r in rows:
            f.write("%s\t%s\t%s\t%s\t%s\n" % (r["utt"], split_of[r["speaker"]], r["label"],
                                              r["generator"], r["speaker"]))
    with open(os.path.join(out, "skipped.tsv"), "w", encoding="utf-8", newline="\n") as f:
        f.write("utt_id\tsource\treason\n")
        for s in sorted(skipped):
            f.write("\t".join(s) + "\n")
    print("corpus: %d utterances, %d skipped -> %s" % (len(rows), len(skipped), out),
          file=sys.stderr)


if __name__ == "__main__":
    main()
