package io.bonafide.detection.features;

import io.bonafide.audio.ChannelAnalysis;
import io.bonafide.audio.features.FeatureStream;
import io.bonafide.audio.features.Stft;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The 140 per-window features of the manipulation detector ({@link FeatureSet#MANIPULATION140}):
 * one vector per 400 ms window (6,400 samples at 16 kHz) every 200 ms (3,200 samples). Window
 * {@code w} covers samples {@code [3200 w, 3200 w + 6400)}; only whole windows exist, so
 * {@code N} samples give {@code 1 + floor((N - 6400) / 3200)} windows (none under 6,400).
 *
 * <p>Each window first gets 26 <em>base</em> features from the {@link Stft#standard()} frames
 * that lie inside it (frames {@code 20 w .. 20 w + 37}) and from the 10 ms sample blocks
 * {@code 20 w .. 20 w + 39}:
 * <ol>
 *   <li>0–15: level of the 16 bands of 500 Hz (0–8 kHz) in dB, mean over the frames, minus the
 *       window's voice-band level (the window's spectral shape);</li>
 *   <li>16 voice-band (250–3500 Hz) level, mean over frames, dB; 17 its 10th percentile over the
 *       frames (noise floor); 18 its standard deviation;</li>
 *   <li>19 RMS over the 16 bands of the difference between the first and the second half of the
 *       window (19 frames each), dB: a cut inside the window changes the spectrum between the
 *       halves; 20 the absolute level difference between the halves, dB;</li>
 *   <li>21 largest spectral flux between consecutive frames (RMS over bands of the dB change);
 *       22 largest absolute frame-to-frame level change, dB;</li>
 *   <li>23 largest crest factor (peak over RMS) of the second difference of the samples in a
 *       10 ms block: a hard cut leaves a click; 24 mean voice-band spectral flatness;
 *       25 energy of the second difference relative to the voice-band level, dB.</li>
 * </ol>
 * The vector is the base features of window {@code w}, followed by four contrasts: base
 * {@code w} minus base {@code w - 1}; base {@code w} minus base {@code w + 1}; the absolute
 * difference of bases {@code w - 1} and {@code w + 1} (the two sides of a cut in {@code w});
 * base {@code w} minus the per-feature median over all the channel's windows. A missing
 * neighbour (first or last window) is replaced by the window itself. Ten context contrasts follow
 * (0.6 s and 1.2 s either side of the window's centre, see {@link Channel#context}).
 *
 * <p>NaN and infinite samples are analysed as 0 and counted. The stream keeps 19 floats per
 * 10 ms frame and 26 per window until the end, about 27 MB per hour of audio, because the
 * contrasts need the next window and the channel median.
 */
public final class ManipulationWindowFeatures {
    public static final int WINDOW_SAMPLES = 6400;
    public static final int HOP_SAMPLES = 3200;
    public static final double WINDOW_SECONDS = 0.4;
    public static final double HOP_SECONDS = 0.2;
    public static final int BASE = 26;
    /** Context contrasts per scale, see {@link Channel#context}. */
    public static final int CONTEXT = 5;
    /** Half-widths of the two context scales, in frames (0.6 s and 1.2 s). */
    static final int[] CONTEXT_FRAMES = {60, 120};
    public static final int DIMENSION = 5 * BASE + CONTEXT * 2;
    public static final List<String> NAMES = names();
    static final int FRAMES_PER_WINDOW = 38;
    static final int FRAMES_PER_HOP = 20;
    static final int BLOCK = 160;
    static final int BLOCKS_PER_WINDOW = 40;
    private static final int COARSE = 16;
    private static final int FRAME_FEATURES = COARSE + 2;

    private ManipulationWindowFeatures() {
    }

    private static List<String> names() {
        List<String> base = new ArrayList<>();
        for (int j = 0; j < COARSE; j++) {
            base.add("shape_" + j);
        }
        base.addAll(List.of("level", "floor", "level_std", "half_spectrum", "half_level", "max_flux", "max_jump",
                "max_click", "flatness", "hf_energy"));
        List<String> names = new ArrayList<>();
        for (String prefix : List.of("", "minus_prev_", "minus_next_", "prev_vs_next_", "minus_median_")) {
            base.forEach(b -> names.add(prefix + b));
        }
        for (int scale : CONTEXT_FRAMES) {
            for (String c : List.of("shape_change", "floor_change", "level_change", "noise_shape_change",
                    "flatness_change")) {
                names.add("context" + scale * 10 + "ms_" + c);
            }
        }
        return List.copyOf(names);
    }

    /** Windows that {@code samples} samples give. */
    public static int windows(long samples) {
        return samples < WINDOW_SAMPLES ? 0 : (int) (1 + (samples - WINDOW_SAMPLES) / HOP_SAMPLES);
    }

    /** A fresh accumulator for one channel. */
    public static Channel newChannel() {
        return new Channel();
    }

    /** The window vectors of a whole 16 kHz mono signal. */
    public static List<float[]> of(float[] samples) {
        Channel channel = newChannel();
        channel.accept(samples, 0, samples.length);
        channel.end();
        return channel.windows();
    }

    /** One channel's accumulator: feed samples, {@link #end()}, read {@link #windows()}. Not thread-safe. */
    public static final class Channel extends CleanSamples implements ChannelAnalysis {
        private final FeatureStream stft;
        private final double[] bands = new double[LinearBands.BANDS];
        private float[] frames = new float[FRAME_FEATURES * 256];
        private int frameCount;
        private final GrowableFloats blockCrest = new GrowableFloats();
        private final GrowableFloats blockEnergy = new GrowableFloats();
        private float previous;
        private float beforePrevious;
        private long seen;
        private double blockSquares;
        private double blockPeak;
        private int blockFill;
        private List<float[]> windows;

        Channel() {
            stft = Stft.standard().stream(this::frame);
        }

        private void frame(float[] power) {
            LinearBands.of(power, bands);
            if (frames.length < (frameCount + 1) * FRAME_FEATURES) {
                frames = Arrays.copyOf(frames, frames.length * 2);
            }
            int at = frameCount * FRAME_FEATURES;
            for (int j = 0; j < COARSE; j++) {
                frames[at + j] = (float) LinearBands.db(bands[2 * j] + bands[2 * j + 1]);
            }
            double voice = LinearBands.voiceBand(bands);
            double logSum = 0;
            for (int j = LinearBands.VOICE_FIRST; j <= LinearBands.VOICE_LAST; j++) {
                logSum += Math.log(bands[j] + LinearBands.FLOOR);
            }
            int n = LinearBands.VOICE_LAST - LinearBands.VOICE_FIRST + 1;
            frames[at + COARSE] = (float) LinearBands.db(voice);
            frames[at + COARSE + 1] = (float) (Math.exp(logSum / n) / (voice + LinearBands.FLOOR));
            frameCount++;
        }

        @Override
        protected void analyse(float[] clean, int length) {
            stft.accept(clean, 0, length);
            for (int i = 0; i < length; i++) {
                float x = clean[i];
                if (seen >= 2) {
                    double d2 = x - 2.0 * previous + beforePrevious;
                    blockSquares += d2 * d2;
                    blockPeak = Math.max(blockPeak, Math.abs(d2));
                }
                beforePrevious = previous;
                previous = x;
                seen++;
                if (++blockFill == BLOCK) {
                    double rms = Math.sqrt(blockSquares / BLOCK);
                    blockCrest.add((float) (blockPeak / (rms + 1e-7)));
                    blockEnergy.add((float) (blockSquares / BLOCK));
                    blockSquares = 0;
                    blockPeak = 0;
                    blockFill = 0;
                }
            }
        }

        @Override
        protected void finish() {
            stft.finish();
            int count = ManipulationWindowFeatures.windows(samples());
            float[][] base = new float[count][];
            for (int w = 0; w < count; w++) {
                base[w] = base(w);
            }
            float[] median = new float[BASE];
            float[] column = new float[count];
            for (int k = 0; k < BASE && count > 0; k++) {
                for (int w = 0; w < count; w++) {
                    column[w] = base[w][k];
                }
                Arrays.sort(column);
                median[k] = column[count / 2];
            }
            List<float[]> out = new ArrayList<>(count);
            for (int w = 0; w < count; w++) {
                float[] self = base[w];
                float[] prev = w > 0 ? base[w - 1] : self;
                float[] next = w + 1 < count ? base[w + 1] : self;
                float[] v = new float[DIMENSION];
                for (int k = 0; k < BASE; k++) {
                    v[k] = self[k];
                    v[BASE + k] = self[k] - prev[k];
                    v[2 * BASE + k] = self[k] - next[k];
                    v[3 * BASE + k] = Math.abs(prev[k] - next[k]);
                    v[4 * BASE + k] = self[k] - median[k];
                }
                for (int scale = 0; scale < CONTEXT_FRAMES.length; scale++) {
                    context(w, CONTEXT_FRAMES[scale], v, 5 * BASE + CONTEXT * scale);
                }
                out.add(v);
            }
            windows = List.copyOf(out);
            frames = null;
        }

        /**
         * Contrasts between the {@code half} frames before and the {@code half} frames after the
         * window's centre (fewer near the channel's ends; none under 10 a side): a join of two
         * recordings changes the channel, which longer contexts estimate more steadily than one
         * window. Writes {@link #CONTEXT} values at {@code at}: RMS over the 16 bands of the change
         * of spectral shape (band level minus voice level), absolute change of the noise floor
         * (10th percentile of frame levels) and of the mean level, RMS change of the noise
         * spectrum (band levels of the quietest fifth of the frames), change of flatness.
         */
        private void context(int w, int half, float[] v, int at) {
            int centre = FRAMES_PER_HOP * w + FRAMES_PER_WINDOW / 2;
            int leftFrom = Math.max(0, centre - half);
            int rightTo = Math.min(frameCount, centre + half);
            if (centre - leftFrom < 10 || rightTo - centre < 10) {
                return;
            }
            Side left = side(leftFrom, centre);
            Side right = side(centre, rightTo);
            double shape = 0;
            double noise = 0;
            for (int j = 0; j < COARSE; j++) {
                double d = (left.band[j] - left.level) - (right.band[j] - right.level);
                shape += d * d;
                double n = left.noise[j] - right.noise[j];
                noise += n * n;
            }
            v[at] = (float) Math.sqrt(shape / COARSE);
            v[at + 1] = (float) Math.abs(left.floor - right.floor);
            v[at + 2] = (float) Math.abs(left.level - right.level);
            v[at + 3] = (float) Math.sqrt(noise / COARSE);
            v[at + 4] = (float) Math.abs(left.flatness - right.flatness);
        }

        /** Summary of frames {@code [from, to)}. */
        private record Side(double[] band, double[] noise, double level, double floor, double flatness) {
        }

        private Side side(int from, int to) {
            int n = to - from;
            double[] band = new double[COARSE];
            double[] noise = new double[COARSE];
            Integer[] order = new Integer[n];
            double level = 0;
            double flatness = 0;
            for (int i = 0; i < n; i++) {
                int at = (from + i) * FRAME_FEATURES;
                for (int j = 0; j < COARSE; j++) {
                    band[j] += frames[at + j];
                }
                level += frames[at + COARSE];
                flatness += frames[at + COARSE + 1];
                order[i] = from + i;
            }
            Arrays.sort(order, (a, b) -> Float.compare(frames[a * FRAME_FEATURES + COARSE],
                    frames[b * FRAME_FEATURES + COARSE]));
            int quiet = Math.max(1, n / 5);
            for (int i = 0; i < quiet; i++) {
                int at = order[i] * FRAME_FEATURES;
                for (int j = 0; j < COARSE; j++) {
                    noise[j] += frames[at + j] / quiet;
                }
            }
            for (int j = 0; j < COARSE; j++) {
                band[j] /= n;
            }
            double floor = frames[order[n / 10] * FRAME_FEATURES + COARSE];
            return new Side(band, noise, level / n, floor, flatness / n);
        }

        private float[] base(int w) {
            float[] b = new float[BASE];
            int first = FRAMES_PER_HOP * w;
            int half = FRAMES_PER_WINDOW / 2;
            double[] mean = new double[COARSE];
            double[] firstHalf = new double[COARSE];
            double[] secondHalf = new double[COARSE];
            float[] levels = new float[FRAMES_PER_WINDOW];
            double levelSum = 0;
            double levelSquares = 0;
            double flatness = 0;
            double maxFlux = 0;
            double maxJump = 0;
            for (int i = 0; i < FRAMES_PER_WINDOW; i++) {
                int at = (first + i) * FRAME_FEATURES;
                for (int j = 0; j < COARSE; j++) {
                    float db = frames[at + j];
                    mean[j] += db;
                    if (i < half) {
                        firstHalf[j] += db;
                    } else {
                        secondHalf[j] += db;
                    }
                }
                float level = frames[at + COARSE];
                levels[i] = level;
                levelSum += level;
                levelSquares += level * level;
                flatness += frames[at + COARSE + 1];
                if (i > 0) {
                    int before = at - FRAME_FEATURES;
                    double flux = 0;
                    for (int j = 0; j < COARSE; j++) {
                        double d = frames[at + j] - frames[before + j];
                        flux += d * d;
                    }
                    maxFlux = Math.max(maxFlux, Math.sqrt(flux / COARSE));
                    maxJump = Math.max(maxJump, Math.abs(level - frames[before + COARSE]));
                }
            }
            double levelMean = levelSum / FRAMES_PER_WINDOW;
            double halfDifference = 0;
            for (int j = 0; j < COARSE; j++) {
                b[j] = (float) (mean[j] / FRAMES_PER_WINDOW - levelMean);
                double d = firstHalf[j] / half - secondHalf[j] / (FRAMES_PER_WINDOW - half);
                halfDifference += d * d;
            }
            double firstLevel = 0;
            double secondLevel = 0;
            for (int i = 0; i < FRAMES_PER_WINDOW; i++) {
                if (i < half) {
                    firstLevel += levels[i];
                } else {
                    secondLevel += levels[i];
                }
            }
            Arrays.sort(levels);
            b[16] = (float) levelMean;
            b[17] = levels[FRAMES_PER_WINDOW / 10];
            b[18] = (float) Math.sqrt(Math.max(0, levelSquares / FRAMES_PER_WINDOW - levelMean * levelMean));
            b[19] = (float) Math.sqrt(halfDifference / COARSE);
            b[20] = (float) Math.abs(firstLevel / half - secondLevel / (FRAMES_PER_WINDOW - half));
            b[21] = (float) maxFlux;
            b[22] = (float) maxJump;
            double crest = 0;
            double energy = 0;
            int firstBlock = FRAMES_PER_HOP * w;
            int blocks = 0;
            for (int k = firstBlock; k < firstBlock + BLOCKS_PER_WINDOW && k < blockCrest.size(); k++) {
                crest = Math.max(crest, blockCrest.get(k));
                energy += blockEnergy.get(k);
                blocks++;
            }
            b[23] = (float) crest;
            b[24] = (float) (flatness / FRAMES_PER_WINDOW);
            b[25] = (float) (LinearBands.db(blocks == 0 ? 0 : energy / blocks * 1e4) - levelMean);
            return b;
        }

        /** One vector per window, in window order; valid after {@link #end()}. */
        public List<float[]> windows() {
            requireEnded();
            return windows;
        }
    }
}
