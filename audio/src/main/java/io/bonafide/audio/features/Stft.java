package io.bonafide.audio.features;

import io.bonafide.audio.features.internal.FramedFeatureStream;
import io.bonafide.audio.features.internal.Framer;
import io.bonafide.audio.features.internal.PowerSpectrum;
import io.bonafide.audio.features.internal.Windows;

/**
 * Short-time power spectrum of 16 kHz audio, the front of every spectral feature here. Standard
 * settings ({@link #standard()}): 25 ms frames of 400 samples every 10 ms (hop 160), periodic
 * Hann window, zero-padded to a 512-point FFT, giving 257 bins {@code |X_k|^2} for
 * {@code k = 0 .. 256} at {@code k * 31.25} Hz, unnormalised (a full-scale sine of amplitude
 * {@code A} at a bin centre peaks near {@code (A * 400 / 4)^2}; Parseval: the windowed frame's
 * energy is {@code (P_0 + 2 sum_{0<k<256} P_k + P_256) / 512}). Frames follow the "snip edges"
 * convention: frame {@code i} covers samples {@code [160 i, 160 i + 400)} and only whole frames
 * exist, so {@code N} samples give {@code 1 + floor((N - 400) / 160)} frames ({@code 0} when
 * {@code N < 400}). Immutable.
 */
public final class Stft implements FeatureExtractor {
    /** Sample rate every feature here assumes. */
    public static final int SAMPLE_RATE = 16_000;
    public static final int FRAME_LENGTH = 400;
    public static final int HOP_LENGTH = 160;
    public static final int FFT_SIZE = 512;

    private static final Stft STANDARD = new Stft(FRAME_LENGTH, HOP_LENGTH, FFT_SIZE);

    private final int frameLength;
    private final int hopLength;
    private final int fftSize;

    /**
     * @param frameLength samples per frame (the periodic Hann window's length)
     * @param hopLength samples between frame starts
     * @param fftSize power of two, at least {@code frameLength}
     */
    public Stft(int frameLength, int hopLength, int fftSize) {
        if (frameLength < 2 || hopLength < 1 || Integer.bitCount(fftSize) != 1 || fftSize < frameLength) {
            throw new IllegalArgumentException("need frameLength >= 2, hopLength >= 1 and a power-of-two fftSize >= "
                    + "frameLength, got frameLength " + frameLength + ", hopLength " + hopLength + ", fftSize " + fftSize);
        }
        this.frameLength = frameLength;
        this.hopLength = hopLength;
        this.fftSize = fftSize;
    }

    /** 400-sample periodic Hann frames, hop 160, 512-point FFT. */
    public static Stft standard() {
        return STANDARD;
    }

    public int frameLength() {
        return frameLength;
    }

    public int hopLength() {
        return hopLength;
    }

    public int fftSize() {
        return fftSize;
    }

    /** Bins per frame: {@code fftSize / 2 + 1}. */
    public int bins() {
        return fftSize / 2 + 1;
    }

    /** Centre frequency of bin {@code k}, in Hz. */
    public double binFrequency(int k) {
        return (double) k * SAMPLE_RATE / fftSize;
    }

    @Override
    public int dimension() {
        return bins();
    }

    @Override
    public FeatureStream stream(FeatureSink sink) {
        PowerSpectrum spectrum = newPowerSpectrum();
        return new FramedFeatureStream(newFramer(), bins(), spectrum::compute, sink);
    }

    /** A framer for this STFT's frames. */
    Framer newFramer() {
        return Framer.snipEdges(frameLength, hopLength);
    }

    /** A power-spectrum calculator for this STFT (it holds scratch space: one per stream). */
    PowerSpectrum newPowerSpectrum() {
        return new PowerSpectrum(fftSize, Windows.periodicHann(frameLength));
    }
}
