package io.bonafide.audio.features;

import io.bonafide.audio.features.internal.Dct;
import io.bonafide.audio.features.internal.FastLogarithm;
import io.bonafide.audio.features.internal.Framer;
import io.bonafide.audio.features.internal.PowerSpectrum;
import io.bonafide.audio.features.internal.RegressionDeltas;
import io.bonafide.audio.features.internal.TriangularFilterbank;
import io.bonafide.audio.features.internal.Windows;

/**
 * Linear-frequency cepstral coefficients as in the ASVspoof 2019 LFCC-GMM baseline
 * ({@code extract_lfcc.m}): 20 ms frames (320 samples) every 10 ms (hop 160), symmetric Hamming
 * window, 512-point FFT power spectrum, 20 triangular filters of peak height 1 with edges
 * equally spaced from 0 to 8000 Hz, {@code ln(max(x, 1e-10))}, orthonormal DCT-II keeping 20
 * coefficients, then first and second regression deltas over {@code +-2} frames (edge frames
 * repeated), giving 60 values per frame: {@code [c_0..c_19, d_0..d_19, dd_0..dd_19]}. Unlike
 * the MATLAB baseline this uses the natural logarithm (theirs is {@code log10}, a factor 2.303
 * on every coefficient) and a 2-frame delta window (theirs is {@code deltas(x, 3)}, 1 frame).
 * Snip-edge framing: {@code N} samples give {@code 1 + floor((N - 320) / 160)} frames. Immutable.
 */
public final class Lfcc implements FeatureExtractor {
    public static final int FRAME_LENGTH = 320;
    public static final int HOP_LENGTH = 160;
    public static final int FFT_SIZE = 512;
    public static final int FILTERS = 20;
    public static final int COEFFICIENTS = 20;
    public static final int DELTA_WIDTH = 2;
    public static final float FLOOR = 1e-10f;

    private static final Lfcc STANDARD = new Lfcc();

    private final TriangularFilterbank filterbank;
    private final Dct dct;

    private Lfcc() {
        double[] edges = new double[FILTERS + 2];
        double[] heights = new double[FILTERS];
        for (int i = 0; i < edges.length; i++) {
            edges[i] = Stft.SAMPLE_RATE / 2.0 * i / (FILTERS + 1);
        }
        java.util.Arrays.fill(heights, 1.0);
        this.filterbank = new TriangularFilterbank(Stft.SAMPLE_RATE, FFT_SIZE, edges, heights);
        this.dct = new Dct(FILTERS, COEFFICIENTS);
    }

    /** The ASVspoof 2019 baseline configuration (the only one). */
    public static Lfcc standard() {
        return STANDARD;
    }

    @Override
    public int dimension() {
        return 3 * COEFFICIENTS;
    }

    /** The linear filters as a dense {@code [20][257]} matrix. */
    public float[][] filterWeights() {
        return filterbank.denseWeights();
    }

    @Override
    public FeatureStream stream(FeatureSink sink) {
        PowerSpectrum spectrum = new PowerSpectrum(FFT_SIZE, Windows.symmetricHamming(FRAME_LENGTH));
        float[] power = new float[spectrum.bins()];
        float[] bands = new float[FILTERS];
        float[] cepstrum = new float[COEFFICIENTS];
        RegressionDeltas deltas = new RegressionDeltas(COEFFICIENTS, DELTA_WIDTH, sink);
        Framer framer = Framer.snipEdges(FRAME_LENGTH, HOP_LENGTH);
        Framer.FrameConsumer consumer = (frame, offset) -> {
            spectrum.compute(frame, offset, power);
            filterbank.apply(power, bands);
            for (int m = 0; m < FILTERS; m++) {
                bands[m] = FastLogarithm.ln(Math.max(bands[m], FLOOR));
            }
            dct.apply(bands, cepstrum, 0);
            deltas.accept(cepstrum);
        };
        return new FeatureStream() {
            @Override
            public void accept(float[] samples, int offset, int length) {
                framer.accept(samples, offset, length, consumer);
            }

            @Override
            public void finish() {
                framer.finish(consumer);
                deltas.finish();
            }
        };
    }
}
