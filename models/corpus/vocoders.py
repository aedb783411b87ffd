"""Copy-synthesis vocoders for corpus stage 2, numpy only, at 8 kHz.

Each vocoder takes genuine speech x (float64, 8 kHz, mono) and a seeded numpy Generator and
returns (y, params): a resynthesised copy of x and the parameters it drew (for the manifest).
They share one analysis: LPC envelopes (order 12, 30 ms Hann frames, 10 ms hop) and an
autocorrelation pitch track (60-400 Hz). Synthesis filters are time-varying and applied by
overlap-add of Hann-windowed 20 ms excitation frames through each frame's filter (FFT of 1024
points, so every frame's impulse response is carried far enough to decay).

- lpc:        LPC-10 style: pulse train (voiced) or white noise (unvoiced) through G/A(z), a
              seeded pitch factor and a seeded share of noise in voiced frames.
- relp:       residual-excited LPC with TD-PSOLA on the residual (pitch and duration modified,
              seeded), the scheme of diphone concatenation engines; the output is made of 50-150 ms
              units with their own pitch factors and small jumps in the source, so it has joins.
- hnm:        harmonic plus noise: harmonics of the (seeded-shifted) pitch up to a seeded maximum
              voiced frequency with amplitudes and minimum phases from the LPC envelope, noise
              above it.
- griffinlim: 40-band mel magnitude spectrogram, inverted by pseudo-inverse and 32 Griffin-Lim
              iterations from seeded random phase.
"""
import numpy as np

FS = 8000
HOP = 80            # 10 ms
LPC_WIN = 240       # 30 ms
ORDER = 12
NFFT = 1024
F0_MIN, F0_MAX = 60.0, 400.0
F0_WIN = 400        # 50 ms
BW_EXPAND = 0.994   # LPC bandwidth expansion, keeps the synthesis filters' responses short

METHODS = ["lpc", "relp", "hnm", "griffinlim"]
UNIT_PITCH_SPREAD = 0.12     # relp: per-unit pitch factor, +-12 % around the utterance's
UNIT_JUMP_MS = 15.0          # relp: per-unit jump in the source, +-15 ms


def _frames(x, length, hop):
    """Frames centred on multiples of hop (zero padding at both ends)."""
    n_frames = len(x) // hop + 1
    pad = np.concatenate([np.zeros(length // 2), x, np.zeros(length)])
    idx = np.arange(n_frames)[:, None] * hop + np.arange(length)[None, :]
    return pad[idx]


def _hann(n):
    return 0.5 - 0.5 * np.cos(2 * np.pi * np.arange(n) / n)     # periodic


def lpc_analysis(x):
    """Per frame: A (frames, ORDER+1) with A[:,0]=1 and gain G (residual RMS per sample)."""
    w = _hann(LPC_WIN)
    fr = _frames(x, LPC_WIN, HOP) * w
    spec = np.abs(np.fft.rfft(fr, 512, axis=1)) ** 2
    r = np.fft.irfft(spec, 512, axis=1)[:, :ORDER + 1]
    lag = np.exp(-0.5 * (2 * np.pi * 60.0 * np.arange(ORDER + 1) / FS) ** 2)   # 60 Hz lag window
    r = r * lag
    r[:, 0] = r[:, 0] * (1 + 1e-4) + 1e-12
    n = r.shape[0]
    a = np.zeros((n, ORDER + 1))
    a[:, 0] = 1.0
    err = r[:, 0].copy()
    for i in range(1, ORDER + 1):           # Levinson-Durbin, vectorised over frames
        acc = r[:, i] + np.sum(a[:, 1:i] * r[:, i - 1:0:-1], axis=1)
        k = -acc / err
        a_prev = a.copy()
        a[:, i] = k
        a[:, 1:i] = a_prev[:, 1:i] + k[:, None] * a_prev[:, i - 1:0:-1]
        err = err * (1 - k * k)
    a = a * BW_EXPAND ** np.arange(ORDER + 1)
    gain = np.sqrt(np.maximum(err, 1e-12) / np.sum(w * w))
    return a, gain


def pitch_track(x):
    """Per frame f0 in Hz (0 = unvoiced): normalised autocorrelation divided by the window's."""
    w = _hann(F0_WIN)
    fr = _frames(x, F0_WIN, HOP)
    fr = (fr - fr.mean(axis=1, keepdims=True)) * w
    ac = np.fft.irfft(np.abs(np.fft.rfft(fr, 1024, axis=1)) ** 2, 1024, axis=1)
    acw = np.fft.irfft(np.abs(np.fft.rfft(w, 1024)) ** 2, 1024)
    lo, hi = int(FS / F0_MAX), int(FS / F0_MIN)
    norm = ac[:, lo:hi + 1] / (ac[:, :1] + 1e-12) / (acw[lo:hi + 1] / acw[0])
    best = np.argmax(norm, axis=1)
    peak = norm[np.arange(len(norm)), best]
    energy = ac[:, 0]
    voiced = (peak > 0.45) & (energy > energy.max() * 10 ** (-3.5))
    f0 = np.where(voiced, FS / (best + lo), 0.0)
    # median over 5 frames inside voiced stretches; runs shorter than 3 frames become unvoiced
    out = f0.copy()
    for i in np.nonzero(voiced)[0]:
        seg = f0[max(0, i - 2):i + 3]
        out[i] = np.median(seg[seg > 0])
    v = out > 0
    i = 0
    while i < len(v):
        if v[i]:
            j = i
            while j < len(v) and v[j]:
                j += 1
            if j - i < 3:
                out[i:j] = 0
            i = j
        else:
            i += 1
    return out


def _ola(sig, spectra, n_out):
    """Time-varying filter: frame f of sig (Hann, 2*HOP long, centred on f*HOP) through the
    filter whose NFFT-point rfft is spectra[f], overlap-added."""
    n_frames = spectra.shape[0]
    seg = _frames(np.concatenate([sig, np.zeros(max(0, n_frames * HOP - len(sig)))]), 2 * HOP, HOP)[:n_frames]
    seg = seg * _hann(2 * HOP)
    out_frames = np.fft.irfft(np.fft.rfft(seg, NFFT, axis=1) * spectra, NFFT, axis=1)
    out = np.zeros(n_frames * HOP + NFFT + HOP)
    for f in range(n_frames):
        s = f * HOP                      # frame start in padded coordinates (padded by HOP)
        out[s:s + NFFT] += out_frames[f]
    return out[HOP:HOP + n_out]


def _inv_a(a):
    return 1.0 / np.fft.rfft(a, NFFT, axis=1)


def _per_sample(frame_values, n):
    """Linear interpolation of per-frame values (frame f at sample f*HOP) to n samples."""
    t = np.arange(n) / HOP
    return np.interp(t, np.arange(len(frame_values)), frame_values)


def _voicing_per_sample(f0, n):
    return f0[np.minimum(np.arange(n) // HOP, len(f0) - 1)] > 0


def _f0_per_sample(f0, n):
    """Voiced f0 interpolated across gaps (so the phase keeps running), held at the ends."""
    idx = np.nonzero(f0 > 0)[0]
    if len(idx) == 0:
        return np.full(n, 120.0)
    return np.interp(np.arange(n) / HOP, idx, f0[idx])


def vocode_lpc(x, g):
    n = len(x)
    a, gain = lpc_analysis(x)
    f0 = pitch_track(x)
    factor = g.uniform(0.85, 1.2)
    mix = g.uniform(0.0, 0.3)
    f0s = _f0_per_sample(f0, n) * factor
    voiced = _voicing_per_sample(f0, n)
    phase = np.cumsum(f0s / FS)
    pulses = np.zeros(n)
    at = np.nonzero(np.diff(np.floor(phase), prepend=0.0) > 0)[0]
    pulses[at] = np.sqrt(FS / f0s[at])           # unit power pulse train
    noise = g.standard_normal(n)
    exc = np.where(voiced, np.sqrt(1 - mix * mix) * pulses + mix * noise, noise)
    y = _ola(exc, gain[:, None] * _inv_a(a), n)
    return y, "pitch_factor=%.3f;voiced_noise=%.3f" % (factor, mix)


def vocode_relp(x, g):
    n = len(x)
    a, _ = lpc_analysis(x)
    f0 = pitch_track(x)
    residual = _ola(x, np.fft.rfft(a, NFFT, axis=1), n)
    alpha = g.uniform(0.8, 1.25)        # pitch factor
    beta = g.uniform(0.85, 1.15)        # duration factor
    # analysis marks: residual peaks one period apart in voiced frames, every HOP elsewhere
    marks, periods, voiced_m = [], [], []
    t = 0
    mag = np.abs(residual)
    while t < n:
        fi = min(t // HOP, len(f0) - 1)
        if f0[fi] > 0:
            period = int(round(FS / f0[fi]))
            lo, hi = t + int(0.8 * period), min(n, t + int(1.2 * period) + 1)
            if lo >= hi:
                break
            t = lo + int(np.argmax(mag[lo:hi]))
            marks.append(t); periods.append(period); voiced_m.append(True)
        else:
            t += HOP
            marks.append(t); periods.append(HOP); voiced_m.append(False)
    marks = np.array([m for m in marks if m < n] or [0])
    periods = np.array(periods[:len(marks)])
    voiced_m = np.array(voiced_m[:len(marks)])
    n_out = int(round(n * beta))
    maxp = int(FS / F0_MIN) + 2
    src = np.concatenate([np.zeros(maxp), residual, np.zeros(maxp)])
    out = np.zeros(n_out + 2 * maxp)
    # "units" of 50-150 ms, as a concatenation engine joins diphones: each gets its own pitch
    # factor around alpha and its own jump of up to +-15 ms in the source, so the joins carry
    # the prosody and phase discontinuities of concatenated units
    bounds = np.cumsum(g.integers(400, 1201, size=n_out // 400 + 2))
    unit_alpha = alpha * g.uniform(1 - UNIT_PITCH_SPREAD, 1 + UNIT_PITCH_SPREAD, size=len(bounds))
    unit_jump = g.uniform(-UNIT_JUMP_MS, UNIT_JUMP_MS, size=len(bounds)) * FS / 1000.0
    ts = 0
    while ts < n_out:
        u = int(np.searchsorted(bounds, ts, side="right"))
        ta = min(max(ts / beta + unit_jump[u], 0.0), n - 1.0)
        i = int(np.argmin(np.abs(marks - ta)))
        p = int(periods[i])
        win = np.hanning(2 * p + 1)
        m = marks[i] + maxp
        out[ts + maxp - p:ts + maxp + p + 1] += src[m - p:m + p + 1] * win
        ts += max(1, int(round(p / unit_alpha[u]))) if voiced_m[i] else p
    exc = out[maxp:maxp + n_out]
    idx = np.minimum(np.round(np.arange(n_out // HOP + 1) / beta).astype(int), len(a) - 1)
    y = _ola(exc, _inv_a(a[idx]), n_out)
    return y, "pitch_factor=%.3f;duration_factor=%.3f;units=%d" % (alpha, beta, int(np.searchsorted(bounds, n_out)) + 1)


def vocode_hnm(x, g):
    n = len(x)
    a, gain = lpc_analysis(x)
    f0 = pitch_track(x)
    factor = g.uniform(0.9, 1.15)
    mvf = g.uniform(2500.0, 3800.0)
    f0s = _f0_per_sample(f0, n) * factor
    phase = 2 * np.pi * np.cumsum(f0s / FS)
    kmax = int(mvf / (F0_MIN * 0.9)) + 1
    k = np.arange(1, kmax + 1)
    # harmonic amplitudes per frame from the envelope at the frame's harmonic frequencies
    f0f = np.where(f0 > 0, f0 * factor, 0.0)
    freqs = f0f[:, None] * k[None, :]
    omega = 2 * np.pi * freqs / FS
    # complex envelope 1/A: amplitude and minimum phase of each harmonic (interpolated as complex
    # values between frames, so phases never need unwrapping)
    env = gain[:, None] / np.sum(a[:, :, None] * np.exp(-1j * omega[:, None, :] * np.arange(ORDER + 1)[None, :, None]), axis=1)
    amps = np.where((f0f[:, None] > 0) & (freqs < mvf), 2.0 * env / np.sqrt(FS / np.maximum(f0f, 1.0))[:, None], 0.0)
    t = np.arange(n) / HOP
    fi = np.minimum(np.floor(t).astype(int), len(f0) - 1)
    fj = np.minimum(fi + 1, len(f0) - 1)
    frac = (t - fi)[:, None]
    y = np.zeros(n)
    for c in range(0, n, 4000):          # chunks keep the (samples x harmonics) matrices small
        s = slice(c, min(n, c + 4000))
        amp = amps[fi[s]] * (1 - frac[s]) + amps[fj[s]] * frac[s]
        amp = np.where(f0s[s, None] * k[None, :] < mvf, amp, 0.0)
        y[s] = np.sum(np.real(amp * np.exp(1j * phase[s, None] * k[None, :])), axis=1)
    fgrid = np.fft.rfftfreq(NFFT, 1.0 / FS)
    above = 1.0 / (1.0 + np.exp(-(fgrid - mvf) / 100.0))
    mask = np.where(f0[:, None] > 0, 0.05 + 0.95 * above[None, :], 1.0)
    y += _ola(g.standard_normal(n), gain[:, None] * _inv_a(a) * mask, n)
    return y, "pitch_factor=%.3f;max_voiced_hz=%.0f" % (factor, mvf)


def _mel_basis(n_mels, n_fft):
    def mel(f):
        return 2595.0 * np.log10(1 + f / 700.0)

    def hz(m):
        return 700.0 * (10 ** (m / 2595.0) - 1)
    edges = hz(np.linspace(mel(0.0), mel(FS / 2.0), n_mels + 2))
    f = np.fft.rfftfreq(n_fft, 1.0 / FS)
    basis = np.zeros((n_mels, len(f)))
    for m in range(n_mels):
        lo, c, hi = edges[m:m + 3]
        basis[m] = np.maximum(0, np.minimum((f - lo) / (c - lo), (hi - f) / (hi - c)))
    return basis


def _stft(x, n_fft, hop):
    w = _hann(n_fft)
    return np.fft.rfft(_frames(x, n_fft, hop) * w, axis=1)


def _istft(spec, n_fft, hop, n):
    w = _hann(n_fft)
    fr = np.fft.irfft(spec, n_fft, axis=1) * w
    out = np.zeros(len(fr) * hop + n_fft)
    norm = np.zeros_like(out)
    for i, f in enumerate(fr):
        out[i * hop:i * hop + n_fft] += f
        norm[i * hop:i * hop + n_fft] += w * w
    out = out / np.maximum(norm, 1e-3)
    return out[n_fft // 2:n_fft // 2 + n]


def vocode_griffinlim(x, g, n_fft=256, hop=64, n_mels=40, iterations=32):
    n = len(x)
    mag = np.abs(_stft(x, n_fft, hop))
    basis = _mel_basis(n_mels, n_fft)
    mel = mag @ basis.T
    est = np.maximum(mel @ np.linalg.pinv(basis).T, 0.0)
    angles = np.exp(2j * np.pi * g.uniform(size=est.shape))
    for _ in range(iterations):
        y = _istft(est * angles, n_fft, hop, n)
        angles = np.exp(1j * np.angle(_stft(y, n_fft, hop)))
    return _istft(est * angles, n_fft, hop, n), "mels=%d;n_fft=%d;hop=%d;iterations=%d" % (n_mels, n_fft, hop, iterations)


VOCODERS = {"lpc": vocode_lpc, "relp": vocode_relp, "hnm": vocode_hnm, "griffinlim": vocode_griffinlim}
DISPERSED = {"lpc", "relp", "hnm"}
DISPERSION_MS = (2.0, 6.0)


def disperse(y, g):
    """All-pass pulse dispersion (as MELP does): quadratic phase whose group delay grows linearly
    to a seeded maximum at 4 kHz. Pulse-excited synthesis is peakier than speech; without this
    the copies' peak-to-RMS ratio alone would tell them from genuine speech. The magnitude
    spectrum is unchanged."""
    tau = g.uniform(*DISPERSION_MS) * FS / 1000.0          # samples of group delay at Nyquist
    n = len(y) + int(tau) + 64
    w = np.linspace(0, np.pi, n // 2 + 1)
    spec = np.fft.rfft(y, n) * np.exp(-1j * tau * w * w / (2 * np.pi))
    return np.fft.irfft(spec, n)[:len(y) + int(tau)], tau * 1000.0 / FS


def vocode(method, x, g):
    """Resynthesise x (8 kHz) with one vocoder; the output is peak-normalised to 0.5."""
    x = np.asarray(x, dtype=np.float64)
    x = x / (np.max(np.abs(x)) + 1e-9) * 0.5
    y, params = VOCODERS[method](x, g)
    y = np.nan_to_num(y)
    if method in DISPERSED:
        y, ms = disperse(y, g)
        params += ";dispersion_ms=%.2f" % ms
    return y / (np.max(np.abs(y)) + 1e-9) * 0.5, params
