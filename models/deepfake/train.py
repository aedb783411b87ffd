#!/usr/bin/python3
"""Trains Bonafide's deepfake detector and exports it to ONNX with its model.json.

Run with Debian's PyTorch: /usr/bin/python3 models/deepfake/train.py --corpus models/corpus/target
--dev-trials models/deepfake/target/trials --out models/deepfake/2.0.0. Reads splits.tsv (utt_id,
split, label, generator, speaker) and wav/<utt_id>.wav (16 kHz mono 16-bit PCM) of both. Learns
from the corpus' train split only, keeps the epoch with the lowest mean per-generator dev-trial EER
and calibrates on dev trials (never on eval), exports:
  model.onnx  input  waveform      float [batch, 64000]  (4 s at 16 kHz)
              output logit_genuine float [batch]         (log-odds of genuine, uncalibrated)
              output embedding     float [batch, 64]
  model.json  the descriptor the Java runtime reads (window 4 s, hop 2 s, min 3 s, affine calibration)
  training.json  seeds, data counts, losses, dev figures per epoch.
  dev-scores.tsv the raw torch score of every dev trial (calibration input; the Java pipeline's
                 dev scores through the exported graph must match them).

Model (2.0.0): a fixed front end inside the graph -- per-window level normalisation, a short-time
Fourier transform as a strided conv1d with a fixed Hann-windowed DFT basis (32 ms frames, 10 ms
hop), log power of the 104 bins from 250 to 3469 Hz (the corpus band-limits everything to
300-3400 Hz), per-bin mean removal over the window (cancels fixed channel colouration) -- then a
two-layer 2-D conv stem over (time, frequency), dilated 1-D convolutions over time, statistics
pooling, a 64-d embedding and one logit.

Training examples imitate the trials: utterances of one speaker and one generator (seeded order)
joined until a crop is filled (2 s by default; scoring uses 4 s windows), cut at a random offset. Augmentation: additive
white noise at 15-40 dB SNR, time and frequency masks on the log spectrogram. Balanced classes;
attacks drawn by family (espeak-ng, flite, vocoder copy-synthesis). Deterministic: fixed seeds,
two threads, deterministic algorithms, sorted inputs.
"""
import argparse
import hashlib
import json
import math
import os
import random
import sys
import time
import wave

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "corpus"))
from pitch import voiced_f0  # noqa: E402  (the pitch bands of --pitch-edges)

RATE = 16000
WINDOW = 4 * RATE
HOP = 2 * RATE
MIN_SAMPLES = 3 * RATE
EMBEDDING = 64
N_FFT = 512
FRAME_HOP = 160
BIN_LO, BIN_HI = 8, 112      # bins 8..111 at 31.25 Hz: 250-3469 Hz
# attack draws per family in a training batch (the rest of the attack pool is never empty)
ATTACK_FAMILY_WEIGHTS = {"espeak-ng": 0.35, "flite": 0.15, "vocoder": 0.5}


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


class SpectralFrontEnd(nn.Module):
    """Fixed: level normalisation -> STFT (conv1d, Hann-windowed DFT) -> log power -> per-bin mean removal."""

    def __init__(self):
        super().__init__()
        n = torch.arange(N_FFT, dtype=torch.float64)
        window = 0.5 - 0.5 * torch.cos(2 * math.pi * n / N_FFT)
        k = torch.arange(BIN_LO, BIN_HI, dtype=torch.float64)
        angle = 2 * math.pi * k[:, None] * n[None, :] / N_FFT
        basis = torch.cat([torch.cos(angle), -torch.sin(angle)], 0) * window[None, :]
        self.register_buffer("basis", basis.float().unsqueeze(1))     # [2K, 1, N_FFT]
        self.bins = BIN_HI - BIN_LO

    @staticmethod
    def _level(waveform):
        x = waveform - waveform.mean(dim=1, keepdim=True)
        return x / (x.pow(2).mean(dim=1, keepdim=True).sqrt() + 1e-4)

    @staticmethod
    def _log_cmn(power):                                                 # [B, K, T]
        logp = torch.log(power + 1e-4)
        logp = logp - logp.mean(dim=2, keepdim=True)
        return logp.transpose(1, 2).unsqueeze(1)                         # [B, 1, T, K]

    def forward(self, waveform):
        """The exported form: the DFT as a strided conv1d, which any ONNX runtime runs."""
        spec = F.conv1d(self._level(waveform).unsqueeze(1), self.basis, stride=FRAME_HOP)   # [B, 2K, T]
        return self._log_cmn(spec[:, :self.bins].pow(2) + spec[:, self.bins:].pow(2))

    def fast(self, waveform):
        """The same values by FFT (training only; checked against forward before training)."""
        window = torch.hann_window(N_FFT, periodic=True, dtype=waveform.dtype)
        spec = torch.stft(self._level(waveform), N_FFT, hop_length=FRAME_HOP, window=window,
                          center=False, return_complex=True)[:, BIN_LO:BIN_HI]
        return self._log_cmn(spec.real.pow(2) + spec.imag.pow(2))


def _block1d(c_in, c_out, kernel, dilation=1):
    return [nn.Conv1d(c_in, c_out, kernel, dilation=dilation, padding=dilation * (kernel // 2), bias=False),
            nn.BatchNorm1d(c_out), nn.ReLU()]


class SpectroNet(nn.Module):
    """Front end; a 2-D stem of two 3x3 conv blocks with 2x2 max pooling over (time, frequency)
    that sees local time-frequency texture wherever it lies; then per frame its channels x
    frequency map as one vector into dilated 1-D convolutions over time; statistics pooling;
    a 64-d embedding; one logit (log-odds of genuine)."""

    def __init__(self, stem=(8, 16), width=128, pooled=192):
        super().__init__()
        self.front = SpectralFrontEnd()
        layers, c_in = [], 1
        for c in stem:
            layers += [nn.Conv2d(c_in, c, 3, padding=1, bias=False), nn.BatchNorm2d(c), nn.ReLU(), nn.MaxPool2d(2)]
            c_in = c
        self.stem = nn.Sequential(*layers)
        freq = self.front.bins // 2 ** len(stem)
        self.tdnn = nn.Sequential(*_block1d(c_in * freq, width, 3), *_block1d(width, width, 3, 2),
                                  *_block1d(width, width, 3, 3), *_block1d(width, pooled, 1))
        self.embed = nn.Linear(2 * pooled, EMBEDDING)
        self.dropout = nn.Dropout(0.3)
        self.head = nn.Linear(EMBEDDING, 1)

    def features(self, logspec):
        h = self.stem(logspec)                                # [B, C, T', F']
        b, c, t, f = h.shape
        h = self.tdnn(h.permute(0, 1, 3, 2).reshape(b, c * f, t))
        mean = h.mean(dim=2)
        std = (h - mean.unsqueeze(2)).pow(2).mean(dim=2).add(1e-6).sqrt()
        embedding = F.relu(self.embed(torch.cat([mean, std], dim=1)))
        return self.head(self.dropout(embedding)).squeeze(1), embedding

    def forward(self, waveform):
        return self.features(self.front(waveform))


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


def cllr(llr, labels):
    llr = np.asarray(llr, dtype=np.float64)
    y = np.asarray(labels)
    return 0.5 / math.log(2) * (np.mean(np.logaddexp(0, -llr[y == 1])) + np.mean(np.logaddexp(0, llr[y == 0])))


def load_split(directory, split):
    rows = []
    with open(os.path.join(directory, "splits.tsv"), encoding="utf-8") as f:
        header = f.readline().rstrip("\n").split("\t")
        for line in f:
            rows.append(dict(zip(header, line.rstrip("\n").split("\t"))))
    rows.sort(key=lambda r: r["utt_id"])
    return [(read_wav(os.path.join(directory, "wav", r["utt_id"] + ".wav")), 1 if r["label"] == "genuine" else 0, r)
            for r in rows if r["split"] == split]


class Sampler:
    """Training windows built like trials: utterances of one (generator, speaker) group joined
    in random order until the window is full, cropped at a random offset."""

    def __init__(self, train, rng, length=WINDOW, pitch_edges=None):
        self.rng, self.length = rng, length
        self.groups = {}
        for x, y, r in train:
            self.groups.setdefault((r["generator"], r["speaker"]), []).append(x)
        self.genuine = [(x, (r["generator"], r["speaker"])) for x, y, r in train if y == 1]
        self.attacks = {}
        for x, y, r in train:
            if y == 0:
                self.attacks.setdefault(r["generator"].split(":")[0], []).append((x, (r["generator"], r["speaker"])))
        self.pools = [self._pool(self.genuine, self.attacks)]
        self.pitch_bands = None         # with pitch_edges: one summary per band kept, beside self.pools
        if pitch_edges:
            bins = self._pitch_bins(train, pitch_edges)
            self.pitch_bands, self.pools = [b for b, _ in bins], [pool for _, pool in bins]

    @staticmethod
    def _pool(genuine, attacks):
        fams = sorted(attacks)
        weights = np.array([ATTACK_FAMILY_WEIGHTS.get(f, 0.1) for f in fams])
        return genuine, attacks, fams, weights / weights.sum()

    def _pitch_bins(self, train, edges):
        """Pools per pitch band: a (generator, speaker) group falls in the band of the median f0 of
        its voiced frames. Drawing the band first, uniformly, and then the example from that band's
        genuine or attack pool gives both classes the same pitch distribution in training; without
        it most train genuine speech is high-pitched and most synthetic voices low-pitched (a
        pitch-only classifier separates the train trials at 36 % EER), so the network can learn "low voice ->
        synthetic". Bands lacking either class are left out; groups without a voiced frame too."""
        frames = {}
        for x, _, r in train:
            frames.setdefault((r["generator"], r["speaker"]), []).append(voiced_f0(x))
        band = {key: (int(np.searchsorted(edges, np.median(np.concatenate(v)))) if sum(map(len, v)) else None)
                for key, v in frames.items()}
        bins = []
        for b in range(len(edges) + 1):
            genuine = [(x, key) for x, key in self.genuine if band[key] == b]
            attacks = {}
            for fam, pool in self.attacks.items():
                kept = [(x, key) for x, key in pool if band[key] == b]
                if kept:
                    attacks[fam] = kept
            summary = {"band": b, "genuine_utterances": len(genuine),
                       "genuine_groups": len({key for _, key in genuine}),
                       "attack_utterances": {f: len(p) for f, p in sorted(attacks.items())}}
            if genuine and attacks:
                bins.append((summary, self._pool(genuine, attacks)))
        return bins

    def window(self, label):
        genuine, attacks, families, family_p = (self.pools[0] if self.pitch_bands is None
                                                else self.pools[self.rng.integers(len(self.pools))])
        if label == 1:
            x, key = genuine[self.rng.integers(len(genuine))]
        else:
            fam = families[self.rng.choice(len(families), p=family_p)]
            pool = attacks[fam]
            x, key = pool[self.rng.integers(len(pool))]
        parts, total, group = [x], len(x), self.groups[key]
        while total < self.length + RATE // 2:
            nxt = group[self.rng.integers(len(group))]
            parts.append(nxt)
            total += len(nxt)
        joined = np.concatenate(parts)
        offset = int(self.rng.integers(0, len(joined) - self.length + 1))
        w = joined[offset:offset + self.length].astype(np.float32)
        if self.rng.random() < 0.5:                       # additive white noise, 15-40 dB SNR
            snr = self.rng.uniform(15, 40)
            p = float(np.mean(w ** 2)) + 1e-10
            w = w + self.rng.standard_normal(self.length).astype(np.float32) * math.sqrt(p / 10 ** (snr / 10))
        return w * float(10 ** (self.rng.uniform(-6, 6) / 20))


def spec_augment(logspec, rng):
    """In place: one frequency mask (0-12 bins) and one time mask (0-40 frames) per example."""
    b, _, t, k = logspec.shape
    for i in range(b):
        if rng.random() < 0.5:
            w = int(rng.integers(0, 13))
            f0 = int(rng.integers(0, k - w + 1))
            logspec[i, :, :, f0:f0 + w] = 0.0
        if rng.random() < 0.5:
            w = int(rng.integers(0, 41))
            t0 = int(rng.integers(0, t - w + 1))
            logspec[i, :, t0:t0 + w, :] = 0.0
    return logspec


def write_descriptor(out, name, version, sha, a, b, hop_seconds=2.0, embedding_size=EMBEDDING):
    """model.json: what the Java runtime reads (4 s windows of raw 16 kHz samples, affine calibration)."""
    descriptor = {
        "name": name, "version": version, "kind": "onnx", "file": "model.onnx", "sha256": sha,
        "input": {"kind": "raw_waveform", "name": "waveform", "sample_rate": RATE, "window_seconds": 4.0,
                  "hop_seconds": hop_seconds, "min_seconds": 3.0},
        "output": {"score": "logit_genuine", "score_meaning": "logit_genuine", "embedding": "embedding",
                   "embedding_size": embedding_size},
        "aggregation": "mean",
        "calibration": {"kind": "affine", "a": a, "b": b},
        "batch_size": 8,
    }
    with open(os.path.join(out, "model.json"), "w", encoding="utf-8") as f:
        json.dump(descriptor, f, indent=2)
        f.write("\n")


def write_dev_scores(out, entries):
    """dev-scores.tsv: (trial, label, raw score, generator) of every dev trial."""
    with open(os.path.join(out, "dev-scores.tsv"), "w", encoding="utf-8", newline="\n") as f:
        f.write("trial\tlabel\traw_score\tgenerator\n")
        for trial, label, score, generator in entries:
            f.write("%s\t%s\t%.6f\t%s\n" % (trial, label, score, generator))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", required=True, help="utterance corpus: training audio (train split)")
    ap.add_argument("--dev-trials", required=True, help="trials of >= 4 s: epoch selection and calibration (dev split)")
    ap.add_argument("--out", required=True)
    ap.add_argument("--name", default="bonafide-deepfake-speccnn")
    ap.add_argument("--version", default="2.0.0")
    ap.add_argument("--epochs", type=int, default=18)
    ap.add_argument("--steps-per-epoch", type=int, default=200)
    ap.add_argument("--batch", type=int, default=32)
    ap.add_argument("--lr", type=float, default=2e-3)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--crop-seconds", type=float, default=2.0, help="training crop (scoring uses 4 s windows)")
    ap.add_argument("--seed", type=int, default=20261121)
    ap.add_argument("--pitch-edges", default="",
                    help="comma-separated f0 band edges in Hz (e.g. 150,200): draw each training window's pitch "
                         "band uniformly, so that both classes have one pitch distribution (default: off)")
    args = ap.parse_args()

    random.seed(args.seed)
    np.random.seed(args.seed)
    torch.manual_seed(args.seed)
    torch.set_num_threads(args.threads)
    torch.use_deterministic_algorithms(True)
    started = time.time()

    train = load_split(args.corpus, "train")
    dev_rows = load_split(args.dev_trials, "dev")
    genuine = sum(1 for d in train if d[1] == 1)
    attack_counts = {}
    for _, y, r in train:
        if y == 0:
            attack_counts[r["generator"]] = attack_counts.get(r["generator"], 0) + 1
    print("train: %d genuine, %d attack; dev trials: %d" % (genuine, len(train) - genuine, len(dev_rows)), file=sys.stderr)

    model = SpectroNet()
    params = sum(p.numel() for p in model.parameters())
    optimiser = torch.optim.AdamW(model.parameters(), lr=args.lr, weight_decay=1e-2)
    total_steps = args.epochs * args.steps_per_epoch
    schedule = torch.optim.lr_scheduler.OneCycleLR(optimiser, max_lr=args.lr, total_steps=total_steps,
                                                   pct_start=0.1, anneal_strategy="cos")
    rng = np.random.default_rng(args.seed)
    pitch_edges = [float(e) for e in args.pitch_edges.split(",") if e]
    sampler = Sampler(train, rng, int(args.crop_seconds * RATE), pitch_edges)
    if sampler.pitch_bands is not None:
        print("pitch bands (edges %s Hz): %s" % (pitch_edges, sampler.pitch_bands), file=sys.stderr)
    dev = [(x, y, r) for x, y, r in dev_rows if len(x) >= MIN_SAMPLES]
    with torch.no_grad():      # the FFT front end used in training equals the exported conv1d one
        probe = torch.from_numpy(np.stack([sampler.window(i % 2) for i in range(4)]))
        front_diff = float((model.front(probe) - model.front.fast(probe)).abs().max())
    print("front end: conv1d vs FFT max |diff| %.2e" % front_diff, file=sys.stderr)
    if front_diff > 1e-2:
        raise SystemExit("front end mismatch")
    dev_labels = [y for _, y, _ in dev]
    history = []
    best = (2.0, 1e9, -1, None)
    snapshots = []
    for epoch in range(args.epochs):
        model.train()
        total = 0.0
        t0 = time.time()
        for _ in range(args.steps_per_epoch):
            labels = [i % 2 for i in range(args.batch)]          # balanced batches
            batch = np.stack([sampler.window(y) for y in labels])
            with torch.no_grad():
                logspec = spec_augment(model.front.fast(torch.from_numpy(batch)), rng)
            logits, _ = model.features(logspec)
            target = torch.tensor(labels, dtype=torch.float32) * 0.9 + 0.05     # label smoothing
            loss = F.binary_cross_entropy_with_logits(logits, target)
            optimiser.zero_grad()
            loss.backward()
            optimiser.step()
            schedule.step()
            total += float(loss)
        scores = utterance_scores(model, [x for x, _, _ in dev])
        epoch_eer = eer(scores, dev_labels)
        s = np.asarray(scores)
        y = np.asarray(dev_labels)
        dev_loss = float(np.mean(np.logaddexp(0, -s[y == 1]))) + float(np.mean(np.logaddexp(0, s[y == 0])))
        per_gen = {}
        for gen in sorted({r["generator"] for _, yy, r in dev if yy == 0}):
            keep = [i for i, (_, yy, r) in enumerate(dev) if yy == 1 or r["generator"] == gen]
            per_gen[gen] = eer(s[keep], y[keep])
        mean_gen = float(np.mean(list(per_gen.values())))
        history.append({"epoch": epoch + 1, "train_loss": total / args.steps_per_epoch, "dev_eer": epoch_eer,
                        "dev_mean_generator_eer": mean_gen, "dev_loss": dev_loss, "dev_eer_per_generator": per_gen,
                        "seconds": round(time.time() - t0, 1)})
        print("epoch %d loss %.4f dev EER %.2f%% mean per generator %.2f%% dev loss %.3f (%.0f s) %s" % (
            epoch + 1, history[-1]["train_loss"], 100 * epoch_eer, 100 * mean_gen, dev_loss, time.time() - t0,
            " ".join("%s=%.1f" % (g.split(":")[-1], 100 * e) for g, e in per_gen.items())), file=sys.stderr)
        # Kept: the epoch with the lowest mean of the per-generator dev EERs (each dev attack
        # generator against all dev genuine trials), so that no single family -- the dev-only
        # Griffin-Lim copies are a third of the dev attacks -- decides alone; then dev loss.
        snapshots.append({k: v.clone() for k, v in model.state_dict().items()})
        if (mean_gen, dev_loss) < best[:2]:
            best = (mean_gen, dev_loss, epoch + 1, snapshots[-1])
    # Candidate 2: the average of the weights of the second half of the epochs (stochastic weight
    # averaging), with batch-norm statistics re-estimated on training windows. Dev decides (same
    # criterion) between it and the best single epoch.
    first = args.epochs // 2 + 1
    averaged = {k: (sum(sd[k].double() for sd in snapshots[first - 1:]) / (args.epochs - first + 1)).to(v.dtype)
                if v.is_floating_point() else v for k, v in snapshots[-1].items()}
    model.load_state_dict(averaged)
    for m in model.modules():
        if isinstance(m, (nn.BatchNorm1d, nn.BatchNorm2d)):
            m.reset_running_stats()
            m.momentum = None                          # cumulative average over the passes below
    model.train()
    with torch.no_grad():
        for _ in range(50):
            model.features(model.front.fast(torch.from_numpy(
                np.stack([sampler.window(i % 2) for i in range(args.batch)]))))
    swa_scores = np.asarray(utterance_scores(model, [x for x, _, _ in dev]))
    swa_per_gen = {}
    for gen in sorted({r["generator"] for _, yy, r in dev if yy == 0}):
        keep = [i for i, (_, yy, r) in enumerate(dev) if yy == 1 or r["generator"] == gen]
        swa_per_gen[gen] = eer(swa_scores[keep], np.asarray(dev_labels)[keep])
    y = np.asarray(dev_labels)
    swa_key = (float(np.mean(list(swa_per_gen.values()))),
               float(np.mean(np.logaddexp(0, -swa_scores[y == 1]))) + float(np.mean(np.logaddexp(0, swa_scores[y == 0]))))
    print("weight average of epochs %d-%d: dev EER %.2f%% mean per generator %.2f%% dev loss %.3f %s" % (
        first, args.epochs, 100 * eer(swa_scores, dev_labels), 100 * swa_key[0], swa_key[1],
        " ".join("%s=%.1f" % (g.split(":")[-1], 100 * e) for g, e in swa_per_gen.items())), file=sys.stderr)
    candidates = {"best_epoch": {"epoch": best[2], "dev_mean_generator_eer": best[0], "dev_loss": best[1]},
                  "weight_average": {"epochs": [first, args.epochs], "dev_mean_generator_eer": swa_key[0],
                                     "dev_loss": swa_key[1], "dev_eer_per_generator": swa_per_gen}}
    if swa_key < best[:2]:
        chosen = "weight_average"
    else:
        chosen = "best_epoch"
        model.load_state_dict(best[3])
    model.eval()
    print("kept %s" % (chosen if chosen == "weight_average" else "epoch %d" % best[2]), file=sys.stderr)

    dev_scores = utterance_scores(model, [x for x, _, _ in dev])
    a, b = fit_calibration(dev_scores, dev_labels)
    dev_eer = eer(dev_scores, dev_labels)
    dev_cllr = cllr(a * np.asarray(dev_scores) + b, dev_labels)
    print("dev: %d trials, EER %.2f%%, Cllr %.3f, calibration a=%.4f b=%.4f" % (len(dev), 100 * dev_eer, dev_cllr, a, b),
          file=sys.stderr)

    os.makedirs(args.out, exist_ok=True)
    onnx_path = os.path.join(args.out, "model.onnx")
    model.eval()
    torch.onnx.export(model, torch.zeros(1, WINDOW), onnx_path, input_names=["waveform"],
                      output_names=["logit_genuine", "embedding"], opset_version=13,
                      dynamic_axes={"waveform": {0: "batch"}, "logit_genuine": {0: "batch"},
                                    "embedding": {0: "batch"}})
    with open(onnx_path, "rb") as f:
        sha = hashlib.sha256(f.read()).hexdigest()
    write_descriptor(args.out, args.name, args.version, sha, a, b)
    # The raw (uncalibrated) torch score of every dev trial: what the calibration was fitted on,
    # and what the Java pipeline's dev scores must reproduce through the exported graph.
    write_dev_scores(args.out, [(r["utt_id"], r["label"], sc, r["generator"]) for (_, _, r), sc in zip(dev, dev_scores)])
    with open(os.path.join(args.out, "training.json"), "w", encoding="utf-8") as f:
        json.dump({"seed": args.seed, "epochs": args.epochs, "steps_per_epoch": args.steps_per_epoch,
                   "batch": args.batch, "crop_seconds": args.crop_seconds, "lr": args.lr, "threads": args.threads, "parameters": params,
                   "train_genuine": genuine, "train_attack_per_generator": attack_counts,
                   "attack_family_weights": ATTACK_FAMILY_WEIGHTS,
                   **({"pitch_bands": {"edges_hz": pitch_edges, "bands": sampler.pitch_bands}}
                      if sampler.pitch_bands is not None else {}),
                   "dev_trials": len(dev), "dev_eer": dev_eer,
                   "dev_cllr_calibrated": dev_cllr, "kept_epoch": best[2], "candidates": candidates, "chosen": chosen,
                   "selection": "lowest mean per-generator dev EER, then dev loss", "epochs_log": history,
                   "torch": torch.__version__, "calibration": {"a": a, "b": b},
                   "wall_seconds": round(time.time() - started)}, f, indent=2)
        f.write("\n")


if __name__ == "__main__":
    main()
