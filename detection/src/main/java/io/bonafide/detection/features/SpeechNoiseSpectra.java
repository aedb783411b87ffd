package io.bonafide.detection.features;

import io.bonafide.audio.features.Stft;
import java.util.ArrayList;
import java.util.List;

/**
 * Speech and noise-floor spectra of one channel in 20 bands of about a third of an octave from
 * 62.5 Hz to 8 kHz, the 60 features that {@link FeatureSet#REPLAY198} appends to the 138 of
 * {@link ReplayFeatures}.
 *
 * <p>Stationary background noise (10–30 dB under the speech in the replay corpus) fills the low
 * bands where a small loudspeaker removes the talker's fundamental and first harmonics, so the
 * long-term spectrum of all frames hides that loss. Here frames are split by their voice-band
 * level: the mean band power of the loud frames (at or above the 70th percentile) minus that of
 * the quiet ones (at or below the 20th percentile, the noise floor) estimates the speech spectrum
 * as the channel delivered it, with the additive noise removed; the quiet frames alone give the
 * noise floor's shape. Per band {@code b}:
 *
 * <ol>
 *   <li>{@code speech_b}: speech power (loud minus quiet, floored at 1/1000 of the loud power) in
 *       dB relative to the speech power of the 312–3187 Hz bands;</li>
 *   <li>{@code noise_b}: quiet-frame power in dB relative to the quiet-frame power of the
 *       312–3187 Hz bands;</li>
 *   <li>{@code snr_b}: loud over quiet power, dB (where speech rises above the floor).</li>
 * </ol>
 *
 * Memory is constant: band powers are summed per 0.5 dB bucket of the frame's voice-band level
 * (level series percentiles come from {@link ReplayFeatures}), so the split needs no second pass.
 */
final class SpeechNoiseSpectra {
    static final double QUIET_QUANTILE = 0.20;
    static final double LOUD_QUANTILE = 0.70;
    /** Band edges in STFT bins (31.25 Hz each): bins {@code EDGES[b] .. EDGES[b+1]-1}. */
    private static final int[] EDGES = {2, 3, 4, 5, 6, 8, 10, 13, 16, 20, 26, 32, 40, 51, 64, 80, 102, 128, 160, 204,
            Stft.FFT_SIZE / 2 + 1};
    static final int BANDS = EDGES.length - 1;
    static final int DIMENSION = 3 * BANDS;
    static final List<String> NAMES = names();
    /** Bands 6..15 (312-3187 Hz): the voice band every source keeps, the reference level. */
    private static final int REFERENCE_FIRST = 6;
    private static final int REFERENCE_LAST = 15;
    private static final double BUCKET_DB = 0.5;
    private static final double LOWEST_DB = -70;
    private static final int BUCKETS = 320;

    private final double[][] sums = new double[BUCKETS][BANDS];
    private final long[] counts = new long[BUCKETS];

    private static List<String> names() {
        List<String> names = new ArrayList<>();
        for (String kind : List.of("speech_", "noise_", "snr_")) {
            for (int b = 0; b < BANDS; b++) {
                names.add(kind + b);
            }
        }
        return List.copyOf(names);
    }

    private static int bucket(double levelDb) {
        return (int) Math.max(0, Math.min(BUCKETS - 1, Math.floor((levelDb - LOWEST_DB) / BUCKET_DB)));
    }

    /** One frame's power spectrum (257 bins) and its voice-band level in dB. */
    void frame(float[] power, double voiceDb) {
        int k = bucket(voiceDb);
        counts[k]++;
        double[] row = sums[k];
        for (int b = 0; b < BANDS; b++) {
            double sum = 0;
            for (int bin = EDGES[b]; bin < EDGES[b + 1]; bin++) {
                sum += power[bin];
            }
            row[b] += sum / (EDGES[b + 1] - EDGES[b]);
        }
    }

    /** Writes the {@link #DIMENSION} features into {@code v} from {@code offset}, given the level quantiles. */
    void vector(double quietDb, double loudDb, float[] v, int offset) {
        double[] quiet = mean(0, bucket(quietDb));
        double[] loud = mean(bucket(loudDb), BUCKETS - 1);
        double[] speech = new double[BANDS];
        for (int b = 0; b < BANDS; b++) {
            speech[b] = Math.max(loud[b] - quiet[b], 1e-3 * loud[b]);
        }
        double speechReference = reference(speech);
        double quietReference = reference(quiet);
        for (int b = 0; b < BANDS; b++) {
            v[offset + b] = (float) (LinearBands.db(speech[b]) - LinearBands.db(speechReference));
            v[offset + BANDS + b] = (float) (LinearBands.db(quiet[b]) - LinearBands.db(quietReference));
            v[offset + 2 * BANDS + b] = (float) (LinearBands.db(loud[b]) - LinearBands.db(quiet[b]));
        }
    }

    private double[] mean(int firstBucket, int lastBucket) {
        double[] mean = new double[BANDS];
        long n = 0;
        for (int k = firstBucket; k <= lastBucket; k++) {
            n += counts[k];
            for (int b = 0; b < BANDS; b++) {
                mean[b] += sums[k][b];
            }
        }
        for (int b = 0; b < BANDS; b++) {
            mean[b] = n == 0 ? 0 : mean[b] / n;
        }
        return mean;
    }

    private static double reference(double[] bands) {
        double sum = 0;
        for (int b = REFERENCE_FIRST; b <= REFERENCE_LAST; b++) {
            sum += bands[b];
        }
        return sum / (REFERENCE_LAST - REFERENCE_FIRST + 1);
    }
}
