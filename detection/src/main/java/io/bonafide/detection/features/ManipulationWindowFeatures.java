package io.bonafide.detection.features;

import io.bonafide.audio.ChannelAnalysis;
import io.bonafide.audio.features.FeatureStream;
import io.bonafide.audio.features.Stft;
import io.bonafide.detection.features.SideSummaries.Side;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The per-window features of the manipulation detector: 322 ({@link FeatureSet#MANIPULATION322},
 * model 2.0.0), whose first 140 are those of 1.0.0 ({@link FeatureSet#MANIPULATION140}); one
 * vector per 400 ms window (6,400 samples at 16 kHz) every 200 ms (3,200 samples). Window
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
 * (0.6 s and 1.2 s either side of the window's centre, see {@link Channel#contrast}): the 140 of
 * 1.0.0 end here.
 *
 * <p>2.0.0 adds {@link #EXTRA} features: the five contrasts over 2 s; per scale (0.6, 1.2, 2 s) the
 * signed noise-floor change, the signed change of the quietest frames' level (a level jump scales
 * the noise bed), the cepstral distance and the spectral-shape distance of the loudest half of the
 * frames (speaker or channel change in speech); the 0.6 s and 1.2 s contrast curves (every 50 ms)
 * at their largest inside the window and that minus their largest 0.2–0.6 s away (where the change
 * peaks); span contrasts, a 0.5, 1 or 2 s span starting or ending in the window against the 0.6 s
 * either side of it (an insert, a replacement or a level-jumped span differs from both sides while
 * the two sides agree); the largest linear-prediction residual crest and the lowest prediction gain
 * of the window's 10 ms blocks (a hard join); and the noise bed of the window's pause frames (largest
 * pause-to-pause spectral flux, pause spectrum of the first half against the second). Last, the
 * robust z-score within the channel ((x − median) / 1.4826 MAD) of the 26 base features, the ten
 * 1.0.0 contexts and the extras: how unusual the window is in its own recording.
 *
 * <p>NaN and infinite samples are analysed as 0 and counted. The stream keeps 30 floats per
 * 10 ms frame and the window vectors until the end, about 70 MB per hour of audio, because the
 * contrasts need the following frames and the channel medians; at the end, {@link SideSummaries}
 * caches up to about 8 MB of run summaries while the contrasts are computed.
 */
public final class ManipulationWindowFeatures {
    public static final int WINDOW_SAMPLES = 6400;
    public static final int HOP_SAMPLES = 3200;
    public static final double WINDOW_SECONDS = 0.4;
    public static final double HOP_SECONDS = 0.2;
    public static final int BASE = 26;
    /** Context contrasts per scale, see {@link Channel#contrast}. */
    public static final int CONTEXT = 5;
    /** Half-widths of the two context scales, in frames (0.6 s and 1.2 s). */
    static final int[] CONTEXT_FRAMES = {60, 120};
    /** Half-width of the long context scale (2 s), in frames. */
    static final int LONG_CONTEXT_FRAMES = 200;
    /** Cepstral coefficients (c1..c12 of the 16 coarse band levels) kept per frame. */
    static final int CEPSTRA = 12;
    /** The contrasts followed along the channel every {@link #CURVE_STEP} frames. */
    private static final List<String> CURVE_NAMES = List.of("shape_change", "floor_change", "noise_shape_change",
            "cepstrum_change", "loud_shape_change", "quiet_level_change", "level_change");
    /** Span lengths of the span contrasts, in frames (0.5, 1 and 2 s). */
    static final int[] SPAN_FRAMES = {50, 100, 200};
    /** Context on each side of a span, in frames (0.6 s). */
    private static final int SPAN_OUTSIDE = 60;
    /** The span contrasts: noise spectrum, noise floor, loud spectral shape, loud cepstrum. */
    private static final List<String> SPAN_NAMES = List.of("noise_shape", "floor", "loud_shape", "cepstrum");
    /** Step of the contrast curves, in frames (50 ms). */
    private static final int CURVE_STEP = 5;
    /** Order of the per-block linear prediction ({@link Channel#autocorrelation} is written out for 12). */
    private static final int LPC_ORDER = 12;
    /** Length of the 1.0.0 vector ({@link FeatureSet#MANIPULATION140}), a prefix of the full one. */
    public static final int DIMENSION_140 = 5 * BASE + CONTEXT * 2;
    /** Features after the first 140 that 2.0.0 adds (before the z-scores), see the class comment. */
    public static final int EXTRA = 73;
    /** Features that also get a robust z-score within the channel: base, the ten contexts, the extras. */
    public static final int SCORED = BASE + CONTEXT * 2 + EXTRA;
    /** Length of the full vector ({@link FeatureSet#MANIPULATION322}). */
    public static final int DIMENSION = DIMENSION_140 + EXTRA + SCORED;
    public static final List<String> NAMES = names();
    static final int FRAMES_PER_WINDOW = 38;
    static final int FRAMES_PER_HOP = 20;
    static final int BLOCK = 160;
    static final int BLOCKS_PER_WINDOW = 40;
    static final int COARSE = 16;
    static final int FRAME_FEATURES = COARSE + 2 + CEPSTRA;

    /** cos(pi k (j + 1/2) / 16): the DCT-II of the 16 coarse band levels gives the frame's cepstrum. */
    private static final double[][] COSINES = cosines();
    /** Hann window over the linear prediction's 30 ms analysis span (3 blocks). */
    private static final double[] LPC_WINDOW = lpcWindow();

    private ManipulationWindowFeatures() {
    }

    private static double[] lpcWindow() {
        int n = 3 * BLOCK;
        double[] w = new double[n];
        for (int i = 0; i < n; i++) {
            w[i] = 0.5 - 0.5 * Math.cos(2 * Math.PI * (i + 0.5) / n);
        }
        return w;
    }

    private static double[][] cosines() {
        double[][] c = new double[CEPSTRA + 1][COARSE];
        for (int k = 0; k <= CEPSTRA; k++) {
            for (int j = 0; j < COARSE; j++) {
                c[k][j] = Math.cos(Math.PI * k * (j + 0.5) / COARSE);
            }
        }
        return c;
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
        List<String> extra = new ArrayList<>();
        for (String c : List.of("shape_change", "floor_change", "level_change", "noise_shape_change",
                "flatness_change")) {
            extra.add("context" + LONG_CONTEXT_FRAMES * 10 + "ms_" + c);
        }
        for (int scale : new int[] {CONTEXT_FRAMES[0], CONTEXT_FRAMES[1], LONG_CONTEXT_FRAMES}) {
            for (String c : List.of("floor_signed", "quiet_level_signed", "cepstrum_change", "loud_shape_change")) {
                extra.add("context" + scale * 10 + "ms_" + c);
            }
        }
        for (int scale : CONTEXT_FRAMES) {
            for (String c : CURVE_NAMES) {
                extra.add("context" + scale * 10 + "ms_inside_max_" + c);
                extra.add("context" + scale * 10 + "ms_peak_" + c);
            }
        }
        for (int span : SPAN_FRAMES) {
            for (String c : SPAN_NAMES) {
                extra.add("span" + span * 10 + "ms_" + c);
                extra.add("span" + span * 10 + "ms_" + c + "_vs_outsides");
            }
        }
        extra.addAll(List.of("max_lpc_crest", "min_lpc_gain_vs_window", "quiet_max_flux", "quiet_half_spectrum"));
        names.addAll(extra);
        List<String> scored = new ArrayList<>(base);
        scored.addAll(names.subList(5 * BASE, 5 * BASE + CONTEXT * 2));
        scored.addAll(extra);
        scored.forEach(b -> names.add("robust_z_" + b));
        return List.copyOf(names);
    }

    /** Windows that {@code samples} samples give. */
    public static int windows(long samples) {
        return samples < WINDOW_SAMPLES ? 0 : (int) (1 + (samples - WINDOW_SAMPLES) / HOP_SAMPLES);
    }

    /** A fresh accumulator for one channel. */
    public static Channel newChannel() {
        return new Channel(null);
    }

    /**
     * A fresh accumulator for one channel that takes its power frames from {@code spectra} instead
     * of computing them (the same values); null: its own.
     */
    public static Channel newChannel(SharedSpectra spectra) {
        return new Channel(spectra);
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
        private final GrowableFloats blockLpcCrest = new GrowableFloats();
        private final GrowableFloats blockLpcGain = new GrowableFloats();
        /** The last three 10 ms blocks, the newest at the end: the linear prediction's analysis span. */
        private final float[] recent = new float[3 * BLOCK];
        private float previous;
        private float beforePrevious;
        private long seen;
        private double blockSquares;
        private double blockPeak;
        private int blockFill;
        private List<float[]> windows;
        /** The summaries of runs of frames, while {@link #finish} computes the contrasts. */
        private SideSummaries sides;

        Channel(SharedSpectra spectra) {
            stft = SharedSpectra.framesFor(spectra, this::frame);
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
            for (int k = 1; k <= CEPSTRA; k++) {
                double c = 0;
                for (int j = 0; j < COARSE; j++) {
                    c += frames[at + j] * COSINES[k][j];
                }
                frames[at + COARSE + 1 + k] = (float) (c / COARSE);
            }
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
                recent[2 * BLOCK + blockFill] = x;
                if (++blockFill == BLOCK) {
                    linearPrediction();
                    System.arraycopy(recent, BLOCK, recent, 0, 2 * BLOCK);
                    double rms = Math.sqrt(blockSquares / BLOCK);
                    blockCrest.add((float) (blockPeak / (rms + 1e-7)));
                    blockEnergy.add((float) (blockSquares / BLOCK));
                    blockSquares = 0;
                    blockPeak = 0;
                    blockFill = 0;
                }
            }
        }

        /**
         * Order-12 linear prediction fitted (autocorrelation method, Hann window) on the last 30 ms,
         * applied to the newest 10 ms block: a join of two recordings leaves a residual spike (crest)
         * and a drop of the prediction gain that the spectrum of a 25 ms frame hardly shows.
         */
        private void linearPrediction() {
            int n = recent.length;
            double[] r = new double[LPC_ORDER + 1];
            double[] xw = new double[n];
            double[] x = new double[n];
            for (int i = 0; i < n; i++) {
                xw[i] = recent[i] * LPC_WINDOW[i];
                x[i] = recent[i];
            }
            autocorrelation(xw, r);
            if (r[0] < 1e-12) {
                blockLpcCrest.add(0f);
                blockLpcGain.add(0f);
                return;
            }
            r[0] *= 1.0001;
            double[] a = new double[LPC_ORDER + 1];
            double[] tmp = new double[LPC_ORDER + 1];
            a[0] = 1;
            double error = r[0];
            for (int i = 1; i <= LPC_ORDER; i++) {
                double acc = r[i];
                for (int j = 1; j < i; j++) {
                    acc += a[j] * r[i - j];
                }
                double k = -acc / error;
                System.arraycopy(a, 0, tmp, 0, i);
                for (int j = 1; j < i; j++) {
                    a[j] = tmp[j] + k * tmp[i - j];
                }
                a[i] = k;
                error *= 1 - k * k;
                if (error <= 0) {
                    break;
                }
            }
            double peak = 0;
            double residual = 0;
            double signal = 0;
            // The residual of the block's samples, coefficient by coefficient: each sample's sum
            // adds the same terms in the same order as sample by sample, and the samples' sums no
            // longer wait on one another (the inner loop vectorises).
            double[] e = new double[BLOCK];
            System.arraycopy(x, 2 * BLOCK, e, 0, BLOCK);
            for (int j = 1; j <= LPC_ORDER; j++) {
                double aj = a[j];
                for (int i = 0; i < BLOCK; i++) {
                    e[i] += aj * x[2 * BLOCK + i - j];
                }
            }
            for (int i = 0; i < BLOCK; i++) {
                peak = Math.max(peak, Math.abs(e[i]));
                residual += e[i] * e[i];
                signal += x[2 * BLOCK + i] * x[2 * BLOCK + i];
            }
            blockLpcCrest.add((float) (peak / (Math.sqrt(residual / BLOCK) + 1e-7)));
            blockLpcGain.add((float) (10 * Math.log10((signal + 1e-12) / (residual + 1e-12))));
        }

        /**
         * {@code r[lag] = sum over i >= lag of x[i] x[i - lag]} for lags 0..12, each sum adding its
         * terms in ascending {@code i} from 0, the order of one pass per lag. One pass for all lags
         * with a local per lag, so that the 13 sums do not wait on one another (four times faster).
         */
        private static void autocorrelation(double[] x, double[] r) {
            for (int i = 0; i < LPC_ORDER; i++) {
                for (int lag = 0; lag <= i; lag++) {
                    r[lag] += x[i] * x[i - lag];
                }
            }
            double r0 = r[0];
            double r1 = r[1];
            double r2 = r[2];
            double r3 = r[3];
            double r4 = r[4];
            double r5 = r[5];
            double r6 = r[6];
            double r7 = r[7];
            double r8 = r[8];
            double r9 = r[9];
            double r10 = r[10];
            double r11 = r[11];
            double r12 = r[12];
            for (int i = LPC_ORDER; i < x.length; i++) {
                double v = x[i];
                r0 += v * x[i];
                r1 += v * x[i - 1];
                r2 += v * x[i - 2];
                r3 += v * x[i - 3];
                r4 += v * x[i - 4];
                r5 += v * x[i - 5];
                r6 += v * x[i - 6];
                r7 += v * x[i - 7];
                r8 += v * x[i - 8];
                r9 += v * x[i - 9];
                r10 += v * x[i - 10];
                r11 += v * x[i - 11];
                r12 += v * x[i - 12];
            }
            r[0] = r0;
            r[1] = r1;
            r[2] = r2;
            r[3] = r3;
            r[4] = r4;
            r[5] = r5;
            r[6] = r6;
            r[7] = r7;
            r[8] = r8;
            r[9] = r9;
            r[10] = r10;
            r[11] = r11;
            r[12] = r12;
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
            sides = new SideSummaries(frames);
            int points = (frameCount + CURVE_STEP - 1) / CURVE_STEP;
            float[][][] curves = new float[CONTEXT_FRAMES.length][points][];
            float[][][] spans = new float[SPAN_FRAMES.length][points][];
            // All curves point by point, so that the runs they share are still cached when asked
            // again; the runs from a point by increasing length (0.5, 0.6, 1, 1.2, 2 s), so that
            // each continues the previous one's sums (see SideSummaries).
            for (int i = 0; i < points; i++) {
                spans[0][i] = spanPoint(i * CURVE_STEP, SPAN_FRAMES[0]);
                spans[1][i] = spanPoint(i * CURVE_STEP, SPAN_FRAMES[1]);
                for (int scale = 0; scale < CONTEXT_FRAMES.length; scale++) {
                    curves[scale][i] = curvePoint(i * CURVE_STEP, CONTEXT_FRAMES[scale]);
                }
                spans[2][i] = spanPoint(i * CURVE_STEP, SPAN_FRAMES[2]);
            }
            float quietBelow = quietThreshold();
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
                int centre = FRAMES_PER_HOP * w + FRAMES_PER_WINDOW / 2;
                for (int scale = 0; scale < CONTEXT_FRAMES.length; scale++) {
                    Contrast c = contrast(centre, CONTEXT_FRAMES[scale]);
                    if (c != null) {
                        c.writeBasic(v, 5 * BASE + CONTEXT * scale);
                        c.writeMore(v, DIMENSION_140 + CONTEXT + 4 * scale);
                    }
                }
                Contrast longer = contrast(centre, LONG_CONTEXT_FRAMES);
                if (longer != null) {
                    longer.writeBasic(v, DIMENSION_140);
                    longer.writeMore(v, DIMENSION_140 + CONTEXT + 8);
                }
                peaks(centre, curves, v, DIMENSION_140 + CONTEXT + 12);
                spans(centre, spans, v, DIMENSION_140 + CONTEXT + 12 + 2 * CONTEXT_FRAMES.length * CURVE_NAMES.size());
                linearPrediction(w, v, DIMENSION_140 + EXTRA - 4);
                quiet(w, quietBelow, v, DIMENSION_140 + EXTRA - 2);
                out.add(v);
            }
            robustZ(out);
            windows = List.copyOf(out);
            frames = null;
            sides = null;
        }

        /**
         * The {@link #CURVE_NAMES} contrasts at frame {@code position}, one of every
         * {@link #CURVE_STEP}-th frame of the channel (0 where the context is too short).
         */
        private float[] curvePoint(int position, int half) {
            Contrast c = contrast(position, half);
            return c == null ? new float[CURVE_NAMES.size()] : new float[] {(float) c.shape,
                (float) Math.abs(c.floor), (float) c.noise, (float) c.cepstrum, (float) c.loudShape,
                (float) Math.abs(c.quiet), (float) Math.abs(c.level)};
        }

        /**
         * Where along the channel the contrasts peak: per scale and contrast, the largest value at
         * the points inside the window (within 190 ms of its centre), and that minus the largest
         * value 200–600 ms away. A join makes the contrast curve peak at the cut, so the window
         * holding the cut stands out from its neighbours, which see the same change less centred.
         */
        private void peaks(int centre, float[][][] curves, float[] v, int at) {
            int n = CURVE_NAMES.size();
            for (int scale = 0; scale < curves.length; scale++) {
                float[][] curve = curves[scale];
                for (int k = 0; k < n; k++) {
                    float inside = 0;
                    float outside = 0;
                    for (int i = Math.max(0, (centre - 60) / CURVE_STEP); i < curve.length && i * CURVE_STEP <= centre + 60;
                         i++) {
                        int distance = Math.abs(i * CURVE_STEP - centre);
                        if (distance < FRAMES_PER_HOP) {
                            inside = Math.max(inside, curve[i][k]);
                        } else {
                            outside = Math.max(outside, curve[i][k]);
                        }
                    }
                    v[at + scale * 2 * n + 2 * k] = inside;
                    v[at + scale * 2 * n + 2 * k + 1] = inside - outside;
                }
            }
        }

        /**
         * The span contrasts of a span of {@code length} frames starting at frame {@code start},
         * one of every {@link #CURVE_STEP}-th frame ({@code [2 * contrast]}, 0 where the span or
         * both outsides are too short): the span against the {@link #SPAN_OUTSIDE} frames either
         * side of it together, and that minus the contrast between the two outsides. An inserted or
         * replaced span, or a span whose level was changed, differs from both sides while both sides
         * agree (one channel); a change between two source files of one session does not come back.
         */
        private float[] spanPoint(int start, int length) {
            int end = Math.min(frameCount, start + length);
            int beforeFrom = Math.max(0, start - SPAN_OUTSIDE);
            int afterTo = Math.min(frameCount, end + SPAN_OUTSIDE);
            boolean before = start - beforeFrom >= 10;
            boolean after = afterTo - end >= 10;
            float[] point = new float[2 * SPAN_NAMES.size()];
            if (end - start < 10 || !(before || after)) {
                return point;
            }
            Side first = before ? sides.of(beforeFrom, start) : null;
            Side second = after ? sides.of(end, afterTo) : null;
            // The outsides together: the frames before the span, then those after it.
            Side outside = first == null ? second : second == null ? first : sides.union(first, second, end, afterTo);
            double[] inside = distances(sides.of(start, end), outside);
            double[] between = before && after ? distances(first, second) : new double[SPAN_NAMES.size()];
            for (int k = 0; k < SPAN_NAMES.size(); k++) {
                point[2 * k] = (float) inside[k];
                point[2 * k + 1] = (float) (inside[k] - between[k]);
            }
            return point;
        }

        /** The {@link #SPAN_NAMES} distances between two sides. */
        private static double[] distances(Side a, Side b) {
            double noise = 0;
            double shape = 0;
            for (int j = 0; j < COARSE; j++) {
                double n = a.noise()[j] - b.noise()[j];
                noise += n * n;
                double l = (a.loudBand()[j] - a.loudLevel()) - (b.loudBand()[j] - b.loudLevel());
                shape += l * l;
            }
            double cepstrum = 0;
            for (int k = 0; k < CEPSTRA; k++) {
                double d = a.cepstrum()[k] - b.cepstrum()[k];
                cepstrum += d * d;
            }
            return new double[] {Math.sqrt(noise / COARSE), Math.abs(a.floor() - b.floor()), Math.sqrt(shape / COARSE),
                Math.sqrt(cepstrum)};
        }

        /**
         * Per span length and contrast, the largest span contrast over the spans that start or end
         * inside the window (within 190 ms of its centre), at {@code at}.
         */
        private void spans(int centre, float[][][] spans, float[] v, int at) {
            int n = 2 * SPAN_NAMES.size();
            for (int l = 0; l < spans.length; l++) {
                float[][] curve = spans[l];
                int shift = SPAN_FRAMES[l] / CURVE_STEP;
                for (int i = Math.max(0, (centre - FRAMES_PER_HOP) / CURVE_STEP); i < curve.length
                        && i * CURVE_STEP <= centre + FRAMES_PER_HOP; i++) {
                    if (Math.abs(i * CURVE_STEP - centre) >= FRAMES_PER_HOP) {
                        continue;
                    }
                    for (int k = 0; k < n; k++) {
                        float starting = curve[i][k];
                        float ending = i - shift >= 0 ? curve[i - shift][k] : 0;
                        v[at + l * n + k] = Math.max(v[at + l * n + k], Math.max(starting, ending));
                    }
                }
            }
        }

        /** 6 dB over the channel's noise floor (10th percentile of the frame levels): pause frames lie below. */
        private float quietThreshold() {
            if (frameCount == 0) {
                return 0;
            }
            float[] levels = new float[frameCount];
            for (int i = 0; i < frameCount; i++) {
                levels[i] = frames[i * FRAME_FEATURES + COARSE];
            }
            Arrays.sort(levels);
            return levels[frameCount / 10] + 6;
        }

        /**
         * The noise bed inside the window, at {@code at}: the largest spectral change (RMS over the
         * bands, dB) between consecutive pause frames (below {@code below}), and the RMS difference
         * of the mean pause spectra of the window's two halves (0 when a half has no pause frame).
         * Background noise is steady, so a join in a pause changes it at once, where speech onsets
         * (loud frames) do not count.
         */
        private void quiet(int w, float below, float[] v, int at) {
            int first = FRAMES_PER_HOP * w;
            int half = FRAMES_PER_WINDOW / 2;
            double flux = 0;
            double[][] sums = new double[2][COARSE];
            int[] counts = new int[2];
            for (int i = 0; i < FRAMES_PER_WINDOW; i++) {
                int at0 = (first + i) * FRAME_FEATURES;
                if (frames[at0 + COARSE] >= below) {
                    continue;
                }
                int h = i < half ? 0 : 1;
                counts[h]++;
                for (int j = 0; j < COARSE; j++) {
                    sums[h][j] += frames[at0 + j];
                }
                int before = at0 - FRAME_FEATURES;
                if (i > 0 && frames[before + COARSE] < below) {
                    double d2 = 0;
                    for (int j = 0; j < COARSE; j++) {
                        double d = frames[at0 + j] - frames[before + j];
                        d2 += d * d;
                    }
                    flux = Math.max(flux, Math.sqrt(d2 / COARSE));
                }
            }
            v[at] = (float) flux;
            if (counts[0] > 0 && counts[1] > 0) {
                double d2 = 0;
                for (int j = 0; j < COARSE; j++) {
                    double d = sums[0][j] / counts[0] - sums[1][j] / counts[1];
                    d2 += d * d;
                }
                v[at + 1] = (float) Math.sqrt(d2 / COARSE);
            }
        }

        /**
         * The window's largest linear-prediction residual crest and its lowest prediction gain
         * relative to the window's median one, at {@code at}.
         */
        private void linearPrediction(int w, float[] v, int at) {
            int first = FRAMES_PER_HOP * w;
            int last = Math.min(first + BLOCKS_PER_WINDOW, blockLpcCrest.size());
            float crest = 0;
            float[] gains = new float[Math.max(0, last - first)];
            for (int k = first; k < last; k++) {
                crest = Math.max(crest, blockLpcCrest.get(k));
                gains[k - first] = blockLpcGain.get(k);
            }
            v[at] = crest;
            if (gains.length > 0) {
                Arrays.sort(gains);
                v[at + 1] = gains[0] - gains[gains.length / 2];
            }
        }

        /**
         * Appends to every vector the robust z-score of its {@link #SCORED} features within the
         * channel ((x − median) / (1.4826 MAD)): how unusual the window is in its own recording.
         */
        private static void robustZ(List<float[]> vectors) {
            int count = vectors.size();
            if (count == 0) {
                return;
            }
            float[] column = new float[count];
            float[] deviation = new float[count];
            for (int s = 0; s < SCORED; s++) {
                int k = s < BASE ? s : s < BASE + 2 * CONTEXT ? 5 * BASE + (s - BASE) : DIMENSION_140 + (s - BASE - 2 * CONTEXT);
                for (int w = 0; w < count; w++) {
                    column[w] = vectors.get(w)[k];
                }
                float[] sorted = column.clone();
                Arrays.sort(sorted);
                float median = sorted[count / 2];
                for (int w = 0; w < count; w++) {
                    deviation[w] = Math.abs(column[w] - median);
                }
                Arrays.sort(deviation);
                double scale = 1.4826 * deviation[count / 2] + 1e-3;
                for (int w = 0; w < count; w++) {
                    vectors.get(w)[DIMENSION_140 + EXTRA + s] = (float) ((column[w] - median) / scale);
                }
            }
        }

        /**
         * Contrasts between the {@code half} frames before and the {@code half} frames after frame
         * {@code centre} (fewer near the channel's ends; null under 10 a side): a join of two
         * recordings changes the channel, which longer contexts estimate more steadily than one
         * window. Basic ({@link #CONTEXT}): RMS over the 16 bands of the change of spectral shape
         * (band level minus voice level), absolute change of the noise floor (10th percentile of
         * frame levels) and of the mean level, RMS change of the noise spectrum (band levels of the
         * quietest fifth of the frames), change of flatness. More (4): signed floor change (after
         * minus before; a level jump scales the noise bed), signed change of the quietest fifth's
         * mean level, distance of the mean cepstra (c1..c12) of the loudest half of the frames (a
         * speaker or channel change in speech), RMS change of the loudest half's spectral shape.
         */
        private Contrast contrast(int centre, int half) {
            int leftFrom = Math.max(0, centre - half);
            int rightTo = Math.min(frameCount, centre + half);
            if (centre - leftFrom < 10 || rightTo - centre < 10) {
                return null;
            }
            Side left = sides.of(leftFrom, centre);
            Side right = sides.of(centre, rightTo);
            double shape = 0;
            for (int j = 0; j < COARSE; j++) {
                double d = (left.band()[j] - left.level()) - (right.band()[j] - right.level());
                shape += d * d;
            }
            // Noise shape, loud-frame shape and cepstrum: the span distances of the two sides.
            double[] distances = distances(left, right);
            return new Contrast(Math.sqrt(shape / COARSE), right.floor() - left.floor(), right.level() - left.level(),
                    distances[0], right.flatness() - left.flatness(), right.quietLevel() - left.quietLevel(),
                    distances[3], distances[2]);
        }

        /** The contrasts of one point, see {@link #contrast}; floor, level, flatness and quiet signed. */
        private record Contrast(double shape, double floor, double level, double noise, double flatness,
                                double quiet, double cepstrum, double loudShape) {
            void writeBasic(float[] v, int at) {
                v[at] = (float) shape;
                v[at + 1] = (float) Math.abs(floor);
                v[at + 2] = (float) Math.abs(level);
                v[at + 3] = (float) noise;
                v[at + 4] = (float) Math.abs(flatness);
            }

            void writeMore(float[] v, int at) {
                v[at] = (float) floor;
                v[at + 1] = (float) quiet;
                v[at + 2] = (float) cepstrum;
                v[at + 3] = (float) loudShape;
            }
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
