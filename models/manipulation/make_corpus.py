#!/usr/bin/python3
"""Builds the manipulation corpus: continuous recordings, some edited, with known cut points.

Host recordings: the source files (the installed allowed Debian packages, as listed by the
stage-2 manifest) of the genuine utterances of ONE speaker, decoded to 16 kHz mono and joined in
a seeded order to 8-16 s, then given one channel (room p=0.5, microphone, a continuous noise bed
at 15-35 dB SNR, level), as one session would be. Speakers keep their stage-2 split, so train, dev
and eval speakers are disjoint.

Hosts per speaker: 48 for train (model 2.2.0; 2.0.0 had 12, --train-hosts sets it), 12 for dev, 6
for eval (hosts are seeded per speaker and host index, so hosts 0-5 and the eval split are those of
the 1.0.0 corpus, and hosts 0-11 and the dev split those of the 2.0.0 corpus).
Edits (1-3 per edited recording, at least 1 s apart and 0.5 s from either end), applied to the
rendered recording as an audio editor would, each join with a seeded crossfade:
  splice          a 0.5-2 s span replaced by speech of the same speaker from another recording
                  (other source files, its own channel and level)
  insert_speaker  0.5-2 s of another speaker of the same split inserted
  deletion        a 0.2-1.5 s span removed
  insert_synthetic  0.5-2 s of a synthetic voice (espeak-ng, flite, festival from the stage-2
                  corpus of the same split) inserted                           -- eval only
  level_jump      a 0.5-3 s span raised or lowered by 3-9 dB                   -- eval only
  gain_step       from a point 1.8 s away from the other cuts to the end, the level changes by
                  2-10 dB up or down over a raised-cosine ramp (one cut)         -- train only
                  (teaches the noise-floor/level cue while level_jump, a span that comes back
                  with linear ramps, stays an unseen eval edit type)
Crossfades: train/dev 0, 10 or 30 ms; eval 0, 5, 20 or 50 ms. Finally the whole file passes one
codec (none, mu-law, GSM, mp3). Each edited recording has an unedited twin (the same host, same
codec), so unedited genuine audio is measured on the same material.

Cut points (seconds in the output file, at the centre of each crossfade) are what is labelled:
a 400 ms window (200 ms hop) is edited when a cut point lies inside it (Java: WindowLabels).
Output: <out>/wav/<rec>.wav and <out>/recordings.tsv (rec_id split speaker edited duration_s
cut_points cut_types params; cut_types names the edit each cut point belongs to). Every draw is seeded by sha256(SEED|purpose|key).
Usage: /usr/bin/python3 models/manipulation/make_corpus.py --corpus models/corpus/target --out models/manipulation/target/corpus
"""
import argparse
import hashlib
import json
import os
import random
import shutil
import subprocess
import sys
from concurrent.futures import ProcessPoolExecutor

import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "corpus"))
import channels  # noqa: E402

SEED = 20261123
# Train speakers get eight times the hosts of 1.0.0 and dev twice (hosts 0-5 and every eval recording
# are unchanged; --train-hosts 12 gives the 2.0.0 corpus).
HOSTS_PER_SPEAKER = {"train": 48, "dev": 12, "eval": 6}
TRAIN_TYPES = ["splice", "insert_speaker", "deletion"]
# gain_step exists in train only: a persistent gain change (one cut, raised-cosine ramp) that teaches
# the level/noise-floor cue without the eval-only level_jump (a span and back, linear ramp).
KINDS = {"train": TRAIN_TYPES + ["gain_step"], "dev": TRAIN_TYPES,
         "eval": TRAIN_TYPES + ["insert_synthetic", "level_jump"]}
CROSSFADES = {"train": [0, 10, 30], "dev": [0, 10, 30], "eval": [0, 5, 20, 50]}
ROOMS = ["shoebox-small", "sparse-a", "shoebox-large", "sparse-b"]
MICS = ["lavalier", "phone-mic", "headset", "array"]


def rng(purpose, key):
    return random.Random(hashlib.sha256(("%d|%s|%s" % (SEED, purpose, key)).encode()).hexdigest())


def decode(path):
    """Source file -> 16 kHz mono float (ffmpeg for G.722, sox otherwise), trailing/leading digital silence kept."""
    if path.endswith(".g722"):
        cmd = ["ffmpeg", "-v", "quiet", "-f", "g722", "-i", path, "-ac", "1", "-ar", "16000", "-f", "s16le", "-"]
    elif path.endswith(".raw"):
        cmd = ["sox", "-D", "-t", "raw", "-r", "16000", "-e", "signed-integer", "-b", "16", "-c", "1", path,
               "-t", "raw", "-"]
    else:
        cmd = ["sox", "-D", path, "-t", "raw", "-r", "16000", "-e", "signed-integer", "-b", "16", "-c", "1", "-"]
    raw = subprocess.run(cmd, check=True, capture_output=True).stdout
    return np.frombuffer(raw, dtype="<i2").astype(np.float64) / 32768.0


def session(sources, rnd, min_s, max_s):
    """Source files joined (each RMS-normalised, as one session's level) and given one channel."""
    parts, total, used = [], 0.0, []
    for path in sources:
        x = decode(path)
        if len(x) < 1600:
            continue
        rms = np.sqrt(np.mean(x ** 2)) + 1e-9
        parts.append(x * (0.05 / rms))
        used.append(path)
        total += len(x) / channels.RATE
        if total >= rnd.uniform(min_s, max_s):
            break
    x = np.concatenate(parts)
    info = {}
    if rnd.random() < 0.5:
        x, info["room"] = channels.room(x, rnd.choice(ROOMS), rnd)
    x, info["mic"] = channels.microphone(x, rnd.choice(MICS), rnd)
    snr = rnd.uniform(15, 35)
    colour = rnd.choice(["white", "pink", "brown"])
    x = channels.add_noise(x, snr, colour, rnd)
    info["noise"] = dict(snr_db=round(snr, 1), colour=colour)
    return channels.level(x, rnd), used, info


def crossfade_join(a, b, fade):
    """a then b, overlapped by `fade` samples with an equal-power crossfade; returns the signal and the cut (centre)."""
    if fade == 0:
        return np.concatenate([a, b]), len(a)
    fade = min(fade, len(a), len(b))
    t = np.linspace(0, np.pi / 2, fade)
    mid = a[-fade:] * np.cos(t) + b[:fade] * np.sin(t)
    return np.concatenate([a[:-fade], mid, b[fade:]]), len(a) - fade + fade // 2


def render(job):
    rec, split, speaker, sources, donors, synthetic, corpus, out, edited_twin = job
    rnd = rng("host", rec.rsplit("_", 1)[0])
    host, used, info = session(sources, rnd, 8.0, 16.0)
    params = dict(host=info, sources=[os.path.basename(p) for p in used])
    cuts, types = [], []
    x = host
    if edited_twin:
        x, cuts, types, params["edits"] = edit(host, rec, split, donors, synthetic, corpus)
    crnd = rng("codec", rec.rsplit("_", 1)[0])
    x = channels.level(x, crnd, target_db=-24.0)
    x, params["codec"] = channels.codec(x, crnd.choice(channels.CODECS), crnd)
    channels.write_wav(os.path.join(out, "wav", rec + ".wav"), x)
    return rec, len(x) / channels.RATE, [round(c, 4) for c in cuts], types, params


def donor_audio(kind, rec, t, donors, synthetic, corpus):
    key = "%s|%.4f" % (rec, t)
    if kind == "splice":
        donor, _, info = session(donors["same"], rng("donor", key), 3.0, 5.0)
    elif kind == "insert_speaker":
        donor, _, info = session(donors["other"], rng("donor", key), 3.0, 5.0)
    else:
        drnd = rng("synthetic", key)
        src = drnd.choice(synthetic)
        donor = channels.read_wav(os.path.join(corpus, "wav", src + ".wav"))
        donor, mic = channels.microphone(donor, drnd.choice(MICS), drnd)
        donor = channels.level(channels.add_noise(donor, drnd.uniform(15, 35), "pink", drnd), drnd)
        info = dict(synthetic=src, mic=mic)
    return donor, info


def edit(host, rec, split, donors, synthetic, corpus):
    """Applies 1-2 seeded edits; returns the signal, cut points (s), edit types and the drawn parameters.

    The output is a list of chunks, each (samples, gain, join): join None continues the previous
    chunk seamlessly (same source), ("xfade", n) joins two sources with an n-sample equal-power
    crossfade, ("ramp", n) changes the gain over n samples (level jump). Every join is a cut point.
    """
    R = channels.RATE
    ernd = rng("edits", rec)
    kinds = KINDS[split]
    dur = len(host) / R
    edits = []
    for _ in range(ernd.choice([1, 2, 2, 3])):
        for _attempt in range(20):
            t = ernd.uniform(0.5, dur - 3.6)
            if all(abs(t - e[1]) > 3.6 for e in edits):
                edits.append((ernd.choice(kinds), t))
                break
    edits.sort(key=lambda e: e[1])
    chunks, drawn, cursor, steps = [], [], 0, []
    for kind, t in edits:
        fade = int(ernd.choice(CROSSFADES[split]) * R / 1000)
        start = int(t * R)
        if kind == "gain_step":
            steps.append((ernd.uniform(2, 10) * ernd.choice([1, -1]), fade))
            continue
        chunks.append((host[cursor:start], 1.0, None))
        if kind == "deletion":
            length = int(ernd.uniform(0.2, 1.5) * R)
            cursor = start + length
            chunks.append((np.zeros(0), 1.0, ("xfade", fade, kind)))
            drawn.append(dict(kind=kind, at_s=round(t, 4), length_s=round(length / R, 4), fade_ms=fade * 1000 // R))
        elif kind == "level_jump":
            length = int(ernd.uniform(0.5, 3.0) * R)
            gain = ernd.uniform(3, 9) * ernd.choice([1, -1])
            chunks.append((host[start:start + length], 10 ** (gain / 20), ("ramp", max(fade, 1), kind)))
            chunks.append((np.zeros(0), 1.0, ("ramp", max(fade, 1), kind)))
            cursor = start + length
            drawn.append(dict(kind=kind, at_s=round(t, 4), length_s=round(length / R, 4), gain_db=round(gain, 2),
                              fade_ms=fade * 1000 // R))
        else:
            length = int(ernd.uniform(0.5, 2.0) * R)
            donor, info = donor_audio(kind, rec, t, donors, synthetic, corpus)
            offset = ernd.randint(0, max(0, len(donor) - length))
            chunks.append((donor[offset:offset + length], 1.0, ("xfade", fade, kind)))
            chunks.append((np.zeros(0), 1.0, ("xfade", fade, kind)))
            cursor = start + (length if kind == "splice" else 0)
            drawn.append(dict(kind=kind, at_s=round(t, 4), length_s=round(length / R, 4), fade_ms=fade * 1000 // R,
                              donor=info))
    chunks.append((host[cursor:], 1.0, None))
    # An empty chunk marks "the host resumes here": merge it with the following host chunk.
    merged = []
    for samples, gain, join in chunks:
        if merged and len(merged[-1][0]) == 0:
            _, _, pending = merged.pop()
            join = pending
        merged.append((samples, gain, join))
    out = merged[0][0] * merged[0][1]
    gains = [(0, merged[0][1])]
    cuts, cut_kinds = [], []
    for samples, gain, join in merged[1:]:
        if join is None:
            out = np.concatenate([out, samples * gain])
        elif join[0] == "xfade":
            out, cut = crossfade_join(out, samples * gain, join[1])
            cuts.append(cut / R)
            cut_kinds.append(join[2])
        else:
            ramp = join[1]
            cut = len(out)
            prev_gain = gains[-1][1]
            seg = samples * gain
            # Linear gain ramp centred on the join.
            half = ramp // 2
            a = max(0, cut - half)
            b = min(cut + ramp - half, cut + len(seg))
            combined = np.concatenate([out, seg])
            if b > a:
                env = np.linspace(1.0, gain / prev_gain, b - a)
                raw = np.concatenate([out[a:cut] / 1.0, samples[:b - cut] * prev_gain])
                combined[a:b] = raw * env
            out = combined
            cuts.append(cut / R)
            cut_kinds.append(join[2])
        gains.append((len(out), gain))
    for gain, fade in steps:
        out = gain_step(out, cuts, cut_kinds, drawn, gain, fade, ernd)
    order = sorted(range(len(cuts)), key=lambda i: cuts[i])
    return out, [cuts[i] for i in order], [cut_kinds[i] for i in order], drawn


def gain_step(x, cuts, cut_kinds, drawn, gain, fade, ernd):
    """Train-only: from a point 1.8 s away from every other cut to the end, the level changes by
    `gain` dB over a raised-cosine ramp of `fade` samples (a hard step at 0). Appends its cut."""
    R = channels.RATE
    dur = len(x) / R
    for _attempt in range(20):
        t = ernd.uniform(0.5, dur - 0.5)
        if all(abs(t - c) > 1.8 for c in cuts):
            break
    else:
        return x
    at = int(t * R)
    env = np.ones(len(x))
    g = 10 ** (gain / 20)
    if fade > 0:
        a = max(0, at - fade // 2)
        b = min(len(x), a + fade)
        ramp = 0.5 - 0.5 * np.cos(np.linspace(0, np.pi, b - a))
        env[a:b] = 1 + (g - 1) * ramp
        env[b:] = g
    else:
        env[at:] = g
    cuts.append(at / R)
    cut_kinds.append("gain_step")
    drawn.append(dict(kind="gain_step", at_s=round(t, 4), gain_db=round(gain, 2), fade_ms=fade * 1000 // R))
    return x * env


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--train-hosts", type=int, default=HOSTS_PER_SPEAKER["train"],
                    help="host recordings per train speaker (hosts are seeded per speaker and index, so the "
                         "first ones and the dev and eval splits do not change)")
    args = ap.parse_args()
    hosts_per_speaker = dict(HOSTS_PER_SPEAKER, train=args.train_hosts)

    manifest = channels.read_manifest(args.corpus)
    split_of, sources, synthetic = {}, {}, {}
    with open(os.path.join(args.corpus, "splits.tsv"), encoding="utf-8") as f:
        f.readline()
        for line in f:
            utt, split, label, generator, speaker = line.rstrip("\n").split("\t")
            if label == "genuine":
                split_of[speaker] = split
                sources.setdefault(speaker, set()).add(manifest[utt]["source_path"])
            elif manifest[utt]["family"] in ("espeak-ng", "flite", "festival"):
                synthetic.setdefault(split, []).append(utt)
    for k in synthetic:
        synthetic[k].sort()
    if os.path.exists(args.out):
        shutil.rmtree(args.out)
    os.makedirs(os.path.join(args.out, "wav"))
    jobs = []
    speakers = sorted(s for s in sources if len(sources[s]) >= 6)
    for speaker in speakers:
        split = split_of[speaker]
        files = sorted(sources[speaker])
        others = [s for s in speakers if split_of[s] == split and s != speaker]
        if not others or not synthetic.get(split):
            continue
        for h in range(hosts_per_speaker[split]):
            key = "%s|%d" % (speaker, h)
            r = rng("select", key)
            order = list(files)
            r.shuffle(order)
            other = r.choice(others)
            other_files = sorted(sources[other])
            r.shuffle(other_files)
            base = "m_" + hashlib.sha256(key.encode()).hexdigest()[:12]
            donors = dict(same=order[len(order) // 2:], other=other_files)
            for edited in (False, True):
                rec = base + ("_e" if edited else "_u")
                jobs.append((rec, split, speaker, order[:len(order) // 2], donors, synthetic[split], args.corpus,
                             args.out, edited))
    with ProcessPoolExecutor(args.workers) as pool:
        results = list(pool.map(render, jobs, chunksize=4))
    with open(os.path.join(args.out, "recordings.tsv"), "w", encoding="utf-8") as f:
        f.write("rec_id\tsplit\tspeaker\tedited\tduration_s\tcut_points\tcut_types\tparams\n")
        for job, (rec, duration, cuts, types, params) in zip(jobs, results):
            f.write("\t".join([rec, job[1], job[2], "1" if job[8] else "0", "%.4f" % duration,
                               ",".join("%.4f" % c for c in cuts), ",".join(types),
                               json.dumps(params, sort_keys=True, default=str)]) + "\n")
    counts = {}
    for job, res in zip(jobs, results):
        key = (job[1], "edited" if job[8] else "unedited")
        counts[key] = counts.get(key, 0) + 1
    print("manipulation corpus:", ", ".join("%s %s %d" % (k[0], k[1], v) for k, v in sorted(counts.items())))


if __name__ == "__main__":
    main()
