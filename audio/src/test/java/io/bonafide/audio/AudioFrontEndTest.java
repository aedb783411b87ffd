package io.bonafide.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.bonafide.audio.decode.testing.ExternalTools;
import io.bonafide.audio.decode.testing.Fixtures;
import io.bonafide.audio.decode.testing.WavBytes;
import io.bonafide.audio.select.ChannelMode;
import io.bonafide.audio.select.Selection;
import io.bonafide.audio.vad.VoiceActivityDetectors;
import io.bonafide.core.ErrorType;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole front end on real encoded files: decode, select, resample to 16 kHz, voice activity. */
class AudioFrontEndTest {
    private static final VoiceActivityDetectors VAD = VoiceActivityDetectors.create();
    private final AudioFrontEnd frontEnd = AudioFrontEnd.standard(FrontEndOptions.DEFAULTS, VAD);

    @TempDir
    Path dir;

    @Test
    void shouldDeliverEachSelectedChannelOfAFlacAt16KilohertzWithTimesFromTheFileStart() throws Exception {
        // Given 3 s of 44.1 kHz stereo FLAC: a 440 Hz tone left, a 1 kHz tone right
        Fixtures.require("ffmpeg");
        Path flac = encode(stereoTones(44_100, 3.0), 44_100, "tones.flac", "-c:a", "flac");
        Map<Integer, float[]> received = new HashMap<>();

        // When channels 1 and 0 of 0.5–2.5 s are analysed
        FrontEndResult result = frontEnd.analyse(Files.newInputStream(flac),
                new Selection(ChannelMode.SPLIT, List.of(1, 0), OptionalDouble.of(0.5), OptionalDouble.of(2.5)),
                channel -> collector(received, channel));

        // Then the file's facts are as uploaded, each channel got 2 s at 16 kHz, starting at 0.5 s
        assertThat(result.info().format().wireName()).isEqualTo("flac");
        assertThat(result.info().sampleRate()).isEqualTo(44_100);
        assertThat(result.durationSeconds()).isCloseTo(3.0, within(1e-9));
        assertThat(result.startSeconds()).isCloseTo(0.5, within(1e-9));
        assertThat(result.channels()).extracting(FrontEndResult.ChannelReport::channelNumber).containsExactly(1, 0);
        assertThat(result.channels()).allSatisfy(c -> assertThat(c.samples()).isEqualTo(32_000));
        assertThat(dominantFrequency(received.get(0))).isCloseTo(440, within(5.0));
        assertThat(dominantFrequency(received.get(1))).isCloseTo(1000, within(5.0));
        assertThat(result.voiceDetector()).isEqualTo(VAD.engine().reportName());
    }

    @Test
    void shouldMixChannelsIntoChannelZero() throws Exception {
        Fixtures.require("ffmpeg");
        Path wav = encode(stereoTones(22_050, 1.0), 22_050, "tones.wav", "-c:a", "pcm_s16le");

        FrontEndResult result = frontEnd.analyse(Files.newInputStream(wav),
                new Selection(ChannelMode.MIX, List.of(), OptionalDouble.empty(), OptionalDouble.empty()),
                channel -> ChannelAnalysis.none());

        assertThat(result.channels()).singleElement().satisfies(c -> {
            assertThat(c.channelNumber()).isZero();
            assertThat(c.samples()).isEqualTo(16_000);
        });
    }

    @Test
    void shouldMeasureNoVoiceInDigitalSilence() {
        byte[] silence = WavBytes.floatWav(new float[2 * 48_000], 2, 48_000);

        FrontEndResult result = frontEnd.analyse(new ByteArrayInputStream(silence), Selection.all(),
                channel -> ChannelAnalysis.none());

        assertThat(result.channels()).hasSize(2).allSatisfy(c -> assertThat(c.voicedSeconds()).isZero());
    }

    @Test
    void shouldRejectChannelOutOfRangeWhenFileIsMonoAndCloseTheInput() throws Exception {
        byte[] mono = WavBytes.floatWav(new float[1600], 1, 16_000);
        boolean[] closed = {false};
        InputStream input = new ByteArrayInputStream(mono) {
            @Override
            public void close() {
                closed[0] = true;
            }
        };

        assertThatThrownBy(() -> frontEnd.analyse(input,
                new Selection(ChannelMode.SPLIT, List.of(1), OptionalDouble.empty(), OptionalDouble.empty()),
                channel -> ChannelAnalysis.none()))
                .isInstanceOfSatisfying(MediaException.class,
                        e -> assertThat(e.type()).isEqualTo(ErrorType.MEDIA_CHANNEL_OUT_OF_RANGE));
        assertThat(closed[0]).isTrue();
    }

    @Test
    void shouldRejectAFileLongerThanTheConfiguredMaximum() {
        byte[] twoSeconds = WavBytes.floatWav(new float[32_000], 1, 16_000);
        AudioFrontEnd strict = AudioFrontEnd.standard(new FrontEndOptions(4096, 1.5), VAD);

        assertThatThrownBy(() -> strict.analyse(new ByteArrayInputStream(twoSeconds), Selection.all(),
                channel -> ChannelAnalysis.none()))
                .isInstanceOfSatisfying(MediaException.class, e -> assertThat(e.type()).isEqualTo(ErrorType.MEDIA_TOO_LONG));
    }

    @Test
    void shouldReportUnsupportedBytesWithTheirSpecType() {
        byte[] text = "this is not audio, just a text file".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

        assertThatThrownBy(() -> frontEnd.analyse(new ByteArrayInputStream(text), Selection.all(),
                channel -> ChannelAnalysis.none()))
                .isInstanceOfSatisfying(MediaException.class,
                        e -> assertThat(e.type()).isEqualTo(ErrorType.MEDIA_UNSUPPORTED_FORMAT));
    }

    private Path encode(float[][] planar, int rate, String name, String... codec) throws Exception {
        Path reference = dir.resolve("reference-" + name + ".wav");
        Files.write(reference, WavBytes.floatWav(interleave(planar), planar.length, rate));
        Path out = dir.resolve(name);
        List<String> args = new java.util.ArrayList<>(List.of("-i", reference.toString()));
        args.addAll(List.of(codec));
        args.add(out.toString());
        ExternalTools.ffmpeg(args.toArray(String[]::new));
        return out;
    }

    private static float[] interleave(float[][] planar) {
        float[] interleaved = new float[planar.length * planar[0].length];
        for (int i = 0; i < planar[0].length; i++) {
            for (int c = 0; c < planar.length; c++) {
                interleaved[i * planar.length + c] = planar[c][i];
            }
        }
        return interleaved;
    }

    private static float[][] stereoTones(int rate, double seconds) {
        int n = (int) Math.round(rate * seconds);
        float[][] planar = new float[2][n];
        for (int i = 0; i < n; i++) {
            planar[0][i] = (float) (0.5 * Math.sin(2 * Math.PI * 440 * i / rate));
            planar[1][i] = (float) (0.5 * Math.sin(2 * Math.PI * 1000 * i / rate));
        }
        return planar;
    }

    private static ChannelAnalysis collector(Map<Integer, float[]> received, int channel) {
        return new ChannelAnalysis() {
            private float[] samples = new float[0];

            @Override
            public void accept(float[] block, int offset, int length) {
                float[] grown = java.util.Arrays.copyOf(samples, samples.length + length);
                System.arraycopy(block, offset, grown, samples.length, length);
                samples = grown;
            }

            @Override
            public void end() {
                received.put(channel, samples);
            }
        };
    }

    /** Frequency from the zero-crossing rate: enough to tell a 440 Hz tone from a 1 kHz one. */
    private static double dominantFrequency(float[] samples) {
        int crossings = 0;
        for (int i = 1; i < samples.length; i++) {
            if ((samples[i - 1] < 0) != (samples[i] < 0)) {
                crossings++;
            }
        }
        return crossings / 2.0 / (samples.length / 16_000.0);
    }
}
