#!/usr/bin/python3
"""Builds the replay corpus from the genuine utterances of the stage-2 corpus (models/corpus/target).

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
import os
import random
import shutil
import sys
from concurrent.futures import ProcessPoolExecutor

import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "corpus"))
import channels  # noqa: E402

SEED = 20261122
MIN_SECONDS = 4.0
MAX_BASE_PER_SPEAKER = 25
VERSIONS = 4
FAMILIES = {
    "train": dict(speakers=["phone", "laptop"], rooms=["shoebox-small", "sparse-a"], mics=["lavalier", "phone-mic"]),
    "dev": dict(speakers=["phone", "laptop"], rooms=["shoebox-small", "sparse-a"], mics=["lavalier", "phone-mic"]),
    "eval": dict(speakers=["bluetooth", "tablet"], rooms=["shoebox-large", "sparse-b"], mics=["headset", "array"]),
}


def rng(purpose, key):
    return random.Random(hashlib.sha256(("%d|%s|%s" % (SEED, purpose, key)).encode()).hexdigest())


def render(job):
    trial, split, label, sources, corpus, out = job
    fam = FAMILIES[split]
    rnd = rng("chain", trial)
    x = np.concatenate([channels.read_wav(os.path.join(corpus, "wav", u + ".wav")) for u in sources])
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
    args = ap.parse_args()

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
    jobs = []
    for (split, speaker) in sorted(groups):
        utts = groups[(split, speaker)]
        rng("order", split + "|" + speaker).shuffle(utts)
        current, seconds, bases = [], 0.0, 0
        for utt in utts:
            if bases >= MAX_BASE_PER_SPEAKER:
                break
            import wave
            with wave.open(os.path.join(args.corpus, "wav", utt + ".wav"), "rb") as w:
                seconds += w.getnframes() / w.getframerate()
            current.append(utt)
            if seconds >= MIN_SECONDS:
                base = hashlib.sha256("|".join(current).encode()).hexdigest()[:12]
                for label in ("genuine", "replay"):
                    for v in range(VERSIONS):
                        trial = "%s_%s_%d" % ("r" if label == "replay" else "g", base, v)
                        jobs.append((trial, split, label, list(current), args.corpus, args.out, speaker))
                current, seconds, bases = [], 0.0, bases + 1
    with ProcessPoolExecutor(args.workers) as pool:
        results = list(pool.map(render, [j[:6] for j in jobs], chunksize=8))
    with open(os.path.join(args.out, "splits.tsv"), "w", encoding="utf-8") as s, \
            open(os.path.join(args.out, "trials.tsv"), "w", encoding="utf-8") as t:
        s.write("utt_id\tsplit\tlabel\tgenerator\tspeaker\n")
        t.write("trial\tsplit\tlabel\tspeaker\tsources\tparams\n")
        for job, (trial, generator, params) in zip(jobs, results):
            _, split, label, sources, _, _, speaker = job
            s.write("\t".join([trial, split, "genuine" if label == "genuine" else "attack", generator, speaker]) + "\n")
            t.write("\t".join([trial, split, label, speaker, ",".join(sources), json.dumps(params, sort_keys=True)]) + "\n")
    counts = {}
    for job in jobs:
        counts[(job[1], job[2])] = counts.get((job[1], job[2]), 0) + 1
    print("replay corpus:", ", ".join("%s %s %d" % (k[0], k[1], v) for k, v in sorted(counts.items())))


if __name__ == "__main__":
    main()
