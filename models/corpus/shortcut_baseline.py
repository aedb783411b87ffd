#!/usr/bin/env python3
"""Shortcut baseline: a logistic regression that sees ONLY level, bandwidth, duration and
edge-silence cues of the normalised corpus. Trained on the train split, scored on eval (EER).
If the normalisation works, it must score near chance (EER near 50%).
Usage: shortcut_baseline.py [corpus_dir]
"""
import os
import sys
import wave

import numpy as np

FEATURES = ["duration_s", "rms_db", "peak_db", "lead_silence_s", "trail_silence_s",
            "energy_below_300hz", "energy_above_3400hz", "rolloff95_hz", "sample_rate"]


def features(path):
    with wave.open(path, "rb") as w:
        sr = w.getframerate()
        x = np.frombuffer(w.readframes(w.getnframes()), dtype="<i2").astype(np.float64) / 32768
    frame = int(0.02 * sr)
    n = max(1, len(x) // frame)
    e = np.array([np.mean(x[i * frame:(i + 1) * frame] ** 2) + 1e-12 for i in range(n)])
    e_db = 10 * np.log10(e)
    active = np.nonzero(e_db > e_db.max() - 40)[0]
    lead = active[0] * 0.02 if len(active) else 0.0
    trail = (n - 1 - active[-1]) * 0.02 if len(active) else 0.0
    spec = np.abs(np.fft.rfft(x)) ** 2
    freqs = np.fft.rfftfreq(len(x), 1 / sr)
    tot = spec.sum() + 1e-12
    cum = np.cumsum(spec) / tot
    return [len(x) / sr, 10 * np.log10(np.mean(x ** 2) + 1e-12), 20 * np.log10(np.abs(x).max() + 1e-12),
            lead, trail, spec[freqs < 300].sum() / tot, spec[freqs > 3400].sum() / tot,
            freqs[np.searchsorted(cum, 0.95)], sr]


def eer(scores, labels):
    order = np.argsort(-scores)
    lab = labels[order]
    tp = np.cumsum(lab) / max(lab.sum(), 1)            # attacks accepted as attacks
    fp = np.cumsum(1 - lab) / max((1 - lab).sum(), 1)  # genuine flagged
    fnr = 1 - tp
    i = np.argmin(np.abs(fnr - fp))
    return (fnr[i] + fp[i]) / 2


def main(corpus):
    split = {}
    for line in open(os.path.join(corpus, "splits.tsv"), encoding="utf-8").readlines()[1:]:
        utt, sp, label = line.split("\t")[:3]
        split[utt] = (sp, 1 if label == "attack" else 0)
    X, y, s = [], [], []
    for utt in sorted(split):
        X.append(features(os.path.join(corpus, "wav", utt + ".wav")))
        y.append(split[utt][1])
        s.append(split[utt][0])
    X, y, s = np.array(X), np.array(y, dtype=float), np.array(s)
    X = np.nan_to_num(X)
    tr, ev = s == "train", s == "eval"
    mu, sd = X[tr].mean(0), X[tr].std(0) + 1e-9
    Z = (X - mu) / sd
    w, b = np.zeros(Z.shape[1]), 0.0
    pos_w = (1 - y[tr].mean()) / max(y[tr].mean(), 1e-9)   # balance the classes
    wt = np.where(y[tr] == 1, pos_w, 1.0)
    for _ in range(3000):
        p = 1 / (1 + np.exp(-(Z[tr] @ w + b)))
        g = (p - y[tr]) * wt
        w -= 0.1 * (Z[tr].T @ g / tr.sum() + 1e-3 * w)
        b -= 0.1 * g.mean()
    print("shortcut baseline (train %d, eval %d utterances)" % (tr.sum(), ev.sum()))
    print("  all cues, logistic regression: train EER %.3f, eval EER %.3f"
          % (eer(Z[tr] @ w + b, y[tr]), eer(Z[ev] @ w + b, y[ev])))
    for j, name in enumerate(FEATURES):
        if sd[j] < 1e-6:
            print("  %-20s constant" % name)
            continue
        e = eer(Z[ev, j], y[ev])
        print("  %-20s single-cue eval EER %.3f" % (name, min(e, 1 - e)))


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "target"))
