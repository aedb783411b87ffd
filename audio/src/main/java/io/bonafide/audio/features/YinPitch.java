package io.bonafide.audio.features;

import io.bonafide.audio.features.internal.FramedFeatureStream;
import io.bonafide.audio.features.internal.Framer;
import org.jtransforms.fft.FloatFFT_1D;

/**
 * Fundamental frequency by YIN (de Cheveigné and Kawahara, 2002), with a voicing decision. Per
 * frame of 1024 samples (64 ms), the difference function over lags 0 to 321 on a 703-sample
 * integration window is computed through one FFT cross-correlation, normalised by its cumulative
 * mean, and the first lag in {@code [32, 320]} (500 to 50 Hz) whose normalised value falls below
 * 0.15 is followed down to its local minimum and refined by parabolic interpolation. Output
 * {@code [f0Hz, voiced, aperiodicity]}: {@code voiced} is 1 when such a dip exists and the frame's
 * RMS is above 1e-4 (-80 dBFS), else 0 with {@code f0Hz = 0}; {@code aperiodicity} is the
 * normalised difference at the chosen lag (near 0 for a clean periodic frame, near 1 for noise).
 * Frame {@code i} is centred on sample {@code 160 i + 200}, like the standard STFT frame, and there
 * are as many frames (zeros pad the long window at both ends). Immutable.
 */
public final class YinPitch implements FeatureExtractor {
    public static final int FRAME_LENGTH = 1024;
    public static final double MIN_HZ = 50;
    public static final double MAX_HZ = 500;
    public static final float THRESHOLD = 0.15f;
    public static final float SILENCE_RMS = 1e-4f;
    public static final int F0 = 0;
    public static final int VOICED = 1;
    public static final int APERIODICITY = 2;

    private static final YinPitch STANDARD = new YinPitch();
    private static final int MIN_LAG = (int) Math.floor(Stft.SAMPLE_RATE / MAX_HZ);
    private static final int MAX_LAG = (int) Math.ceil(Stft.SAMPLE_RATE / MIN_HZ);
    /** The window leaves room for lag MAX_LAG + 1, which the parabolic refinement reads. */
    private static final int WINDOW = FRAME_LENGTH - MAX_LAG - 1;

    private YinPitch() {
    }

    public static YinPitch standard() {
        return STANDARD;
    }

    @Override
    public int dimension() {
        return 3;
    }

    @Override
    public FeatureStream stream(FeatureSink sink) {
        Framer framer = new Framer(FRAME_LENGTH, Stft.HOP_LENGTH, FRAME_LENGTH / 2 - Stft.FRAME_LENGTH / 2, Stft.FRAME_LENGTH);
        FrameAnalysis analysis = new FrameAnalysis();
        return new FramedFeatureStream(framer, 3, analysis::apply, sink);
    }

    /** Scratch space for one stream. */
    private static final class FrameAnalysis {
        private final FloatFFT_1D fft = new FloatFFT_1D(FRAME_LENGTH);
        private final float[] head = new float[FRAME_LENGTH];
        private final float[] whole = new float[FRAME_LENGTH];
        private final double[] prefixEnergy = new double[FRAME_LENGTH + 1];
        private final float[] normalised = new float[MAX_LAG + 2];

        void apply(float[] frame, int offset, float[] out) {
            prefixEnergy[0] = 0;
            for (int i = 0; i < FRAME_LENGTH; i++) {
                double x = frame[offset + i];
                prefixEnergy[i + 1] = prefixEnergy[i] + x * x;
            }
            double rms = Math.sqrt(prefixEnergy[FRAME_LENGTH] / FRAME_LENGTH);
            crossCorrelate(frame, offset);
            // head[] now holds r(tau) = sum_{j < WINDOW} x[j] x[j + tau]; no wrap-around, as WINDOW + MAX_LAG + 1 <= N.
            double e0 = prefixEnergy[WINDOW];
            double running = 0;
            normalised[0] = 1;
            for (int tau = 1; tau <= MAX_LAG + 1; tau++) {
                double eTau = prefixEnergy[tau + WINDOW] - prefixEnergy[tau];
                double d = Math.max(0, e0 + eTau - 2 * head[tau]);
                running += d;
                normalised[tau] = running > 0 ? (float) (d * tau / running) : 1f;
            }
            int lag = -1;
            for (int tau = MIN_LAG; tau <= MAX_LAG; tau++) {
                if (normalised[tau] < THRESHOLD) {
                    while (tau + 1 <= MAX_LAG && normalised[tau + 1] < normalised[tau]) {
                        tau++;
                    }
                    lag = tau;
                    break;
                }
            }
            boolean voiced = lag > 0 && rms > SILENCE_RMS;
            if (lag < 0) {
                lag = MIN_LAG;
                for (int tau = MIN_LAG + 1; tau <= MAX_LAG; tau++) {
                    if (normalised[tau] < normalised[lag]) {
                        lag = tau;
                    }
                }
            }
            out[APERIODICITY] = normalised[lag];
            out[VOICED] = voiced ? 1 : 0;
            out[F0] = voiced ? (float) (Stft.SAMPLE_RATE / refine(lag)) : 0;
        }

        private void crossCorrelate(float[] frame, int offset) {
            System.arraycopy(frame, offset, whole, 0, FRAME_LENGTH);
            System.arraycopy(frame, offset, head, 0, WINDOW);
            java.util.Arrays.fill(head, WINDOW, FRAME_LENGTH, 0f);
            fft.realForward(head);
            fft.realForward(whole);
            // conj(H) * W, in JTransforms' packed layout: [Re0, Re(N/2), Re1, Im1, ...].
            head[0] = head[0] * whole[0];
            head[1] = head[1] * whole[1];
            for (int k = 2; k < FRAME_LENGTH; k += 2) {
                float hr = head[k];
                float hi = head[k + 1];
                float wr = whole[k];
                float wi = whole[k + 1];
                head[k] = hr * wr + hi * wi;
                head[k + 1] = hr * wi - hi * wr;
            }
            fft.realInverse(head, true);
        }

        /** Parabolic interpolation of the normalised difference around {@code lag}. */
        private double refine(int lag) {
            double left = normalised[lag - 1];
            double centre = normalised[lag];
            double right = normalised[lag + 1];
            double curvature = left - 2 * centre + right;
            if (curvature <= 0) {
                return lag;
            }
            double shift = 0.5 * (left - right) / curvature;
            return lag + Math.max(-1, Math.min(1, shift));
        }
    }
}
