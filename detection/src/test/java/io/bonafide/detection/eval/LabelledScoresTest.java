package io.bonafide.detection.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bonafide.detection.eval.LabelledScores.Label;
import io.bonafide.detection.eval.LabelledScores.Trial;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LabelledScoresTest {

    @Test
    void shouldRejectATrialIdThatOccursTwice() {
        // Given two trials with the same id
        List<Trial> trials = List.of(new Trial("u1", Label.GENUINE, 1.0), new Trial("u1", Label.ATTACK, 0.0));

        // When / Then
        assertThatThrownBy(() -> LabelledScores.of(trials)).hasMessageContaining("u1");
    }

    @ParameterizedTest
    @ValueSource(doubles = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY})
    void shouldRejectAScoreThatIsNotFinite(double score) {
        // Given / When / Then
        assertThatThrownBy(() -> new Trial("u1", Label.ATTACK, score)).hasMessageContaining("u1");
    }

    @Test
    void shouldNotChangeWhenTheCallersAttributeMapOrScoreArraysChange() {
        // Given
        Map<String, String> attributes = new HashMap<>(Map.of("generator", "A01"));
        LabelledScores scores = LabelledScores.of(List.of(new Trial("a", Label.ATTACK, 1.0, attributes),
                new Trial("g", Label.GENUINE, 2.0)));

        // When
        attributes.put("generator", "A02");
        scores.genuineScores()[0] = 99.0;

        // Then
        assertThat(scores.attributeValues("generator")).containsExactly("A01");
        assertThat(scores.genuineScores()).containsExactly(2.0);
    }

    @Test
    void shouldReadAsvspoofLabelNamesWhateverTheirCase() {
        // Given / When / Then
        assertThat(Label.fromAsvspoofName("BonaFide")).contains(Label.GENUINE);
        assertThat(Label.fromAsvspoofName("spoof")).contains(Label.ATTACK);
        assertThat(Label.fromAsvspoofName("genuine")).isEmpty();
    }
}
