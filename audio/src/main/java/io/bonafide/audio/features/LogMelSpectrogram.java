package io.bonafide.audio.features;

import io.bonafide.audio.features.internal.FastLogarithm;
import io.bonafide.audio.features.internal.FramedFeatureStream;
import io.bonafide.audio.features.internal.PowerSpectrum;

/**
 * Log mel spectrogram: {@code ln(max(mel_m, 1e-10))} of a {@link MelFilterbank} applied to an
 * {@link Stft} power spectrum, one vector per STFT frame. Standard: 80 Slaney-mel bands from 20
 * to 7600 Hz over 400-sample periodic-Hann frames, hop 160, 512-point FFT; the floor makes
 * digital silence finite ({@code ln(1e-10) = -23.03}). Natural logarithm, no pre-emphasis, no
 * dither, no mean removal; the logarithm is a fast float one within 2.1e-6 of {@code Math.log}.
 * Immutable; streams are not thread-safe.
 */
public final class LogMelSpectrogram implements FeatureExtractor {
    /** Smallest band energy taken into the logarithm. */
    public static final float FLOOR = 1e-10f;
    public static final int DEFAULT_BANDS = 80;

    private static final LogMelSpectrogram STANDARD = new LogMelSpectrogram(Stft.standard(), MelFilterbank.of(DEFAULT_BANDS));

    private final Stft stft;
    private final MelFilterbank filterbank;

    public LogMelSpectrogram(Stft stft, MelFilterbank filterbank) {
        if (filterbank.bins() != stft.bins()) {
            throw new IllegalArgumentException("filterbank expects " + filterbank.bins() + " bins, STFT gives " + stft.bins());
        }
        this.stft = stft;
        this.filterbank = filterbank;
    }

    /** 80 bands, 20 to 7600 Hz, standard STFT. */
    public static LogMelSpectrogram standard() {
        return STANDARD;
    }

    /** {@code bands} Slaney-mel bands from 20 to 7600 Hz over the standard STFT. */
    public static LogMelSpectrogram withBands(int bands) {
        return new LogMelSpectrogram(Stft.standard(), MelFilterbank.of(bands));
    }

    public Stft stft() {
        return stft;
    }

    public MelFilterbank filterbank() {
        return filterbank;
    }

    @Override
    public int dimension() {
        return filterbank.bands();
    }

    @Override
    public FeatureStream stream(FeatureSink sink) {
        return new FramedFeatureStream(stft.newFramer(), dimension(), newFrameFunction()::apply, sink);
    }

    FrameFunction newFrameFunction() {
        return new FrameFunction(stft.newPowerSpectrum(), filterbank);
    }

    /** Per-stream scratch space and the frame computation. */
    static final class FrameFunction {
        private final PowerSpectrum spectrum;
        private final MelFilterbank filterbank;
        private final float[] power;

        FrameFunction(PowerSpectrum spectrum, MelFilterbank filterbank) {
            this.spectrum = spectrum;
            this.filterbank = filterbank;
            this.power = new float[spectrum.bins()];
        }

        void apply(float[] frame, int offset, float[] out) {
            spectrum.compute(frame, offset, power);
            filterbank.apply(power, out);
            for (int m = 0; m < filterbank.bands(); m++) {
                out[m] = FastLogarithm.ln(Math.max(out[m], FLOOR));
            }
        }
    }
}
