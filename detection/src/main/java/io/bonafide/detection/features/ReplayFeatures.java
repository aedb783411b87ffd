package io.bonafide.detection.features;

import io.bonafide.audio.features.FeatureStream;
import io.bonafide.audio.features.Stft;
import java.util.ArrayList;
import java.util.List;

/**
 * The 138 utterance features of the replay detector ({@link FeatureSet#REPLAY138}), from one
 * {@link Stft#standard()} pass (25 ms frames every 10 ms, 512-point power spectrum) grouped into
 * the 32 linear 250 Hz bands of {@link LinearBands}:
 *
 * <ol>
 *   <li>0–31 {@code ltas_j}: long-term average spectrum, each band's mean power over all frames
 *       in dB relative to the mean power of the voice band (250–3500 Hz). Level-invariant;
 *       carries loudspeaker and microphone colouration, the low-frequency loss of small
 *       loudspeakers and the energy their non-linearity spreads outside the voice band;</li>
 *   <li>32–63 {@code bandstd_j}: the standard deviation over frames of each band's level in dB
 *       (modulation depth, which reverberation and noise flatten);</li>
 *   <li>64–95 {@code bandcorr_j}: correlation over frames between each band's level and the voice
 *       band's level, both in dB: near 0 where a band holds only stationary noise, high where
 *       speech drives it, e.g. the distortion products a loudspeaker spreads outside the voice
 *       band;</li>
 *   <li>96–127 {@code bandslope_j}: the least-squares slope of each band's level on the voice
 *       band's level, dB per dB (1 for a linear channel, above 1 for harmonic distortion, whose
 *       products grow faster than their source);</li>
 *   <li>128 {@code tilt}: least-squares slope of the voice-band LTAS against log2 frequency,
 *       dB per octave;</li>
 *   <li>129 {@code flatness}: mean over frames of the voice band's spectral flatness
 *       (geometric over arithmetic mean of the band powers);</li>
 *   <li>130 {@code dynamic_range}: 95th minus 5th percentile of the frames' voice-band level, dB;</li>
 *   <li>131 {@code decay_p05}, 132 {@code rise_p95}: 5th and 95th percentiles of the frame-to-frame
 *       level change, dB per 10 ms (a reverberant room caps how fast energy can fall);</li>
 *   <li>133 {@code mean_abs_delta}: mean absolute level change, dB per 10 ms;</li>
 *   <li>134 {@code loud_share}: share of frames within 20 dB of the 95th-percentile level;</li>
 *   <li>135 {@code ripple_rms}, 136 {@code ripple_max}, 137 {@code ripple_curvature}: how far the
 *       voice-band long-term spectrum departs from a smooth curve (loudspeaker resonances).</li>
 * </ol>
 *
 * Fewer than 400 samples (no frame) give all zeros; digital silence gives finite values (levels
 * at the power floor). NaN and infinite samples are analysed as 0 and counted. Not standardised
 * here (the descriptor carries the training statistics). {@link #newChannel()} gives the
 * per-channel accumulator; its memory grows by 4 bytes per 10 ms for the level series.
 */
public final class ReplayFeatures {
    public static final int DIMENSION = 138;
    public static final List<String> NAMES = names();
    /** {@link #DIMENSION} plus the speech/noise features of {@link SpeechNoiseSpectra}. */
    public static final int EXTENDED_DIMENSION = DIMENSION + SpeechNoiseSpectra.DIMENSION;
    public static final List<String> EXTENDED_NAMES = extendedNames();
    static final int CORRELATION = 64;
    static final int SLOPE = 96;
    static final int TILT = 128;

    private ReplayFeatures() {
    }

    private static List<String> names() {
        List<String> names = new ArrayList<>();
        for (int j = 0; j < LinearBands.BANDS; j++) {
            names.add("ltas_" + j);
        }
        for (int j = 0; j < LinearBands.BANDS; j++) {
            names.add("bandstd_" + j);
        }
        for (int j = 0; j < LinearBands.BANDS; j++) {
            names.add("bandcorr_" + j);
        }
        for (int j = 0; j < LinearBands.BANDS; j++) {
            names.add("bandslope_" + j);
        }
        names.addAll(List.of("tilt", "flatness", "dynamic_range", "decay_p05", "rise_p95", "mean_abs_delta",
                "loud_share", "ripple_rms", "ripple_max", "ripple_curvature"));
        return List.copyOf(names);
    }

    private static List<String> extendedNames() {
        List<String> names = new ArrayList<>(NAMES);
        names.addAll(SpeechNoiseSpectra.NAMES);
        return List.copyOf(names);
    }

    /** A fresh accumulator for one channel ({@link FeatureSet#REPLAY138}). */
    public static UtteranceFeatures newChannel() {
        return new Channel(false, null);
    }

    /**
     * A fresh accumulator for one channel that takes its power frames from {@code spectra} instead
     * of computing them (the same values); {@code extended} for {@link FeatureSet#REPLAY198}, the 138
     * then 60 more. {@link FeatureSet#newChannel()} is the public way to either set.
     */
    static UtteranceFeatures newChannel(boolean extended, SharedSpectra spectra) {
        return new Channel(extended, spectra);
    }

    /** The features of a whole 16 kHz mono signal. */
    public static float[] of(float[] samples) {
        UtteranceFeatures channel = newChannel();
        channel.accept(samples, 0, samples.length);
        channel.end();
        return channel.vector();
    }

    private static final class Channel extends CleanSamples implements UtteranceFeatures {
        private final double[] bands = new double[LinearBands.BANDS];
        private final double[] powerSum = new double[LinearBands.BANDS];
        private final double[] binSum = new double[Stft.FFT_SIZE / 2 + 1];
        private final double[] dbSum = new double[LinearBands.BANDS];
        private final double[] dbSquares = new double[LinearBands.BANDS];
        private final double[] dbTimesLevel = new double[LinearBands.BANDS];
        private double levelSum;
        private double levelSquares;
        private final GrowableFloats level = new GrowableFloats();
        private final FeatureStream stft;
        private double flatnessSum;
        private long frames;
        private final SpeechNoiseSpectra speechNoise;

        /** With {@code spectra} non-null the frames come from it, and this channel runs no STFT. */
        Channel(boolean extended, SharedSpectra spectra) {
            stft = SharedSpectra.framesFor(spectra, this::frame);
            speechNoise = extended ? new SpeechNoiseSpectra() : null;
        }

        private void frame(float[] power) {
            for (int k = 0; k < binSum.length; k++) {
                binSum[k] += power[k];
            }
            LinearBands.of(power, bands);
            double logSum = 0;
            for (int j = 0; j < LinearBands.BANDS; j++) {
                powerSum[j] += bands[j];
                double db = LinearBands.db(bands[j]);
                dbSum[j] += db;
                dbSquares[j] += db * db;
                if (j >= LinearBands.VOICE_FIRST && j <= LinearBands.VOICE_LAST) {
                    logSum += Math.log(bands[j] + LinearBands.FLOOR);
                }
            }
            double voice = LinearBands.voiceBand(bands);
            int n = LinearBands.VOICE_LAST - LinearBands.VOICE_FIRST + 1;
            flatnessSum += Math.exp(logSum / n) / (voice + LinearBands.FLOOR);
            double voiceDb = LinearBands.db(voice);
            if (speechNoise != null) {
                speechNoise.frame(power, voiceDb);
            }
            level.add((float) voiceDb);
            levelSum += voiceDb;
            levelSquares += voiceDb * voiceDb;
            for (int j = 0; j < LinearBands.BANDS; j++) {
                dbTimesLevel[j] += LinearBands.db(bands[j]) * voiceDb;
            }
            frames++;
        }

        @Override
        protected void analyse(float[] clean, int length) {
            stft.accept(clean, 0, length);
        }

        @Override
        protected void finish() {
            stft.finish();
        }

        @Override
        public float[] vector() {
            requireEnded();
            float[] v = new float[speechNoise == null ? DIMENSION : EXTENDED_DIMENSION];
            if (frames == 0) {
                return v;
            }
            double voice = 0;
            for (int j = LinearBands.VOICE_FIRST; j <= LinearBands.VOICE_LAST; j++) {
                voice += powerSum[j];
            }
            voice /= LinearBands.VOICE_LAST - LinearBands.VOICE_FIRST + 1;
            double[] ltas = new double[LinearBands.BANDS];
            for (int j = 0; j < LinearBands.BANDS; j++) {
                ltas[j] = 10 * Math.log10((powerSum[j] + LinearBands.FLOOR) / (voice + LinearBands.FLOOR));
                v[j] = (float) ltas[j];
                double mean = dbSum[j] / frames;
                double variance = Math.max(0, dbSquares[j] / frames - mean * mean);
                v[LinearBands.BANDS + j] = (float) Math.sqrt(variance);
                double levelMean = levelSum / frames;
                double levelVariance = Math.max(0, levelSquares / frames - levelMean * levelMean);
                double covariance = dbTimesLevel[j] / frames - mean * levelMean;
                // Below 1e-6 dB^2 a series is constant (digital silence): no correlation, no slope.
                v[CORRELATION + j] = variance > 1e-6 && levelVariance > 1e-6
                        ? (float) (covariance / Math.sqrt(variance * levelVariance)) : 0f;
                v[SLOPE + j] = levelVariance > 1e-6 ? (float) (covariance / levelVariance) : 0f;
            }
            v[TILT] = (float) tilt(ltas);
            v[TILT + 1] = (float) (flatnessSum / frames);
            float[] sorted = level.sorted();
            float p95 = GrowableFloats.quantile(sorted, 0.95);
            v[TILT + 2] = p95 - GrowableFloats.quantile(sorted, 0.05);
            GrowableFloats deltas = new GrowableFloats();
            double absSum = 0;
            for (int i = 1; i < level.size(); i++) {
                float d = level.get(i) - level.get(i - 1);
                deltas.add(d);
                absSum += Math.abs(d);
            }
            float[] sortedDeltas = deltas.sorted();
            v[TILT + 3] = GrowableFloats.quantile(sortedDeltas, 0.05);
            v[TILT + 4] = GrowableFloats.quantile(sortedDeltas, 0.95);
            v[TILT + 5] = deltas.size() == 0 ? 0 : (float) (absSum / deltas.size());
            int loud = 0;
            for (float l : sorted) {
                if (l >= p95 - 20) {
                    loud++;
                }
            }
            v[TILT + 6] = (float) loud / sorted.length;
            ripple(v);
            if (speechNoise != null) {
                speechNoise.vector(GrowableFloats.quantile(sorted, SpeechNoiseSpectra.QUIET_QUANTILE),
                        GrowableFloats.quantile(sorted, SpeechNoiseSpectra.LOUD_QUANTILE), v, DIMENSION);
            }
            return v;
        }

        /**
         * Ripple of the long-term spectrum in the voice band (bins 10-108, 312-3375 Hz), which
         * loudspeaker resonances add: the 5-bin smoothed LTAS in dB minus its least-squares
         * quadratic in log frequency, as RMS and maximum absolute residual, and the mean absolute
         * second difference of the smoothed LTAS at 4-bin (125 Hz) steps.
         */
        private void ripple(float[] v) {
            int first = 10;
            int last = 108;
            int n = last - first + 1;
            double[] x = new double[n];
            double[] y = new double[n];
            for (int i = 0; i < n; i++) {
                int k = first + i;
                double sum = 0;
                for (int d = -2; d <= 2; d++) {
                    sum += binSum[k + d];
                }
                x[i] = Math.log(k);
                y[i] = 10 * Math.log10(sum / 5 / frames + LinearBands.FLOOR);
            }
            double[] residual = QuadraticFit.residuals(x, y);
            double squares = 0;
            double max = 0;
            for (double r : residual) {
                squares += r * r;
                max = Math.max(max, Math.abs(r));
            }
            double curvature = 0;
            int steps = 0;
            for (int i = 4; i + 4 < n; i += 4) {
                curvature += Math.abs(y[i + 4] - 2 * y[i] + y[i - 4]);
                steps++;
            }
            v[TILT + 7] = (float) Math.sqrt(squares / n);
            v[TILT + 8] = (float) max;
            v[TILT + 9] = (float) (curvature / steps);
        }

        /** Slope of the voice-band LTAS against log2 of the band centres, dB per octave. */
        private static double tilt(double[] ltas) {
            int n = LinearBands.VOICE_LAST - LinearBands.VOICE_FIRST + 1;
            double sx = 0;
            double sy = 0;
            double sxx = 0;
            double sxy = 0;
            for (int j = LinearBands.VOICE_FIRST; j <= LinearBands.VOICE_LAST; j++) {
                double x = Math.log(LinearBands.centre(j)) / Math.log(2);
                sx += x;
                sy += ltas[j];
                sxx += x * x;
                sxy += x * ltas[j];
            }
            return (n * sxy - sx * sy) / (n * sxx - sx * sx);
        }
    }
}
