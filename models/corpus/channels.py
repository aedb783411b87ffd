#!/usr/bin/python3
"""Simulated acoustic channels for the replay and manipulation corpora (numpy only).

Every function takes a `random.Random` so that a draw depends only on the caller's key. Filters are
built in the frequency domain (a magnitude response on a 2048-point grid made minimum phase by
the real cepstrum) and applied by FFT convolution, which keeps the build fast without scipy.

Families: every simulated device and room belongs to a named family with its own parameter
ranges. The replay corpus gives train/dev and eval disjoint families (DATA.md: generalisation to
unseen rooms and devices is the point), see `ROOM_FAMILIES`, `SPEAKER_FAMILIES`, `MIC_FAMILIES`.
"""
import math
import os
import subprocess
import tempfile

import numpy as np

RATE = 16000
NFFT = 2048


def min_phase_fir(mag, taps=1024):
    """Minimum-phase FIR (length taps) whose magnitude response is `mag` (NFFT/2+1 bins)."""
    full = np.concatenate([mag, mag[-2:0:-1]])
    logmag = np.log(np.maximum(full, 1e-6))
    cep = np.fft.ifft(logmag).real
    fold = np.zeros_like(cep)
    fold[0] = cep[0]
    fold[1:NFFT // 2] = 2 * cep[1:NFFT // 2]
    fold[NFFT // 2] = cep[NFFT // 2]
    h = np.fft.ifft(np.exp(np.fft.fft(fold))).real[:taps]
    return h * np.hanning(2 * taps)[taps:] ** 0.2


def fftconv(x, h):
    n = len(x) + len(h) - 1
    size = 1 << (n - 1).bit_length()
    return np.fft.irfft(np.fft.rfft(x, size) * np.fft.rfft(h, size), size)[:len(x)]


def freqs():
    return np.arange(NFFT // 2 + 1) * RATE / NFFT


def highpass(f, fc, order):
    r = (f / fc) ** (2 * order)
    return np.sqrt(r / (1 + r))


def lowpass(f, fc, order):
    return 1 / np.sqrt(1 + (f / fc) ** (2 * order))


def peak(f, fc, gain_db, q):
    """Log-domain resonance: gain_db at fc, bandwidth fc/q."""
    bw = fc / q
    return 10 ** (gain_db * np.exp(-0.5 * ((f - fc) / bw) ** 2) / 20)


# ---------------------------------------------------------------------------------------------
# Loudspeakers: colouration (band-pass with resonances) and a memoryless non-linearity.
# 'phone' and 'laptop' are train/dev families; 'bluetooth' and 'tablet' are eval only.
SPEAKER_FAMILIES = {
    "phone": dict(hp=(350, 700), hp_order=(2, 3), lp=(5000, 7000), peaks=2, peak_db=(3, 9),
                  nonlin="tanh", drive=(1.2, 3.0)),
    "laptop": dict(hp=(220, 450), hp_order=(2, 3), lp=(6000, 7800), peaks=3, peak_db=(2, 7),
                   nonlin="tanh", drive=(1.0, 2.2)),
    "bluetooth": dict(hp=(150, 300), hp_order=(3, 4), lp=(5500, 7500), peaks=2, peak_db=(3, 8),
                      nonlin="poly", drive=(0.05, 0.2)),
    "tablet": dict(hp=(280, 550), hp_order=(2, 2), lp=(4500, 6500), peaks=3, peak_db=(2, 6),
                   nonlin="poly", drive=(0.08, 0.25)),
}


def loudspeaker(x, family, rnd):
    p = SPEAKER_FAMILIES[family]
    f = freqs()
    mag = highpass(f, rnd.uniform(*p["hp"]), rnd.randint(*p["hp_order"])) * lowpass(f, rnd.uniform(*p["lp"]), 4)
    for _ in range(p["peaks"]):
        mag = mag * peak(f, rnd.uniform(400, 4000), rnd.uniform(*p["peak_db"]) * rnd.choice([1, -1]),
                         rnd.uniform(3, 8))
    peak_level = np.max(np.abs(x)) + 1e-9
    y = x / peak_level
    if p["nonlin"] == "tanh":
        drive = rnd.uniform(*p["drive"])
        y = np.tanh(drive * y) / np.tanh(drive)
    else:
        a2, a3 = rnd.uniform(*p["drive"]), rnd.uniform(*p["drive"])
        y = y + a2 * y * y - a3 * y ** 3
        y = y - np.mean(y)
    return fftconv(y * peak_level, min_phase_fir(mag)), dict(family=family)


# ---------------------------------------------------------------------------------------------
# Rooms: 'shoebox' = image sources to order 2 plus an exponential diffuse tail with faster decay
# at high frequencies; 'sparse' = direct path, a few random early echoes and the tail.
ROOM_FAMILIES = {
    "shoebox-small": dict(kind="shoebox", dims=((3, 5), (2.5, 4), (2.4, 2.8)), rt60=(0.2, 0.6)),
    "sparse-a": dict(kind="sparse", echoes=(3, 8), rt60=(0.25, 0.8)),
    "shoebox-large": dict(kind="shoebox", dims=((6, 10), (4, 7), (2.8, 3.5)), rt60=(0.35, 0.8)),
    "sparse-b": dict(kind="sparse", echoes=(8, 16), rt60=(0.2, 0.7)),
}


def room_ir(family, rnd):
    p = ROOM_FAMILIES[family]
    rt60 = rnd.uniform(*p["rt60"])
    n = int(RATE * min(1.2, rt60 * 1.2)) + 1
    h = np.zeros(n)
    if p["kind"] == "shoebox":
        L = [rnd.uniform(*d) for d in p["dims"]]
        src = [rnd.uniform(0.5, d - 0.5) for d in L]
        mic = [rnd.uniform(0.5, d - 0.5) for d in L]
        beta = math.sqrt(max(0.0, 1 - 0.161 * L[0] * L[1] * L[2] / (rt60 * 2 * (L[0] * L[1] + L[0] * L[2] + L[1] * L[2]))))
        direct = None
        for i in range(-2, 3):
            for j in range(-2, 3):
                for k in range(-2, 3):
                    order = abs(i) + abs(j) + abs(k)
                    if order > 2:
                        continue
                    img = []
                    for axis, m in enumerate((i, j, k)):
                        img.append(m * L[axis] + (src[axis] if m % 2 == 0 else L[axis] - src[axis]))
                    d = math.dist(img, mic)
                    t = d / 343.0
                    direct = t if direct is None else min(direct, t)
                    idx = int(round(t * RATE))
                    if idx < n:
                        h[idx] += (beta ** order) / max(d, 0.3)
        start = direct
    else:
        d = rnd.uniform(0.5, 3.0)
        start = d / 343.0
        h[int(round(start * RATE))] += 1 / d
        for _ in range(rnd.randint(*p["echoes"])):
            t = start + rnd.uniform(0.002, 0.05)
            h[int(round(t * RATE))] += rnd.uniform(-0.6, 0.8) / d
    # Diffuse tail: noise with a decay of 60 dB per rt60 (faster at high frequencies).
    t = np.arange(n) / RATE
    g = np.random.default_rng(rnd.getrandbits(32))
    mix = start + 0.005
    lo = g.standard_normal(n) * np.exp(-6.9 * t / rt60)
    hi = np.diff(g.standard_normal(n + 1)) * np.exp(-6.9 * t / (0.6 * rt60))
    tail = (lo + 0.5 * hi) * (t > mix)
    direct_energy = float(np.sum(h ** 2))
    drr_db = rnd.uniform(-6, 8)
    tail *= math.sqrt(direct_energy / (np.sum(tail ** 2) + 1e-12) / 10 ** (drr_db / 10))
    h = h + tail
    h = h[int(start * RATE * 0.9):]
    return h / (np.max(np.abs(h)) + 1e-12), dict(family=family, rt60=round(rt60, 3), drr_db=round(drr_db, 1))


def room(x, family, rnd):
    h, info = room_ir(family, rnd)
    return fftconv(x, h), info


# ---------------------------------------------------------------------------------------------
# Microphones: gentle tilt, a presence peak and a low cut.
MIC_FAMILIES = {
    "lavalier": dict(tilt=(-2, 2), presence=(2000, 4000), presence_db=(0, 5), hp=(60, 150)),
    "phone-mic": dict(tilt=(-3, 1), presence=(1500, 3500), presence_db=(2, 6), hp=(100, 250)),
    "headset": dict(tilt=(-1, 3), presence=(2500, 5000), presence_db=(1, 6), hp=(80, 200)),
    "array": dict(tilt=(-2, 2), presence=(1000, 3000), presence_db=(-4, 3), hp=(50, 120)),
}


def microphone(x, family, rnd):
    p = MIC_FAMILIES[family]
    f = freqs()
    tilt = rnd.uniform(*p["tilt"])
    mag = 10 ** (tilt * np.log2(np.maximum(f, 50) / 1000) / 20) * highpass(f, rnd.uniform(*p["hp"]), 2)
    mag = mag * peak(f, rnd.uniform(*p["presence"]), rnd.uniform(*p["presence_db"]), 2.0)
    return fftconv(x, min_phase_fir(mag, 512)), dict(family=family, tilt=round(tilt, 2))


# ---------------------------------------------------------------------------------------------
def coloured_noise(n, colour, g):
    """White, pink or brown noise of unit RMS."""
    w = g.standard_normal(n)
    if colour == "white":
        y = w
    else:
        spec = np.fft.rfft(w)
        f = np.maximum(np.arange(len(spec)), 1)
        spec = spec / (np.sqrt(f) if colour == "pink" else f)
        y = np.fft.irfft(spec, n)
    return y / (np.sqrt(np.mean(y ** 2)) + 1e-12)


def add_noise(x, snr_db, colour, rnd):
    g = np.random.default_rng(rnd.getrandbits(32))
    noise = coloured_noise(len(x), colour, g)
    active = x[np.abs(x) > 0.05 * np.max(np.abs(x))] if np.max(np.abs(x)) > 0 else x
    p_signal = np.mean(active ** 2) if len(active) else 1e-6
    return x + noise * math.sqrt(p_signal / 10 ** (snr_db / 10))


def level(x, rnd, target_db=None):
    target = rnd.uniform(-30, -22) if target_db is None else target_db
    rms = math.sqrt(np.mean(x ** 2)) + 1e-12
    y = x * (10 ** (target / 20) / rms)
    peak_level = np.max(np.abs(y))
    if peak_level > 0.89:
        y = y * (0.89 / peak_level)
    return y


CODECS = ["none", "mulaw8k", "gsm8k", "mp3"]


def codec(x, name, rnd):
    """Encodes and decodes with sox (no dither: bit-reproducible), back at 16 kHz."""
    if name == "none":
        return x, name
    with tempfile.TemporaryDirectory() as tmp:
        src = os.path.join(tmp, "in.wav")
        write_wav(src, x)
        out = os.path.join(tmp, "out.wav")
        if name == "mulaw8k":
            mid = os.path.join(tmp, "mid.wav")
            subprocess.run(["sox", "-D", src, "-r", "8000", "-e", "u-law", mid], check=True)
        elif name == "gsm8k":
            mid = os.path.join(tmp, "mid.gsm")
            subprocess.run(["sox", "-D", src, "-r", "8000", mid], check=True)
        else:
            kbps = rnd.choice([16, 24, 32])
            mid = os.path.join(tmp, "mid.mp3")
            subprocess.run(["sox", "-D", src, "-C", str(kbps), mid], check=True)
            name = "mp3-%d" % kbps
        subprocess.run(["sox", "-D", mid, "-r", "16000", "-b", "16", "-e", "signed-integer", out], check=True)
        y = read_wav(out)
    if len(y) >= len(x):
        y = y[:len(x)]
    else:
        y = np.concatenate([y, np.zeros(len(x) - len(y))])
    return y, name


def read_manifest(corpus):
    """The stage-2 corpus-manifest.tsv as {utt_id: row dict} (comment lines skipped)."""
    with open(os.path.join(corpus, "corpus-manifest.tsv"), encoding="utf-8") as f:
        lines = [line for line in f if not line.startswith("#")]
    header = lines[0].rstrip("\n").split("\t")
    rows = (dict(zip(header, line.rstrip("\n").split("\t"))) for line in lines[1:])
    return {r["utt_id"]: r for r in rows}


def read_wav(path):
    import wave
    with wave.open(path, "rb") as w:
        assert w.getsampwidth() == 2 and w.getnchannels() == 1, path
        return np.frombuffer(w.readframes(w.getnframes()), dtype="<i2").astype(np.float64) / 32768.0


def write_wav(path, x):
    import wave
    pcm = np.clip(np.round(np.asarray(x) * 32767.0), -32768, 32767).astype("<i2")
    with wave.open(path, "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(RATE)
        w.writeframes(pcm.tobytes())
