package io.bonafide.audio.features.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FramerTest {

    @Test
    void shouldCentreAPaddedLongWindowOnTheShortFramesPoints() {
        // Given a ramp 0, 1, 2, ... of 1000 samples and 8-sample frames centred like 4-sample frames, hop 3
        float[] ramp = new float[1000];
        for (int i = 0; i < ramp.length; i++) {
            ramp[i] = i;
        }
        Framer framer = new Framer(8, 3, 2, 4);
        List<float[]> frames = new ArrayList<>();

        // When
        framer.accept(ramp, 0, ramp.length, (buffer, offset) -> frames.add(java.util.Arrays.copyOfRange(buffer, offset, offset + 8)));
        framer.finish((buffer, offset) -> frames.add(java.util.Arrays.copyOfRange(buffer, offset, offset + 8)));

        // Then there are as many frames as 4-sample snip-edge frames, frame i starting at 3 i - 2, zero-padded at both ends
        assertThat(frames).hasSize(1 + (1000 - 4) / 3);
        assertThat(frames.get(0)).containsExactly(0, 0, 0, 1, 2, 3, 4, 5);
        assertThat(frames.get(10)).containsExactly(28, 29, 30, 31, 32, 33, 34, 35);
        assertThat(frames.get(frames.size() - 1)).containsExactly(994, 995, 996, 997, 998, 999, 0, 0);
    }

    @Test
    void shouldRefuseAWindowThatCannotReachItsCountLength() {
        assertThatThrownBy(() -> new Framer(8, 3, 6, 4)).isInstanceOf(IllegalArgumentException.class);
    }
}
