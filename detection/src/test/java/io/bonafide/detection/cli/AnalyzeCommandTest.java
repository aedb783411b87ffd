package io.bonafide.detection.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.bonafide.audio.AudioFrontEnd;
import io.bonafide.audio.FrontEndOptions;
import io.bonafide.audio.vad.VoiceActivityDetectors;
import io.bonafide.detection.AnalysisRequest;
import io.bonafide.detection.Analyzer;
import io.bonafide.detection.ChannelDetection;
import io.bonafide.detection.ChannelOutcome;
import io.bonafide.detection.Detector;
import io.bonafide.detection.Operation;
import io.bonafide.detection.testing.TestWavs;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The analyze command's arguments, exit statuses and JSON, over a stand-in detector. */
class AnalyzeCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final AnalyzeCommand command = new AnalyzeCommand(() -> new Analyzer(
            AudioFrontEnd.standard(FrontEndOptions.DEFAULTS, VoiceActivityDetectors.create()),
            List.of(new PeakDetector())));

    @Test
    void shouldPrintTheSpecResultForEachSelectedChannel() throws Exception {
        // Given a 1 s stereo WAV whose right channel is louder
        Path wav = stereoWav(0.25f, 0.5f);

        // When
        int status = run(wav.toString(), "--operations", "deepfake_detection", "--channels", "1,0");

        // Then
        assertThat(status).as(err.toString()).isZero();
        JsonNode result = JSON.readTree(out.toString(StandardCharsets.UTF_8));
        JsonNode channels = result.at("/result/deepfake_detection/channels");
        assertThat(result.at("/result/deepfake_detection/model").asText()).isEqualTo("peak-test:0");
        assertThat(channels).hasSize(2);
        assertThat(channels.get(0).get("channel_number").asInt()).isEqualTo(1);
        assertThat(channels.get(0).get("score").asDouble()).isCloseTo(0.5, within(1e-3));
        assertThat(result.at("/media/format").asText()).isEqualTo("wav");
        assertThat(result.at("/media/sample_rate").asInt()).isEqualTo(8000);
        assertThat(result.at("/media/channel_count").asInt()).isEqualTo(2);
        assertThat(result.at("/media/duration").asDouble()).isEqualTo(1.0);
        assertThat(result.at("/media/channels/0/voice_duration").isNumber()).isTrue();
    }

    @Test
    void shouldAnswerAnOperationWithoutAModelWithAnInternalErrorNotAScore() throws Exception {
        int status = run(stereoWav(0.1f, 0.1f).toString(), "--operations", "replay_attack_detection");

        assertThat(status).isEqualTo(AnalyzeCommand.INTERNAL);
        assertThat(out.size()).isZero();
        assertThat(JSON.readTree(err.toString(StandardCharsets.UTF_8)).get("type").asText()).isEqualTo("internal");
    }

    @Test
    void shouldRejectChannelOutOfRangeWhenFileIsMonoWithTheMediaType() throws Exception {
        Path mono = dir.resolve("mono.wav");
        Files.write(mono, TestWavs.floatWav(new float[][] {new float[800]}, 8000));

        int status = run(mono.toString(), "--operations", "deepfake_detection", "--channels", "1");

        assertThat(status).isEqualTo(AnalyzeCommand.REJECTED);
        JsonNode error = JSON.readTree(err.toString(StandardCharsets.UTF_8));
        assertThat(error.get("type").asText()).isEqualTo("media.channel-out-of-range");
        assertThat(error.at("/detail/0/context/channel_count").asText()).isEqualTo("1");
    }

    @Test
    void shouldNameTheParameterOfAValidationError() throws Exception {
        int status = run("x.wav", "--channel-mode", "sideways");

        assertThat(status).isEqualTo(AnalyzeCommand.INVALID);
        JsonNode error = JSON.readTree(err.toString(StandardCharsets.UTF_8));
        assertThat(error.get("type").asText()).isEqualTo("request.validation-error");
        assertThat(error.at("/detail/0/location").toString()).isEqualTo("[\"query\",\"channel_mode\"]");
    }

    @Test
    void shouldRejectAStartTimeAfterTheEndTimeAsAValidationError() throws Exception {
        int status = run("x.wav", "--start-time", "5", "--end-time", "2");

        assertThat(status).isEqualTo(AnalyzeCommand.INVALID);
        assertThat(JSON.readTree(err.toString(StandardCharsets.UTF_8)).get("type").asText())
                .isEqualTo("request.validation-error");
    }

    @Test
    void shouldReportAMissingFileAsNotFound() throws Exception {
        int status = run(dir.resolve("absent.wav").toString());

        assertThat(status).isEqualTo(AnalyzeCommand.INVALID);
        assertThat(JSON.readTree(err.toString(StandardCharsets.UTF_8)).get("type").asText())
                .isEqualTo("resource.not-found");
    }

    private int run(String... args) {
        return command.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private Path stereoWav(float left, float right) throws Exception {
        float[][] planar = new float[2][8000];
        for (int i = 0; i < 8000; i++) {
            planar[0][i] = (float) (left * Math.sin(2 * Math.PI * 300 * i / 8000.0));
            planar[1][i] = (float) (right * Math.sin(2 * Math.PI * 300 * i / 8000.0));
        }
        Path file = dir.resolve("stereo.wav");
        Files.write(file, TestWavs.floatWav(planar, 8000));
        return file;
    }

    /** Stands in for a model: the channel's peak absolute amplitude at 16 kHz as its "score". */
    private static final class PeakDetector implements Detector {
        @Override
        public Operation operation() {
            return Operation.DEEPFAKE_DETECTION;
        }

        @Override
        public String modelName() {
            return "peak-test";
        }

        @Override
        public String modelVersion() {
            return "0";
        }

        @Override
        public ChannelDetection newChannel(int channelNumber, double startSeconds, AnalysisRequest request) {
            return new ChannelDetection() {
                private double peak;

                @Override
                public void accept(float[] samples, int offset, int length) {
                    for (int i = offset; i < offset + length; i++) {
                        peak = Math.max(peak, Math.abs(samples[i]));
                    }
                }

                @Override
                public ChannelOutcome outcome() {
                    return ChannelOutcome.scored(channelNumber, peak);
                }
            };
        }
    }
}
