package io.bonafide.detection.model.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class WindowCutterTest {

    private record Cut(long start, float[] samples) {
    }

    private static List<Cut> cut(int window, int hop, long min, int samples, int block) {
        List<Cut> cuts = new ArrayList<>();
        WindowCutter cutter = new WindowCutter(window, hop, min, (w, start) -> cuts.add(new Cut(start, w.clone())));
        float[] x = ramp(samples);
        for (int i = 0; i < samples; i += block) {
            cutter.accept(x, i, Math.min(block, samples - i));
        }
        cutter.finish();
        return cuts;
    }

    private static float[] ramp(int samples) {
        float[] x = new float[samples];
        for (int i = 0; i < samples; i++) {
            x[i] = i;
        }
        return x;
    }

    @Test
    void shouldCutTouchingWindowsWhenTheHopEqualsTheWindowAndRightAlignTheTail() {
        // Given windows of 10 with hop 10 over 25 samples, fed 3 at a time
        // When the channel is cut
        List<Cut> cuts = cut(10, 10, 5, 25, 3);

        // Then windows start at 0, 10 and, right-aligned, 15, each holding its samples
        assertThat(cuts).extracting(Cut::start).containsExactly(0L, 10L, 15L);
        for (Cut c : cuts) {
            assertThat(c.samples()).containsExactly(Arrays.copyOfRange(ramp(25), (int) c.start(), (int) c.start() + 10));
        }
    }

    @Test
    void shouldRepeatAChannelShorterThanAWindowButLongEnough() {
        // Given 4 samples, window 10, minimum 4
        // When the channel is cut
        List<Cut> cuts = cut(10, 5, 4, 4, 1);

        // Then one window repeats the four samples
        assertThat(cuts).hasSize(1);
        assertThat(cuts.get(0).samples()).containsExactly(0, 1, 2, 3, 0, 1, 2, 3, 0, 1);
    }

    @Test
    void shouldCutNothingFromAnEmptyOrTooShortChannel() {
        assertThat(cut(10, 5, 4, 0, 1)).isEmpty();
        assertThat(cut(10, 5, 4, 3, 1)).isEmpty();
    }

    @Test
    void shouldRefuseAHopLongerThanTheWindow() {
        assertThatThrownBy(() -> new WindowCutter(10, 11, 1, (w, s) -> { }))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("hop 11");
    }
}
