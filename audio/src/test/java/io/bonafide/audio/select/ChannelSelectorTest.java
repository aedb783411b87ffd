package io.bonafide.audio.select;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bonafide.audio.MediaException;
import io.bonafide.core.ErrorType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ChannelSelectorTest {
    private static final int RATE = 1000;

    @Test
    void shouldRejectChannelOutOfRangeWhenFileIsMono() {
        // Given a mono file and a request for channel 1
        InMemoryPcmStream mono = new InMemoryPcmStream(RATE, true, ramp(100, 0));
        Selection selection = new Selection(ChannelMode.SPLIT, List.of(1), OptionalDouble.empty(), OptionalDouble.empty());

        // When / Then
        assertThatThrownBy(() -> new ChannelSelector(mono, selection, Long.MAX_VALUE))
                .isInstanceOfSatisfying(MediaException.class, e -> {
                    assertThat(e.type()).isEqualTo(ErrorType.MEDIA_CHANNEL_OUT_OF_RANGE);
                    assertThat(e.context()).containsEntry("channel", "1").containsEntry("channel_count", "1");
                });
    }

    @Test
    void shouldSplitTheSelectedChannelsInTheRequestedOrder() {
        // Given three channels whose samples tell them apart
        InMemoryPcmStream stream = new InMemoryPcmStream(RATE, true, ramp(50, 0), ramp(50, 100), ramp(50, 200));
        Selection selection = new Selection(ChannelMode.SPLIT, List.of(2, 0), OptionalDouble.empty(), OptionalDouble.empty());

        // When
        ChannelSelector selector = new ChannelSelector(stream, selection, Long.MAX_VALUE);
        float[][] out = readAll(selector, 2, 16);

        // Then
        assertThat(selector.outputChannels()).containsExactly(2, 0);
        assertThat(out[0]).containsExactly(ramp(50, 200));
        assertThat(out[1]).containsExactly(ramp(50, 0));
    }

    @Test
    void shouldMixTheSelectedChannelsIntoChannelZero() {
        InMemoryPcmStream stream = new InMemoryPcmStream(RATE, true, ramp(10, 0), ramp(10, 100), ramp(10, 1000));
        Selection selection = new Selection(ChannelMode.MIX, List.of(0, 1), OptionalDouble.empty(), OptionalDouble.empty());

        ChannelSelector selector = new ChannelSelector(stream, selection, Long.MAX_VALUE);
        float[][] out = readAll(selector, 1, 4);

        assertThat(selector.outputChannels()).containsExactly(0);
        assertThat(out[0][0]).isEqualTo(50f);
        assertThat(out[0][9]).isEqualTo(59f);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 7, 256, 4096})
    void shouldTrimToTheTimeRangeWhateverTheBlockSize(int blockSize) {
        // Given 2 s of audio and the range 0.5–1.25 s
        InMemoryPcmStream stream = new InMemoryPcmStream(RATE, true, ramp(2000, 0));
        Selection selection = new Selection(ChannelMode.SPLIT, List.of(), OptionalDouble.of(0.5), OptionalDouble.of(1.25));

        // When
        ChannelSelector selector = new ChannelSelector(stream, selection, Long.MAX_VALUE);
        float[][] out = readAll(selector, 1, blockSize);

        // Then the samples of frames 500..1249, and the start reported against the file start
        assertThat(selector.startFrame()).isEqualTo(500);
        assertThat(out[0]).hasSize(750);
        assertThat(out[0][0]).isEqualTo(500f);
        assertThat(out[0][749]).isEqualTo(1249f);
    }

    @Test
    void shouldRejectAStartTimeBeyondTheEndAsSoonAsTheHeadersTellTheLength() {
        InMemoryPcmStream stream = new InMemoryPcmStream(RATE, true, ramp(1000, 0));
        Selection selection = new Selection(ChannelMode.SPLIT, List.of(), OptionalDouble.of(1.0), OptionalDouble.empty());

        assertThatThrownBy(() -> new ChannelSelector(stream, selection, Long.MAX_VALUE))
                .isInstanceOfSatisfying(MediaException.class,
                        e -> assertThat(e.type()).isEqualTo(ErrorType.MEDIA_TIME_RANGE_INVALID));
    }

    @Test
    void shouldRejectAStartTimeBeyondTheEndOnceStreamingFindsTheEndWhenHeadersDoNotTell() {
        InMemoryPcmStream stream = new InMemoryPcmStream(RATE, false, ramp(1000, 0));
        Selection selection = new Selection(ChannelMode.SPLIT, List.of(), OptionalDouble.of(3.0), OptionalDouble.empty());
        ChannelSelector selector = new ChannelSelector(stream, selection, Long.MAX_VALUE);

        assertThatThrownBy(() -> selector.read(new float[][] {new float[64]}, 64))
                .isInstanceOfSatisfying(MediaException.class, e -> {
                    assertThat(e.type()).isEqualTo(ErrorType.MEDIA_TIME_RANGE_INVALID);
                    assertThat(e.context()).containsEntry("duration", "1.0");
                });
    }

    @Test
    void shouldReportAFileWithoutSamplesAsEmpty() {
        InMemoryPcmStream stream = new InMemoryPcmStream(RATE, false, new float[0]);
        ChannelSelector selector = new ChannelSelector(stream, Selection.all(), Long.MAX_VALUE);

        assertThatThrownBy(() -> selector.read(new float[][] {new float[8]}, 8))
                .isInstanceOfSatisfying(MediaException.class, e -> assertThat(e.type()).isEqualTo(ErrorType.MEDIA_EMPTY));
    }

    @Test
    void shouldRejectAFileLongerThanTheLimitFromItsHeaderOrWhileStreaming() {
        Selection all = Selection.all();
        assertThatThrownBy(() -> new ChannelSelector(new InMemoryPcmStream(RATE, true, ramp(1000, 0)), all, 999))
                .isInstanceOfSatisfying(MediaException.class, e -> assertThat(e.type()).isEqualTo(ErrorType.MEDIA_TOO_LONG));

        ChannelSelector streaming = new ChannelSelector(new InMemoryPcmStream(RATE, false, ramp(1000, 0)), all, 999);
        assertThatThrownBy(() -> readAll(streaming, 1, 100))
                .isInstanceOfSatisfying(MediaException.class, e -> assertThat(e.type()).isEqualTo(ErrorType.MEDIA_TOO_LONG));
    }

    @Test
    void shouldRejectNegativeAndReversedTimesAndNegativeChannels() {
        assertThatThrownBy(() -> new Selection(ChannelMode.SPLIT, List.of(), OptionalDouble.of(-1), OptionalDouble.empty()))
                .isInstanceOfSatisfying(MediaException.class, e -> assertThat(e.type()).isEqualTo(ErrorType.MEDIA_TIME_RANGE_INVALID));
        assertThatThrownBy(() -> new Selection(ChannelMode.SPLIT, List.of(), OptionalDouble.of(2), OptionalDouble.of(1)))
                .isInstanceOfSatisfying(MediaException.class, e -> assertThat(e.type()).isEqualTo(ErrorType.MEDIA_TIME_RANGE_INVALID));
        assertThatThrownBy(() -> new Selection(ChannelMode.SPLIT, List.of(-1), OptionalDouble.empty(), OptionalDouble.empty()))
                .isInstanceOfSatisfying(MediaException.class, e -> assertThat(e.type()).isEqualTo(ErrorType.MEDIA_CHANNEL_OUT_OF_RANGE));
        assertThat(new Selection(ChannelMode.SPLIT, List.of(1, 1, 0), OptionalDouble.empty(), OptionalDouble.empty()).channels())
                .containsExactly(1, 0);
    }

    @Test
    void shouldCountTheWholeFileWhenTheRangeEndsEarlyAndTheHeadersDoNotTellTheLength() {
        // Given 3 s of audio whose headers do not state the length, and a range that ends at 1 s
        ChannelSelector selector = new ChannelSelector(new InMemoryPcmStream(RATE, false, ramp(3000, 0)),
                new Selection(ChannelMode.SPLIT, List.of(), OptionalDouble.empty(), OptionalDouble.of(1.0)), 5000);

        // When the range has been read
        float[][] out = readAll(selector, 1, 256);

        // Then the file's length is still known, and still limited
        assertThat(out[0]).hasSize(1000);
        assertThat(selector.fileFrames()).isEqualTo(3000);
        ChannelSelector limited = new ChannelSelector(new InMemoryPcmStream(RATE, false, ramp(3000, 0)),
                new Selection(ChannelMode.SPLIT, List.of(), OptionalDouble.empty(), OptionalDouble.of(1.0)), 2000);
        readAll(limited, 1, 256);
        assertThatThrownBy(limited::fileFrames)
                .isInstanceOfSatisfying(MediaException.class, e -> assertThat(e.type()).isEqualTo(ErrorType.MEDIA_TOO_LONG));
    }

    private static float[] ramp(int length, float offset) {
        float[] samples = new float[length];
        for (int i = 0; i < length; i++) {
            samples[i] = offset + i;
        }
        return samples;
    }

    private static float[][] readAll(ChannelSelector selector, int outputs, int blockSize) {
        float[][] block = new float[outputs][blockSize];
        List<float[]> collected = new ArrayList<>();
        for (int c = 0; c < outputs; c++) {
            collected.add(new float[0]);
        }
        int n;
        while ((n = selector.read(block, blockSize)) > 0) {
            for (int c = 0; c < outputs; c++) {
                float[] previous = collected.get(c);
                float[] grown = Arrays.copyOf(previous, previous.length + n);
                System.arraycopy(block[c], 0, grown, previous.length, n);
                collected.set(c, grown);
            }
        }
        return collected.toArray(float[][]::new);
    }
}
