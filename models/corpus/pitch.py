"""Pitch of speech for the corpus tools: the f0 of each voiced frame, by normalised autocorrelation.
Used by models/deepfake/train.py (pitch-balanced training windows) and shortcut_baseline.py (the
pitch-only cue). numpy only."""
import numpy as np


def voiced_f0(x, rate=16000, frame=640, hop=160, floor_db=25.0, min_peak=0.5):
    """f0 in Hz of each voiced frame of audio at `rate`: 40 ms frames every 10 ms within floor_db of
    the loudest frame whose normalised autocorrelation peaks above min_peak at a lag of 60-400 Hz."""
    if len(x) < frame:
        return np.zeros(0)
    frames = np.lib.stride_tricks.sliding_window_view(x.astype(np.float64), frame)[::hop]
    frames = frames - frames.mean(axis=1, keepdims=True)
    energy = np.einsum("ij,ij->i", frames, frames)
    frames = frames[energy >= energy.max() * 10 ** (-floor_db / 10)]
    spectrum = np.fft.rfft(frames, 2 * frame)
    ac = np.fft.irfft(spectrum.real ** 2 + spectrum.imag ** 2)[:, :frame]
    lo, hi = rate // 400, rate // 60
    lag = lo + np.argmax(ac[:, lo:hi], axis=1)
    peak = ac[np.arange(len(ac)), lag] / np.maximum(ac[:, 0], 1e-12)
    return rate / lag[peak > min_peak]
