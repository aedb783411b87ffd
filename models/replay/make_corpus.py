#!/usr/bin/python3
"""Builds the replay corpus from the genuine utterances of the stage-2 corpus (models/corpus/target).

Sources (default --source wideband, model 2.0.0): each genuine utterance is decoded again from its
allowed source file at the file's own bandwidth (asterisk prompts as the 16 kHz G.722 version of the
same recording), edge silence trimmed, -26 dBFS; source files whose own 60-250 Hz band lies more
than 15 dB under 300-3400 Hz are left out (those of eval speakers make the split eval-bandlimited).
--source stage2 reads the telephone-band stage-2 utterances instead (model 1.0.0).

A base trial is consecutive genuine utterances of ONE speaker (seeded order) joined to at least
4 s, inside that speaker's split (the stage-2 splits are speaker-disjoint). Each base trial gives
four genuine and four replayed versions, every one with its own seeded channel:

  genuine:  [room, p=0.7] -> microphone -> noise (10-30 dB SNR) -> level -> codec
  replayed: [original room, p=0.5] -> loudspeaker (colouration + non-linearity) -> room
            -> microphone -> noise -> level -> codec

so reverberation, microphones, noise and codecs occur in both classes and only the playback chain
separates them. Families (models/corpus/channels.py) are disjoint between train/dev and eval:
loudspeakers phone, laptop | bluetooth, tablet; rooms shoebox-small, sparse-a | shoebox-large,
sparse-b; microphones lavalier, phone-mic | headset, array. Every draw is seeded by
sha256(SEED|purpose|trial id), so a trial never depends on the others or on the run order.

Output (read by `bonafide train-xgboost` / `bonafide evaluate --corpus`): <out>/wav/<trial>.wav,
<out>/splits.tsv (utt_id split label generator speaker; generator = loudspeaker family for replayed
trials), <out>/trials.tsv (sources and every drawn parameter).
Usage: /usr/bin/python3 models/replay/make_corpus.py --corpus models/corpus/target --out models/replay/target/corpus
"""
import argparse
import hashlib
import json
import math
import os
import random
import shutil
import subprocess
import sys
from concurrent.futures import ProcessPoolExecutor

import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "corpus"))
import channels  # noqa: E402

SEED = 20261122
MIN_SECONDS = 4.0
MAX_BASE_PER_SPEAKER = 25
LOW_BAND_MIN_DB = -15.0
VERSIONS = 4
FAMILIES = {
    "eval-bandlimited": dict(speakers=["bluetooth", "tablet"], rooms=["shoebox-large", "sparse-b"], mics=["headset", "array"]),
    "train": dict(speakers=["phone", "laptop"], rooms=["shoebox-small", "sparse-a"], mics=["lavalier", "phone-mic"]),
    "dev": dict(speakers=["phone", "laptop"], rooms=["shoebox-small", "sparse-a"], mics=["lavalier", "phone-mic"]),
    "eval": dict(speakers=["bluetooth", "tablet"], rooms=["shoebox-large", "sparse-b"], mics=["headset", "array"]),
}


def rng(purpose, key):
    return random.Random(hashlib.sha256(("%d|%s|%s" % (SEED, purpose, key)).encode()).hexdigest())


def wideband_path(src):
    """The asterisk prompts exist as 8 kHz wav and as 16 kHz G.722 of the same recording (DATA.md
    allows both): the G.722 one keeps the talker's low and high frequencies."""
    if src.endswith(".wav") and "/asterisk/sounds/" in src:
        g722 = src[:-4] + ".g722"
        if os.path.exists(g722):
            return g722
    return src


def decode_16k(src):
    """One allowed source file as float64 mono samples at 16 kHz, at its own bandwidth."""
    src = wideband_path(src)
    if src.endswith(".g722"):
        p = subprocess.run(["ffmpeg", "-nostdin", "-loglevel", "error", "-f", "g722", "-i", src,
                            "-fflags", "+bitexact", "-flags:a", "+bitexact", "-ac", "1", "-ar", "16000",
                            "-f", "f32le", "-"], capture_output=True, check=True)
    else:
        args = ["-t", "raw", "-r", "16000", "-e", "signed", "-b", "16", "-c", "1", src] \
            if src.endswith(".raw") else [src]
        p = subprocess.run(["sox", "-R"] + args + ["-t", "f32", "-", "remix", "-", "rate", "-v", "16000"],
                           capture_output=True, check=True)
    return np.frombuffer(p.stdout, dtype="<f4").astype(np.float64)


def trim_and_level(x):
    """Leading/trailing frames more than 40 dB below the loudest 10 ms frame removed (50 ms kept
    around the speech), DC removed, RMS set to -26 dBFS: every source enters the chains alike."""
    frame = 160
    n = len(x) // frame
    if n == 0:
        return x
    energy = 10 * np.log10(np.mean(x[:n * frame].reshape(n, frame) ** 2, axis=1) + 1e-12)
    loud = np.nonzero(energy > energy.max() - 40)[0]
    start = max(0, loud[0] * frame - 800)
    end = min(len(x), (loud[-1] + 1) * frame + 800)
    y = x[start:end] - np.mean(x[start:end])
    return y * (10 ** (-26 / 20) / (np.sqrt(np.mean(y ** 2)) + 1e-12))


def load_source(utt, corpus, path):
    """The stage-2 utterance (telephone band) or, with a source path, the wideband original."""
    if path is None:
        return channels.read_wav(os.path.join(corpus, "wav", utt + ".wav"))
    return trim_and_level(decode_16k(path))


def seconds_and_low_band(item):
    """Duration and the source's own low band: 60-250 Hz power relative to 300-3400 Hz, dB."""
    utt, corpus, path = item
    x = load_source(utt, corpus, path)
    power = np.abs(np.fft.rfft(x)) ** 2
    f = np.fft.rfftfreq(len(x), 1 / channels.RATE)
    low = power[(f > 60) & (f < 250)].sum()
    voice = power[(f > 300) & (f < 3400)].sum()
    return len(x) / channels.RATE, 10 * math.log10((low + 1e-12) / (voice + 1e-12))


def render(job):
    trial, split, label, sources, corpus, out, paths = job
    fam = FAMILIES[split]
    rnd = rng("chain", trial)
    x = np.concatenate([load_source(u, corpus, p) for u, p in zip(sources, paths)])
    params = {}
    if label == "genuine":
        if rnd.random() < 0.7:
            x, params["room"] = channels.room(x, rnd.choice(fam["rooms"]), rnd)
    else:
        if rnd.random() < 0.5:
            x, params["original_room"] = channels.room(x, rnd.choice(fam["rooms"]), rnd)
        x, params["loudspeaker"] = channels.loudspeaker(x, rnd.choice(fam["speakers"]), rnd)
        x, params["room"] = channels.room(x, rnd.choice(fam["rooms"]), rnd)
    x, params["mic"] = channels.microphone(x, rnd.choice(fam["mics"]), rnd)
    # Ambient noise is mostly low-frequency; white (sensor) noise only at high SNR.
    colour = rnd.choice(["white", "pink", "brown"])
    snr = rnd.uniform(20, 30) if colour == "white" else rnd.uniform(10, 30)
    x = channels.add_noise(x, snr, colour, rnd)
    params["noise"] = dict(snr_db=round(snr, 1), colour=colour)
    x = channels.level(x, rnd)
    x, params["codec"] = channels.codec(x, rnd.choice(channels.CODECS), rnd)
    channels.write_wav(os.path.join(out, "wav", trial + ".wav"), x)
    generator = params["loudspeaker"]["family"] if label == "replay" else "genuine"
    return trial, generator, params


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--versions", type=int, default=VERSIONS,
                    help="genuine and replayed versions per base trial (each its own channel)")
    ap.add_argument("--source", choices=["wideband", "stage2"], default="wideband",
                    help="wideband: the allowed source files at their own bandwidth (asterisk as G.722); "
                         "stage2: the telephone-band stage-2 utterances (model 1.0.0)")
    args = ap.parse_args()
    source_paths = {utt: r["source_path"] if args.source == "wideband" else None
                    for utt, r in channels.read_manifest(args.corpus).items()}

    rows = []
    with open(os.path.join(args.corpus, "splits.tsv"), encoding="utf-8") as f:
        header = f.readline().rstrip("\n").split("\t")
        for line in f:
            r = dict(zip(header, line.rstrip("\n").split("\t")))
            if r["label"] == "genuine":
                rows.append(r)
    groups = {}
    for r in sorted(rows, key=lambda r: r["utt_id"]):
        groups.setdefault((r["split"], r["speaker"]), []).append(r["utt_id"])

    if os.path.exists(args.out):
        shutil.rmtree(args.out)
    os.makedirs(os.path.join(args.out, "wav"))
    ordered = sorted(u for utts in groups.values() for u in utts)
    with ProcessPoolExecutor(args.workers) as pool:
        measured = dict(zip(ordered, pool.map(
            seconds_and_low_band, [(u, args.corpus, source_paths[u]) for u in ordered], chunksize=16)))
    durations = {u: m[0] for u, m in measured.items()}
    if args.source == "wideband":
        # A source recorded without the talker's low band (some game/alphabet recordings are
        # telephone-band themselves) cannot show a loudspeaker's low-frequency loss: such sources
        # are kept out of train/dev/eval and, for eval speakers only, make the separate split
        # eval-bandlimited, reported beside the main figure.
        regrouped = {}
        for (split, speaker), utts in groups.items():
            for u in utts:
                narrow = measured[u][1] < LOW_BAND_MIN_DB
                if narrow and split != "eval":
                    continue
                regrouped.setdefault((split + "-bandlimited" if narrow else split, speaker), []).append(u)
        groups = regrouped
    jobs = []
    for (split, speaker) in sorted(groups):
        utts = groups[(split, speaker)]
        rng("order", split + "|" + speaker).shuffle(utts)
        current, seconds, bases = [], 0.0, 0
        for utt in utts:
            if bases >= MAX_BASE_PER_SPEAKER:
                break
            seconds += durations[utt]
            current.append(utt)
            if seconds >= MIN_SECONDS:
                base = hashlib.sha256("|".join(current).encode()).hexdigest()[:12]
                for label in ("genuine", "replay"):
                    for v in range(args.versions):
                        trial = "%s_%s_%d" % ("r" if label == "replay" else "g", base, v)
                        jobs.append((trial, split, label, list(current), args.corpus, args.out,
                                     [source_paths[u] for u in current], speaker))
                current, seconds, bases = [], 0.0, bases + 1
    with ProcessPoolExecutor(args.workers) as pool:
        results = list(pool.map(render, [j[:7] for j in jobs], chunksize=8))
    with open(os.path.join(args.out, "splits.tsv"), "w", encoding="utf-8") as s, \
            open(os.path.join(args.out, "trials.tsv"), "w", encoding="utf-8") as t:
        s.write("utt_id\tsplit\tlabel\tgenerator\tspeaker\n")
        t.write("trial\tsplit\tlabel\tspeaker\tsources\tparams\n")
        for job, (trial, generator, params) in zip(jobs, results):
            _, split, label, sources, _, _, _, speaker = job
            s.write("\t".join([trial, split, "genuine" if label == "genuine" else "attack", generator, speaker]) + "\n")
            t.write("\t".join([trial, split, label, speaker, ",".join(sources), json.dumps(params, sort_keys=True)]) + "\n")
    counts = {}
    for job in jobs:
        counts[(job[1], job[2])] = counts.get((job[1], job[2]), 0) + 1
    print("replay corpus:", ", ".join("%s %s %d" % (k[0], k[1], v) for k, v in sorted(counts.items())))


if __name__ == "__main__":
    main()
