package io.bonafide.detection.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.bonafide.core.ErrorType;
import io.bonafide.detection.eval.LabelledScores.Label;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AsvspoofProtocolTest {

    @Test
    void shouldReadEntriesSkippingBlankLinesAndCommentsWhateverTheWhitespace() throws Exception {
        // Given a protocol with a comment, a blank line, tabs, indentation and an upper-case label
        Path file = resource("asvspoof-protocol.txt");

        // When
        AsvspoofProtocol protocol = AsvspoofProtocol.read(file);

        // Then
        assertThat(protocol.entries()).containsExactly(
                new AsvspoofProtocol.Entry(2, "LA_0079", "LA_T_1138215", Optional.empty(), Label.GENUINE),
                new AsvspoofProtocol.Entry(3, "LA_0079", "LA_T_1271820", Optional.of("A01"), Label.ATTACK),
                new AsvspoofProtocol.Entry(5, "LA_0080", "LA_T_1272637", Optional.of("A02"), Label.ATTACK),
                new AsvspoofProtocol.Entry(6, "LA_0081", "LA_T_1276960", Optional.empty(), Label.GENUINE));
    }

    @Test
    void shouldTakeTheLabelFromTheLastColumnWhenThereAreExtraColumns() {
        // Given a line with more than five columns, label last
        List<String> lines = List.of("LA_0023 DF_E_2000011 nocodec A14 extra bonafide");

        // When
        AsvspoofProtocol protocol = AsvspoofProtocol.parse(Path.of("keys.txt"), lines);

        // Then
        assertThat(protocol.entries()).singleElement().satisfies(e -> {
            assertThat(e.utterance()).isEqualTo("DF_E_2000011");
            assertThat(e.system()).contains("A14");
            assertThat(e.label()).isEqualTo(Label.GENUINE);
        });
    }

    @Test
    void shouldReportEveryMalformedLineWithItsNumber() throws Exception {
        // Given too few columns on line 2, an unknown label on line 4 and a repeated utterance on line 5
        Path file = resource("asvspoof-protocol-malformed.txt");

        // When
        ProtocolFormatException e = catchThrowableOfType(() -> AsvspoofProtocol.read(file), ProtocolFormatException.class);

        // Then
        assertThat(e.problems()).extracting(ProtocolFormatException.Problem::line).containsExactly(2, 4, 5);
        assertThat(e.problems().get(0).reason()).contains("at least 5 columns");
        assertThat(e.problems().get(1).reason()).contains("'genuine'");
        assertThat(e.problems().get(2).reason()).contains("already listed on line 1");
        assertThat(e.type()).isEqualTo(ErrorType.REQUEST_INVALID);
        assertThat(e.getMessage()).contains("line 2:", "line 4:", "line 5:", "asvspoof-protocol-malformed.txt");
    }

    @Test
    void shouldResolveFlacFilesAndListTheMissingOnes(@TempDir Path audio) throws Exception {
        // Given audio for three of the four utterances
        AsvspoofProtocol protocol = AsvspoofProtocol.read(resource("asvspoof-protocol.txt"));
        for (String utterance : List.of("LA_T_1138215", "LA_T_1271820", "LA_T_1276960")) {
            Files.write(audio.resolve(utterance + ".flac"), new byte[] {0});
        }

        // When
        AsvspoofProtocol.Resolution resolution = protocol.resolve(audio);

        // Then the missing one keeps its protocol line number
        assertThat(resolution.complete()).isFalse();
        assertThat(resolution.files()).containsOnlyKeys("LA_T_1138215", "LA_T_1271820", "LA_T_1276960");
        assertThat(resolution.files().get("LA_T_1271820")).isEqualTo(audio.resolve("LA_T_1271820.flac"));
        assertThat(resolution.missing()).extracting(AsvspoofProtocol.Entry::utterance, AsvspoofProtocol.Entry::line)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("LA_T_1272637", 5));
    }

    @Test
    void shouldJoinScoresToLabelsCarryingSpeakerAndSystemAsAttributes() throws Exception {
        // Given a protocol and a score for each utterance
        AsvspoofProtocol protocol = AsvspoofProtocol.read(resource("asvspoof-protocol.txt"));
        Map<String, Double> scores = Map.of("LA_T_1138215", 2.0, "LA_T_1271820", -3.0,
                "LA_T_1272637", 1.0, "LA_T_1276960", 0.5);

        // When
        LabelledScores labelled = protocol.withScores(scores);

        // Then genuine trials carry no system, so a per-system EER pools them (ASVspoof style)
        assertThat(labelled.genuineCount()).isEqualTo(2);
        assertThat(labelled.attackCount()).isEqualTo(2);
        assertThat(labelled.trials().get(1).attributes())
                .containsEntry(AsvspoofProtocol.SPEAKER, "LA_0079").containsEntry(AsvspoofProtocol.SYSTEM, "A01");
        assertThat(labelled.trials().get(0).attribute(AsvspoofProtocol.SYSTEM)).isEmpty();
        assertThat(EqualErrorRate.byAttribute(labelled, AsvspoofProtocol.SYSTEM)).containsOnlyKeys("A01", "A02");
        assertThat(EqualErrorRate.byAttribute(labelled, AsvspoofProtocol.SYSTEM).get("A01").value()).isZero();
    }

    @Test
    void shouldRefuseToEvaluateASubsetWhenScoresAreMissing() throws Exception {
        // Given a score for one utterance only
        AsvspoofProtocol protocol = AsvspoofProtocol.read(resource("asvspoof-protocol.txt"));

        // When / Then
        assertThatThrownBy(() -> protocol.withScores(Map.of("LA_T_1138215", 1.0)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("3 utterance(s)")
                .hasMessageContaining("LA_T_1271820");
    }

    static Path resource(String name) throws URISyntaxException {
        return Path.of(AsvspoofProtocolTest.class.getResource("/eval/" + name).toURI());
    }
}
