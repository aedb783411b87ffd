package io.bonafide.audio.features;

import io.bonafide.audio.features.internal.Dct;
import io.bonafide.audio.features.internal.FramedFeatureStream;

/**
 * Mel-frequency cepstral coefficients: the orthonormal DCT-II of a {@link LogMelSpectrogram}
 * frame, first {@code coefficients} kept ({@code c0} included, no liftering). Standard: 13
 * coefficients of 40 Slaney-mel bands from 20 to 7600 Hz over the standard STFT (400-sample
 * periodic Hann, hop 160, 512-point FFT, natural log floored at 1e-10). The seed baseline's
 * 34 features summarise these frames with {@link FrameStatistics} (13 means, 13 standard
 * deviations) beside other descriptors. Immutable.
 */
public final class Mfcc implements FeatureExtractor {
    public static final int DEFAULT_COEFFICIENTS = 13;
    public static final int DEFAULT_BANDS = 40;

    private static final Mfcc STANDARD = new Mfcc(LogMelSpectrogram.withBands(DEFAULT_BANDS), DEFAULT_COEFFICIENTS);

    private final LogMelSpectrogram logMel;
    private final int coefficients;
    private final Dct dct;

    public Mfcc(LogMelSpectrogram logMel, int coefficients) {
        this.logMel = logMel;
        this.coefficients = coefficients;
        this.dct = new Dct(logMel.dimension(), coefficients);
    }

    /** 13 coefficients of 40 log-mel bands. */
    public static Mfcc standard() {
        return STANDARD;
    }

    @Override
    public int dimension() {
        return coefficients;
    }

    @Override
    public FeatureStream stream(FeatureSink sink) {
        LogMelSpectrogram.FrameFunction logMelFrame = logMel.newFrameFunction();
        float[] bands = new float[logMel.dimension()];
        return new FramedFeatureStream(logMel.stft().newFramer(), coefficients, (frame, offset, out) -> {
            logMelFrame.apply(frame, offset, bands);
            dct.apply(bands, out, 0);
        }, sink);
    }
}
