package io.bonafide.detection.manipulation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Window-level ground truth of the manipulation corpus. */
class WindowLabelsTest {

    @Test
    void shouldLabelTheWindowsThatHoldACutPointStrictlyInside() {
        double[] cut = {1.05};
        // Window w covers [0.2 w, 0.2 w + 0.4): 1.05 s lies in windows 4 (0.8-1.2) and 5 (1.0-1.4)
        assertThat(WindowLabels.edited(3, cut)).isFalse();
        assertThat(WindowLabels.edited(4, cut)).isTrue();
        assertThat(WindowLabels.edited(5, cut)).isTrue();
        assertThat(WindowLabels.edited(6, cut)).isFalse();
    }

    @Test
    void shouldNotLabelAWindowWhoseEdgeIsTheCut() {
        double[] cut = {1.0};
        assertThat(WindowLabels.edited(3, cut)).isFalse();
        assertThat(WindowLabels.edited(4, cut)).isTrue();
        assertThat(WindowLabels.edited(5, cut)).isFalse();
        assertThat(WindowLabels.ambiguous(3, cut, 0.03)).isTrue();
        assertThat(WindowLabels.ambiguous(4, cut, 0.03)).isFalse();
    }

    @Test
    void shouldLabelNothingWithoutCuts() {
        assertThat(WindowLabels.edited(0, new double[0])).isFalse();
        assertThat(WindowLabels.ambiguous(0, new double[0], 0.03)).isFalse();
    }
}
