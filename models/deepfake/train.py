#!/usr/bin/python3
"""Trains Bonafide's raw-waveform deepfake detector and exports it to ONNX with its model.json.

Run with Debian's PyTorch: /usr/bin/python3 models/deepfake/train.py --corpus models/corpus/target
--dev-trials models/deepfake/target/trials --out models/deepfake/1.0.0. Reads splits.tsv (utt_id,
split, label, generator, speaker) and wav/<utt_id>.wav (16 kHz mono 16-bit PCM) of both. Learns
from the corpus' train split only (random 4 s crops; shorter utterances repeated to fill), keeps
the epoch with the lowest dev-trial EER and calibrates on dev trials (never on eval), exports:
  model.onnx  input  waveform      float [batch, 64000]  (4 s at 16 kHz)
              output logit_genuine float [batch]         (log-odds of genuine, uncalibrated)
              output embedding     float [batch, 64]
  model.json  the descriptor the Java runtime reads (window 4 s, hop 2 s, min 3 s, affine calibration)
  training.json  seeds, data counts, losses, dev figures.
Deterministic: fixed seeds, one thread, deterministic algorithms, sorted inputs.
"""
import argparse
import hashlib
import json
import math
import os
import random
import sys
import wave

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

RATE = 16000
WINDOW = 4 * RATE
HOP = 2 * RATE
MIN_SAMPLES = 3 * RATE
EMBEDDING = 64


def read_wav(path):
    with wave.open(path, "rb") as w:
        if w.getsampwidth() != 2 or w.getframerate() != RATE or w.getnchannels() != 1:
            raise ValueError("%s: expected 16 kHz mono 16-bit PCM" % path)
        data = np.frombuffer(w.readframes(w.getnframes()), dtype="<i2").astype(np.float32) / 32768.0
    return data


def fit_window(x, offset=0):
    """A 4 s window from offset; shorter audio is repeated to fill it (as the Java scorer pads)."""
    if len(x) >= offset + WINDOW:
        return x[offset:offset + WINDOW]
    reps = int(math.ceil(WINDOW / max(1, len(x))))
    return np.tile(x, reps)[:WINDOW]


def windows_of(x):
    """The windows the Java WaveformScorer cuts: every hop, plus one ending at the end."""
    if len(x) < MIN_SAMPLES:
        return []
    if len(x) <= WINDOW:
        return [fit_window(x)]
    starts = list(range(0, len(x) - WINDOW + 1, HOP))
    if starts[-1] + WINDOW < len(x):
        starts.append(len(x) - WINDOW)
    return [x[s:s + WINDOW] for s in starts]


class RawWaveformNet(nn.Module):
    """Strided 1-D convolutions on the raw waveform, statistics pooling, a 64-d embedding, one logit."""

    def __init__(self):
        super().__init__()
        chans = [1, 32, 48, 64, 96, 128]
        kernels = [80, 5, 5, 5, 3]
        strides = [16, 2, 2, 2, 2]
        layers = []
        for i in range(5):
            layers += [nn.Conv1d(chans[i], chans[i + 1], kernels[i], stride=strides[i], padding=kernels[i] // 2),
                       nn.BatchNorm1d(chans[i + 1]), nn.ReLU()]
        self.features = nn.Sequential(*layers)
        self.embed = nn.Linear(2 * chans[-1], EMBEDDING)
        self.dropout = nn.Dropout(0.3)
        self.head = nn.Linear(EMBEDDING, 1)

    def forward(self, waveform):
        # Per-window level normalisation: loudness must not be a cue.
        x = waveform - waveform.mean(dim=1, keepdim=True)
        x = x / (x.pow(2).mean(dim=1, keepdim=True).sqrt() + 1e-4)
        h = self.features(x.unsqueeze(1))
        pooled = torch.cat([h.mean(dim=2), h.std(dim=2)], dim=1)
        embedding = F.relu(self.embed(pooled))
        return self.head(self.dropout(embedding)).squeeze(1), embedding


def utterance_scores(model, audio):
    model.eval()
    scores = []
    with torch.no_grad():
        for x in audio:
            ws = windows_of(x)
            if not ws:
                scores.append(None)
                continue
            logits, _ = model(torch.from_numpy(np.stack(ws)))
            scores.append(float(logits.mean()))
    return scores


def fit_calibration(scores, labels, l2=1e-2):
    """Prior-balanced logistic regression llr = a*s + b (labels: 1 genuine), L2-regularised so that
    a separable dev set cannot drive a to infinity; damped Newton steps on the convex objective."""
    s = np.asarray(scores, dtype=np.float64)
    y = np.asarray(labels, dtype=np.float64)
    w = np.where(y == 1, 0.5 / max(1, y.sum()), 0.5 / max(1, (1 - y).sum()))

    def objective(a, b):
        z = a * s + b
        return np.sum(w * (np.logaddexp(0, -z) * y + np.logaddexp(0, z) * (1 - y))) + 0.5 * l2 * a * a

    a, b = 1.0, 0.0
    for _ in range(200):
        p = 0.5 * (1 + np.tanh(0.5 * (a * s + b)))
        g = np.array([np.sum(w * (p - y) * s) + l2 * a, np.sum(w * (p - y))])
        h = np.array([[np.sum(w * p * (1 - p) * s * s) + l2, np.sum(w * p * (1 - p) * s)],
                      [np.sum(w * p * (1 - p) * s), np.sum(w * p * (1 - p)) + 1e-9]])
        step = np.linalg.solve(h, g)
        t, before = 1.0, objective(a, b)
        while objective(a - t * step[0], b - t * step[1]) > before and t > 1e-6:
            t *= 0.5
        a, b = a - t * step[0], b - t * step[1]
        if np.abs(t * step).max() < 1e-10:
            break
    return float(a), float(b)


def eer(scores, labels):
    s = np.asarray(scores)
    y = np.asarray(labels)
    best = (2.0, 0.0)
    for t in np.unique(s):
        frr = np.mean(s[y == 1] < t)
        far = np.mean(s[y == 0] >= t)
        best = min(best, (abs(frr - far), (frr + far) / 2))
    return best[1]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", required=True, help="utterance corpus: training audio (train split)")
    ap.add_argument("--dev-trials", required=True, help="trials of >= 4 s: epoch selection and calibration (dev split)")
    ap.add_argument("--out", required=True)
    ap.add_argument("--name", default="bonafide-deepfake-rawcnn")
    ap.add_argument("--version", default="1.0.0")
    ap.add_argument("--epochs", type=int, default=12)
    ap.add_argument("--steps-per-epoch", type=int, default=150)
    ap.add_argument("--batch", type=int, default=32)
    ap.add_argument("--seed", type=int, default=20261121)
    args = ap.parse_args()

    random.seed(args.seed)
    np.random.seed(args.seed)
    torch.manual_seed(args.seed)
    torch.set_num_threads(1)
    torch.use_deterministic_algorithms(True)

    def load(directory, split):
        rows = []
        with open(os.path.join(directory, "splits.tsv"), encoding="utf-8") as f:
            header = f.readline().rstrip("\n").split("\t")
            for line in f:
                rows.append(dict(zip(header, line.rstrip("\n").split("\t"))))
        rows.sort(key=lambda r: r["utt_id"])
        return [(read_wav(os.path.join(directory, "wav", r["utt_id"] + ".wav")), 1 if r["label"] == "genuine" else 0, r)
                for r in rows if r["split"] == split]

    data = {"train": load(args.corpus, "train"), "dev": load(args.dev_trials, "dev")}
    train = data["train"]
    genuine = [d for d in train if d[1] == 1]
    attacks = [d for d in train if d[1] == 0]
    print("train: %d genuine, %d attack; dev: %d" % (len(genuine), len(attacks), len(data["dev"])), file=sys.stderr)

    model = RawWaveformNet()
    optimiser = torch.optim.Adam(model.parameters(), lr=1e-3, weight_decay=1e-4)
    rng = np.random.default_rng(args.seed)
    history = []
    dev = [(x, y) for x, y, _ in data["dev"] if len(x) >= MIN_SAMPLES]
    best = (2.0, -1, None)
    for epoch in range(args.epochs):
        model.train()
        total = 0.0
        for _ in range(args.steps_per_epoch):
            batch, labels = [], []
            for i in range(args.batch):
                pool = genuine if i % 2 == 0 else attacks      # balanced batches
                x, y, _ = pool[rng.integers(len(pool))]
                offset = int(rng.integers(0, max(1, len(x) - WINDOW + 1))) if len(x) > WINDOW else 0
                w = fit_window(x, offset) * float(10 ** (rng.uniform(-6, 6) / 20))   # level jitter
                batch.append(w)
                labels.append(y)
            logits, _ = model(torch.from_numpy(np.stack(batch).astype(np.float32)))
            loss = F.binary_cross_entropy_with_logits(logits, torch.tensor(labels, dtype=torch.float32))
            optimiser.zero_grad()
            loss.backward()
            optimiser.step()
            total += float(loss)
        history.append(total / args.steps_per_epoch)
        epoch_eer = eer(utterance_scores(model, [x for x, _ in dev]), [y for _, y in dev])
        print("epoch %d loss %.4f dev EER %.2f%%" % (epoch + 1, history[-1], 100 * epoch_eer), file=sys.stderr)
        if epoch_eer < best[0]:
            best = (epoch_eer, epoch + 1, {k: v.clone() for k, v in model.state_dict().items()})
    model.load_state_dict(best[2])
    print("kept epoch %d" % best[1], file=sys.stderr)

    dev_scores = utterance_scores(model, [x for x, _ in dev])
    dev_labels = [y for _, y in dev]
    a, b = fit_calibration(dev_scores, dev_labels)
    dev_eer = eer(dev_scores, dev_labels)
    print("dev: %d trials, EER %.2f%%, calibration a=%.4f b=%.4f" % (len(dev), 100 * dev_eer, a, b), file=sys.stderr)

    os.makedirs(args.out, exist_ok=True)
    onnx_path = os.path.join(args.out, "model.onnx")
    model.eval()
    torch.onnx.export(model, torch.zeros(1, WINDOW), onnx_path, input_names=["waveform"],
                      output_names=["logit_genuine", "embedding"], opset_version=13,
                      dynamic_axes={"waveform": {0: "batch"}, "logit_genuine": {0: "batch"},
                                    "embedding": {0: "batch"}})
    with open(onnx_path, "rb") as f:
        sha = hashlib.sha256(f.read()).hexdigest()
    descriptor = {
        "name": args.name, "version": args.version, "kind": "onnx", "file": "model.onnx", "sha256": sha,
        "input": {"kind": "raw_waveform", "name": "waveform", "sample_rate": RATE, "window_seconds": 4.0,
                  "hop_seconds": 2.0, "min_seconds": 3.0},
        "output": {"score": "logit_genuine", "score_meaning": "logit_genuine", "embedding": "embedding",
                   "embedding_size": EMBEDDING},
        "aggregation": "mean",
        "calibration": {"kind": "affine", "a": a, "b": b},
        "batch_size": 8,
    }
    with open(os.path.join(args.out, "model.json"), "w", encoding="utf-8") as f:
        json.dump(descriptor, f, indent=2)
        f.write("\n")
    with open(os.path.join(args.out, "training.json"), "w", encoding="utf-8") as f:
        json.dump({"seed": args.seed, "epochs": args.epochs, "steps_per_epoch": args.steps_per_epoch,
                   "batch": args.batch, "train_genuine": len(genuine), "train_attack": len(attacks),
                   "dev_trials": len(dev), "dev_eer": dev_eer, "kept_epoch": best[1], "loss_per_epoch": history,
                   "torch": torch.__version__, "calibration": {"a": a, "b": b}}, f, indent=2)
        f.write("\n")


if __name__ == "__main__":
    main()
