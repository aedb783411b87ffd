#!/usr/bin/python3
"""Joins corpus utterances into trials of at least 4 s, the length the deepfake detector judges.

Most corpus utterances are prompts of 1-3 s, and SPEC 2 gives no deepfake score under 3 s. A trial
is consecutive utterances (seeded order) of ONE speaker and ONE generator within one split, joined
end to end (each already carries its own 0.05-0.35 s padding) until it reaches --min-seconds. The
leftover of a group shorter than that is dropped and counted. Output, laid out like the corpus so
`bonafide evaluate --corpus` reads it: <out>/wav/<trial>.wav, <out>/splits.tsv, <out>/trials.tsv.
Usage: /usr/bin/python3 models/deepfake/make_trials.py --corpus models/corpus/target --out models/deepfake/target/trials
"""
import argparse
import hashlib
import os
import random
import shutil
import sys
import wave

SEED = 20261121


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--min-seconds", type=float, default=4.0)
    args = ap.parse_args()

    rows = []
    with open(os.path.join(args.corpus, "splits.tsv"), encoding="utf-8") as f:
        header = f.readline().rstrip("\n").split("\t")
        for line in f:
            rows.append(dict(zip(header, line.rstrip("\n").split("\t"))))
    groups = {}
    for r in sorted(rows, key=lambda r: r["utt_id"]):
        groups.setdefault((r["split"], r["label"], r["generator"], r["speaker"]), []).append(r["utt_id"])

    if os.path.exists(args.out):
        shutil.rmtree(args.out)
    os.makedirs(os.path.join(args.out, "wav"))
    splits, trials, dropped = [], [], 0
    for key in sorted(groups):
        split, label, generator, speaker = key
        utts = groups[key]
        random.Random("%d|%s" % (SEED, "|".join(key))).shuffle(utts)
        current, frames = [], []
        for utt in utts:
            with wave.open(os.path.join(args.corpus, "wav", utt + ".wav"), "rb") as w:
                params = w.getparams()
                frames.append(w.readframes(w.getnframes()))
            current.append(utt)
            if sum(len(b) for b in frames) / 2 / params.framerate >= args.min_seconds:
                trial = "t_" + hashlib.sha256("|".join(current).encode()).hexdigest()[:12]
                with wave.open(os.path.join(args.out, "wav", trial + ".wav"), "wb") as out:
                    out.setparams(params)
                    out.writeframes(b"".join(frames))
                splits.append((trial, split, label, generator, speaker))
                trials.append((trial, ",".join(current)))
                current, frames = [], []
        dropped += len(current)
    splits.sort()
    trials.sort()
    with open(os.path.join(args.out, "splits.tsv"), "w", encoding="utf-8", newline="\n") as f:
        f.write("utt_id\tsplit\tlabel\tgenerator\tspeaker\n")
        for s in splits:
            f.write("\t".join(s) + "\n")
    with open(os.path.join(args.out, "trials.tsv"), "w", encoding="utf-8", newline="\n") as f:
        f.write("trial\tutterances\n")
        for t in trials:
            f.write("\t".join(t) + "\n")
    counts = {}
    for _, split, label, _, _ in splits:
        counts[(split, label)] = counts.get((split, label), 0) + 1
    print("trials: %s; %d utterances left over" % (sorted(counts.items()), dropped), file=sys.stderr)


if __name__ == "__main__":
    main()
