package io.bonafide.detection.features;

import io.bonafide.audio.features.FeatureStream;
import io.bonafide.audio.features.FrameEnergy;
import io.bonafide.audio.features.FrameStatistics;
import io.bonafide.audio.features.Mfcc;
import io.bonafide.audio.features.SpectralContrast;
import io.bonafide.audio.features.SpectralShape;
import io.bonafide.audio.features.YinPitch;
import io.bonafide.audio.features.ZeroCrossingRate;
import java.util.ArrayList;
import java.util.List;

/**
 * The seed baseline's 34 utterance features of a 16 kHz mono channel, built on the audio
 * module's frame features (all on the standard frames: 25 ms = 400 samples every 10 ms = 160
 * samples, "snip edges", so {@code N} samples give {@code 1 + floor((N - 400) / 160)} frames):
 *
 * <ol>
 *   <li>0–12: mean over frames of the 13 {@link Mfcc} coefficients (c0 included; 40 Slaney-mel
 *       bands 20–7600 Hz of the periodic-Hann 512-point power spectrum, natural log floored at
 *       1e-10, orthonormal DCT-II);</li>
 *   <li>13–25: their population standard deviations over frames;</li>
 *   <li>26 {@code zcr}: mean {@link ZeroCrossingRate} (share of the 399 adjacent sample pairs of a
 *       raw frame whose signs differ; a sine at f reads 2f / 16000);</li>
 *   <li>27 {@code rms}: mean {@link FrameEnergy} RMS of the raw frames (full scale 1.0);</li>
 *   <li>28–30 {@code centroid}, {@code bandwidth}, {@code rolloff}: means of the librosa-style
 *       {@link SpectralShape} descriptors of the magnitude spectrum, in Hz (rolloff at 85 %);</li>
 *   <li>31 {@code contrast}: mean over frames and over the 7 octave bands of librosa-style
 *       {@link SpectralContrast} (peak over valley of the top and bottom 2 % of magnitudes, dB),
 *       i.e. what {@code np.mean(librosa.feature.spectral_contrast(...))} gives, without
 *       librosa's clip-wide 80 dB clamp;</li>
 *   <li>32–33 {@code pitch_mean}, {@code pitch_std}: mean and population standard deviation of
 *       the {@link YinPitch} f0 (Hz, 50–500 Hz search) over <em>voiced frames only</em>.</li>
 * </ol>
 *
 * Edge cases, all NaN-free: a channel with no voiced frame (silence, noise, whisper) has pitch
 * mean and deviation 0; a channel shorter than one frame (400 samples) has every feature 0;
 * digital silence gives MFCCs of the log floor, zero ZCR, RMS, centroid, bandwidth and rolloff,
 * and zero contrast. NaN and infinite samples are analysed as 0 and counted. The features are
 * not standardised here: the model descriptor carries the training split's means and standard
 * deviations. Immutable and thread-safe; {@link #newChannel()} gives the per-channel accumulator.
 */
public final class Baseline34Features {
    /** Vector length. */
    public static final int DIMENSION = 34;
    /** Feature names, in vector order. */
    public static final List<String> NAMES = names();

    public static final int ZCR = 26;
    public static final int RMS = 27;
    public static final int CENTROID = 28;
    public static final int BANDWIDTH = 29;
    public static final int ROLLOFF = 30;
    public static final int CONTRAST = 31;
    public static final int PITCH_MEAN = 32;
    public static final int PITCH_STD = 33;

    private Baseline34Features() {
    }

    private static List<String> names() {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < Mfcc.DEFAULT_COEFFICIENTS; i++) {
            names.add("mfcc" + i + "_mean");
        }
        for (int i = 0; i < Mfcc.DEFAULT_COEFFICIENTS; i++) {
            names.add("mfcc" + i + "_std");
        }
        names.addAll(List.of("zcr", "rms", "centroid", "bandwidth", "rolloff", "contrast", "pitch_mean", "pitch_std"));
        return List.copyOf(names);
    }

    /** A fresh accumulator for one channel. */
    public static UtteranceFeatures newChannel() {
        return new Channel();
    }

    /** The 34 features of a whole 16 kHz mono signal. */
    public static float[] of(float[] samples) {
        UtteranceFeatures channel = newChannel();
        channel.accept(samples, 0, samples.length);
        channel.end();
        return channel.vector();
    }

    /** Feeds every frame feature's stream from one pass over the samples. */
    private static final class Channel implements UtteranceFeatures {
        private final FrameStatistics mfcc = new FrameStatistics(Mfcc.DEFAULT_COEFFICIENTS);
        private final FrameStatistics zcr = new FrameStatistics(1);
        private final FrameStatistics rms = new FrameStatistics(1);
        private final FrameStatistics shape = new FrameStatistics(3);
        private final FrameStatistics contrast = new FrameStatistics(1);
        private final FrameStatistics pitch = new FrameStatistics(1);
        private final List<FeatureStream> streams;
        private float[] scratch = new float[0];
        private long samples;
        private long nonFinite;
        private boolean ended;

        Channel() {
            float[] one = new float[1];
            float[] three = new float[3];
            streams = List.of(
                    Mfcc.standard().stream(mfcc),
                    ZeroCrossingRate.standard().stream(zcr),
                    FrameEnergy.standard().stream(frame -> {
                        one[0] = frame[0];
                        rms.accept(one);
                    }),
                    SpectralShape.standard().stream(frame -> {
                        three[0] = frame[SpectralShape.CENTROID];
                        three[1] = frame[SpectralShape.BANDWIDTH];
                        three[2] = frame[SpectralShape.ROLLOFF];
                        shape.accept(three);
                    }),
                    SpectralContrast.standard().stream(frame -> {
                        double sum = 0;
                        for (float band : frame) {
                            sum += band;
                        }
                        one[0] = (float) (sum / frame.length);
                        contrast.accept(one);
                    }),
                    YinPitch.standard().stream(frame -> {
                        if (frame[YinPitch.VOICED] > 0) {
                            one[0] = frame[YinPitch.F0];
                            pitch.accept(one);
                        }
                    }));
        }

        @Override
        public void accept(float[] block, int offset, int length) {
            if (ended) {
                throw new IllegalStateException("the channel has ended");
            }
            if (scratch.length < length) {
                scratch = new float[length];
            }
            for (int i = 0; i < length; i++) {
                float x = block[offset + i];
                if (Float.isFinite(x)) {
                    scratch[i] = x;
                } else {
                    scratch[i] = 0;
                    nonFinite++;
                }
            }
            for (FeatureStream stream : streams) {
                stream.accept(scratch, 0, length);
            }
            samples += length;
        }

        @Override
        public void end() {
            if (!ended) {
                ended = true;
                streams.forEach(FeatureStream::finish);
            }
        }

        @Override
        public float[] vector() {
            if (!ended) {
                throw new IllegalStateException("the features are known once the channel has ended");
            }
            float[] v = new float[DIMENSION];
            System.arraycopy(mfcc.meansAndStandardDeviations(), 0, v, 0, 2 * Mfcc.DEFAULT_COEFFICIENTS);
            v[ZCR] = zcr.means()[0];
            v[RMS] = rms.means()[0];
            float[] shapeMeans = shape.means();
            v[CENTROID] = shapeMeans[0];
            v[BANDWIDTH] = shapeMeans[1];
            v[ROLLOFF] = shapeMeans[2];
            v[CONTRAST] = contrast.means()[0];
            v[PITCH_MEAN] = pitch.means()[0];
            v[PITCH_STD] = pitch.standardDeviations()[0];
            return v;
        }

        @Override
        public long samples() {
            return samples;
        }

        @Override
        public long nonFiniteSamples() {
            return nonFinite;
        }
    }
}
