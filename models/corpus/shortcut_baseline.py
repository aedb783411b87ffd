#!/usr/bin/env python3
"""Shortcut baseline: a logistic regression that sees ONLY level, bandwidth, duration and
edge-silence cues of the normalised corpus. Trained on the train split, scored on eval (EER).
If the normalisation works, it must score near chance (EER near 50%).
Also reported, apart from the cues the normalisation is meant to hide: how far the median pitch of
the voiced frames alone separates the classes (a property of which voices a split holds, not of the
recording chain), and, given a second corpus (the independent set, build_independent.py), the same
figures there with the regression fitted on the first corpus' train split.
Usage: shortcut_baseline.py [corpus_dir [independent_dir]]
"""
import os
import sys
import wave

import numpy as np

from pitch import voiced_f0

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


def load(corpus):
    """Cue features, labels (1 = attack), splits and median f0 (NaN without voiced frames)."""
    split = {}
    for line in open(os.path.join(corpus, "splits.tsv"), encoding="utf-8").readlines()[1:]:
        utt, sp, label = line.split("\t")[:3]
        split[utt] = (sp, 1 if label == "attack" else 0)
    X, y, s, f0 = [], [], [], []
    for utt in sorted(split):
        path = os.path.join(corpus, "wav", utt + ".wav")
        X.append(features(path))
        y.append(split[utt][1])
        s.append(split[utt][0])
        with wave.open(path, "rb") as w:
            v = voiced_f0(np.frombuffer(w.readframes(w.getnframes()), dtype="<i2") / 32768.0, w.getframerate())
        f0.append(np.median(v) if len(v) else np.nan)
    return np.nan_to_num(np.array(X)), np.array(y, dtype=float), np.array(s), np.array(f0)


def cue_eer(x, y):
    """EER of one cue read in whichever direction separates better."""
    e = eer(x, y)
    return min(e, 1 - e)


def pitch_eer(f0, y):
    return cue_eer(np.where(np.isnan(f0), np.nanmedian(f0), f0), y)


def main(corpus, independent=None):
    X, y, s, f0 = load(corpus)
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
        print("  %-20s single-cue eval EER %.3f" % (name, cue_eer(Z[ev, j], y[ev])))
    print("  pitch only (median f0 of voiced frames, either direction): train EER %.3f, dev %.3f, eval %.3f"
          % tuple(pitch_eer(f0[s == part], y[s == part]) for part in ("train", "dev", "eval")))
    if independent:
        Xi, yi, _, f0i = load(independent)
        Zi = (Xi - mu) / sd
        print("independent set %s (%d utterances), regression fitted on the train split above"
              % (independent, len(yi)))
        print("  all cues, logistic regression: EER %.3f" % eer(Zi @ w + b, yi))
        for j, name in enumerate(FEATURES):
            if sd[j] >= 1e-6:
                print("  %-20s single-cue EER %.3f" % (name, cue_eer(Zi[:, j], yi)))
        print("  pitch only: EER %.3f" % pitch_eer(f0i, yi))


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "target"),
         sys.argv[2] if len(sys.argv) > 2 else None)
