package io.bonafide.audio.vad.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * The hysteresis with Silero's settings: 32 ms frames, on at 0.5, off under 0.35, segments longer
 * than 250 ms (8 frames), silences of 100 ms (4 frames, ended by the 5th).
 */
class SpeechSegmenterTest {
    private static final double SPEECH = 0.9;
    private static final double UNDECIDED = 0.4;
    private static final double SILENCE = 0.1;

    private final SpeechSegmenter segmenter = new SpeechSegmenter(0.5, 0.35, 32, 250, 100);

    private void feed(double score, int frames) {
        for (int i = 0; i < frames; i++) {
            segmenter.accept(score);
        }
    }

    @Test
    void shouldDeriveSileroFrameCountsFromMilliseconds() {
        // Given Silero's defaults at 32 ms windows
        // When / Then
        assertThat(segmenter.minSpeechFrames()).isEqualTo(8);
        assertThat(segmenter.minSilenceFrames()).isEqualTo(4);
    }

    @Test
    void shouldIgnoreABurstNoLongerThanTheMinimumSpeech() {
        // Given silence, a 7-frame (224 ms) burst, silence
        feed(SILENCE, 10);
        feed(SPEECH, 7);
        feed(SILENCE, 10);

        // When / Then
        assertThat(segmenter.voicedFrames()).isZero();
    }

    @Test
    void shouldCountABurstLongerThanTheMinimumSpeechWithoutTheSilenceThatEndsIt() {
        // Given silence, an 8-frame (256 ms) burst, silence
        feed(SILENCE, 10);
        feed(SPEECH, 8);
        feed(SILENCE, 10);

        // When / Then
        assertThat(segmenter.voicedFrames()).isEqualTo(8);
    }

    @Test
    void shouldBridgeASilenceShorterThanTheMinimumSilence() {
        // Given two bursts 4 silent frames apart: the 5th frame, which would end speech, is speech again
        feed(SPEECH, 5);
        feed(SILENCE, 4);
        feed(SPEECH, 5);
        feed(SILENCE, 10);

        // When / Then the gap belongs to one 14-frame segment
        assertThat(segmenter.voicedFrames()).isEqualTo(14);
    }

    @Test
    void shouldSplitAtASilenceOfTheMinimumSilenceAndDropTooShortHalves() {
        // Given two 5-frame bursts 5 silent frames apart: each half alone is too short
        feed(SPEECH, 5);
        feed(SILENCE, 5);
        feed(SPEECH, 5);
        feed(SILENCE, 10);

        // When / Then
        assertThat(segmenter.voicedFrames()).isZero();
    }

    @Test
    void shouldKeepSpeechThroughUndecidedScoresButNeverStartOnThem() {
        // Given undecided frames alone, then speech followed by undecided frames
        feed(UNDECIDED, 20);
        long beforeSpeech = segmenter.voicedFrames();
        feed(SPEECH, 3);
        feed(UNDECIDED, 10);
        feed(SILENCE, 10);

        // When / Then
        assertThat(beforeSpeech).isZero();
        assertThat(segmenter.voicedFrames()).isEqualTo(13);
    }

    @Test
    void shouldCountAnOpenSegmentOnlyOnceItIsLongEnough() {
        // Given speech still going on
        feed(SPEECH, 7);
        long shortOpen = segmenter.voicedFrames();
        feed(SPEECH, 3);
        long longOpen = segmenter.voicedFrames();
        feed(SILENCE, 2);

        // When / Then the trailing silence of the open segment is not counted
        assertThat(shortOpen).isZero();
        assertThat(longOpen).isEqualTo(10);
        assertThat(segmenter.voicedFrames()).isEqualTo(10);
    }

    @Test
    void shouldRejectAnOffThresholdAboveTheOnThreshold() {
        // Given / When / Then
        assertThatThrownBy(() -> new SpeechSegmenter(0.3, 0.5, 32, 250, 100))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("offThreshold 0.5");
    }
}
