package io.bonafide.detection.manipulation;

import static org.assertj.core.api.Assertions.assertThat;

import io.bonafide.detection.ChannelOutcome.Segment;
import io.bonafide.detection.model.ModelDescriptor;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Joining suspicious windows into segments (SPEC §2 default output). */
class SegmentMergerTest {

    private static List<Segment> windows(double... scores) {
        List<Segment> out = new ArrayList<>();
        for (int w = 0; w < scores.length; w++) {
            out.add(new Segment(0.2 * w, 0.2 * w + 0.4, scores[w]));
        }
        return out;
    }

    @Test
    void shouldJoinConsecutiveSuspiciousWindowsAndKeepTheWorstScore() {
        List<Segment> segments = SegmentMerger.merge(windows(1, -0.5, -2, -1, 3, -0.1, 2), 0);

        assertThat(segments).hasSize(2);
        assertThat(segments.get(0).startTime()).isEqualTo(0.2);
        assertThat(segments.get(0).endTime()).isCloseTo(1.0, org.assertj.core.api.Assertions.within(1e-9));
        assertThat(segments.get(0).score()).isEqualTo(-2);
        assertThat(segments.get(1)).isEqualTo(new Segment(0.2 * 5, 0.2 * 5 + 0.4, -0.1));
    }

    @Test
    void shouldCloseARunThatReachesTheLastWindow() {
        assertThat(SegmentMerger.merge(windows(2, -1, -1), 0)).containsExactly(new Segment(0.2, 0.8, -1));
    }

    @Test
    void shouldReturnNothingWhenNoWindowIsSuspicious() {
        assertThat(SegmentMerger.merge(windows(0, 0.5, 3), 0)).isEmpty();
        assertThat(SegmentMerger.merge(List.of(), 0)).isEmpty();
    }

    @Test
    void shouldScoreEachRunByTheSegmentCalibrationAndKeepOnlyRunsBelowZero() {
        // llr = 2 * lowest + 3: a run is kept when its lowest window is under -1.5.
        ModelDescriptor.Calibration segment = new ModelDescriptor.Calibration(ModelDescriptor.CalibrationKind.AFFINE, 2.0, 3.0);

        List<Segment> segments = SegmentMerger.merge(windows(1, -0.5, -2, -1, 3, -1.4, 2, -1.6), segment);

        assertThat(segments).containsExactly(new Segment(0.2, 0.2 * 3 + 0.4, -1.0), new Segment(0.2 * 7, 0.2 * 7 + 0.4,
                2 * -1.6 + 3));
    }

    @Test
    void shouldReturnEveryRunWithItsLowestWindowScoreWithoutASegmentCalibration() {
        List<Segment> windows = windows(1, -0.5, -2, -1, 3, -0.1, 2);

        assertThat(SegmentMerger.merge(windows, (ModelDescriptor.Calibration) null)).isEqualTo(SegmentMerger.merge(windows, 0));
    }
}
