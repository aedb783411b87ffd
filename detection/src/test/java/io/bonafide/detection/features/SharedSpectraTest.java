package io.bonafide.detection.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bonafide.audio.features.Stft;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SharedSpectraTest {

    /** 5.3 s of a voiced sound over noise, with a few NaN and infinite samples. */
    private static float[] signal() {
        SplittableRandom random = new SplittableRandom(5);
        float[] x = new float[84_800];
        for (int i = 0; i < x.length; i++) {
            double t = i / 16_000.0;
            double voice = 0;
            for (int h = 1; h <= 12; h++) {
                voice += Math.sin(2 * Math.PI * 130 * h * t) / h;
            }
            x[i] = (float) (0.2 * (0.5 + 0.5 * Math.sin(2 * Math.PI * 3 * t)) * voice + 0.01 * random.nextGaussian());
        }
        x[1_000] = Float.NaN;
        x[30_001] = Float.POSITIVE_INFINITY;
        x[60_002] = Float.NEGATIVE_INFINITY;
        return x;
    }

    /** Feeds {@code x} in blocks of uneven sizes, the spectra before the channels, as the Analyzer does. */
    private static void feed(float[] x, SharedSpectra spectra, CleanSamples... channels) {
        int[] sizes = {1, 159, 400, 4_096, 777};
        int at = 0;
        for (int b = 0; at < x.length; b++) {
            int n = Math.min(sizes[b % sizes.length], x.length - at);
            spectra.accept(x, at, n);
            for (CleanSamples channel : channels) {
                channel.accept(x, at, n);
            }
            at += n;
        }
        spectra.end();
        for (CleanSamples channel : channels) {
            channel.end();
        }
    }

    @Test
    void shouldGiveReplayAndManipulationFeaturesBitForBitAsTheirOwnStft() {
        // Given a channel with non-finite samples
        float[] x = signal();
        SharedSpectra spectra = new SharedSpectra();
        UtteranceFeatures replay = ReplayFeatures.newChannel(true, spectra);
        ManipulationWindowFeatures.Channel manipulation = ManipulationWindowFeatures.newChannel(spectra);

        // When both take their frames from one shared STFT
        feed(x, spectra, (CleanSamples) replay, manipulation);
        assertThat(spectra.nonFiniteSamples()).isEqualTo(3);

        // Then every value equals that of each computing its own
        UtteranceFeatures own = FeatureSet.REPLAY198.newChannel();
        own.accept(x, 0, x.length);
        own.end();
        assertThat(replay.vector()).isEqualTo(own.vector());
        assertThat(replay.nonFiniteSamples()).isEqualTo(3);
        List<float[]> expected = ManipulationWindowFeatures.of(x);
        assertThat(manipulation.windows()).hasSize(expected.size()).isNotEmpty();
        for (int w = 0; w < expected.size(); w++) {
            assertThat(manipulation.windows().get(w)).as("window %d", w).isEqualTo(expected.get(w));
        }
    }

    @Test
    void shouldDeliverTheStandardStftFramesToEverySubscriberInOrder() {
        // Given two subscribers
        float[] x = signal();
        SharedSpectra spectra = new SharedSpectra();
        List<float[]> first = new ArrayList<>();
        List<float[]> second = new ArrayList<>();
        spectra.subscribe(frame -> first.add(frame.clone()));
        spectra.subscribe(frame -> second.add(frame.clone()));

        // When the channel is fed
        feed(x, spectra);

        // Then both got the frames of the standard STFT of the cleaned samples
        float[] clean = x.clone();
        for (int i = 0; i < clean.length; i++) {
            clean[i] = Float.isFinite(clean[i]) ? clean[i] : 0;
        }
        List<float[]> expected = new ArrayList<>();
        var own = Stft.standard().stream(frame -> expected.add(frame.clone()));
        own.accept(clean, 0, clean.length);
        own.finish();
        assertThat(expected).hasSize(1 + (x.length - 400) / 160);
        assertThat(first).containsExactlyElementsOf(expected);
        assertThat(second).containsExactlyElementsOf(expected);
    }

    @Test
    void shouldRefuseASubscriberAfterTheFirstSamplesAndSamplesAfterTheEnd() {
        SharedSpectra spectra = new SharedSpectra();
        spectra.subscribe(frame -> { });
        spectra.accept(new float[10], 0, 10);
        assertThatThrownBy(() -> spectra.subscribe(frame -> { })).isInstanceOf(IllegalStateException.class);
        spectra.end();
        assertThatThrownBy(() -> spectra.accept(new float[10], 0, 10)).isInstanceOf(IllegalStateException.class);
    }
}
