package io.bonafide.gateway.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.bonafide.schemas.event.ChannelMode;
import io.bonafide.schemas.event.Operation;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class VerificationParametersTest {

    private static VerificationParameters.Query query(Map<String, List<String>> values) {
        return name -> values.getOrDefault(name, List.of());
    }

    @Test
    void shouldDefaultToSplitAllChannelsAndAllThreeOperations() {
        // When no parameter is given
        VerificationParameters p = VerificationParameters.fromQuery(query(Map.of()));

        // Then the SPEC defaults apply
        assertThat(p.channelMode()).isEqualTo(ChannelMode.SPLIT);
        assertThat(p.channels()).isEmpty();
        assertThat(p.effectiveOperations()).containsExactly(Operation.values());
        assertThat(p.startTime()).isNull();
        assertThat(p.rawSegmentation()).isFalse();
    }

    @Test
    void shouldReadEveryQueryParameterAndLetQueryOperationsWinOverTheConfigs() {
        // Given every query parameter and a config naming other operations
        VerificationParameters p = VerificationParameters.fromQuery(query(Map.of(
                "channel_mode", List.of("mix"), "channels", List.of("0,2"), "start_time", List.of("1.5"),
                "end_time", List.of("9"), "raw_segmentation", List.of("true"),
                "operations", List.of("replay_attack_detection", "deepfake_detection"))))
                .withConfig(("{\"operations\":[\"audio_manipulation_detection\"],\"embeddings\":true,"
                        + "\"meta\":{\"a\":\"b\"},\"callback_url\":\"https://x.example/h\"}").getBytes(StandardCharsets.UTF_8));

        // Then all of them are read, and the query's operations win
        assertThat(p.channelMode()).isEqualTo(ChannelMode.MIX);
        assertThat(p.channels()).containsExactly(0, 2);
        assertThat(p.startTime()).isEqualTo(1.5);
        assertThat(p.endTime()).isEqualTo(9.0);
        assertThat(p.rawSegmentation()).isTrue();
        assertThat(p.effectiveOperations()).containsExactly(Operation.REPLAY_ATTACK_DETECTION,
                Operation.DEEPFAKE_DETECTION);
        assertThat(p.embeddings()).isTrue();
        assertThat(p.meta()).containsEntry("a", "b");
        assertThat(p.callbackUrl()).isEqualTo("https://x.example/h");
    }

    @ParameterizedTest
    @CsvSource({
        "channels, '0, 2', channels", "channels, 0;2, channels", "channels, '1,1', channels",
        "channels, 5000, channels", "channel_mode, stereo, channel_mode", "start_time, -0.1, start_time",
        "start_time, NaN, start_time", "end_time, Infinity, end_time", "start_time, abc, start_time",
        "raw_segmentation, yes, raw_segmentation", "operations, telepathy, operations"})
    void shouldRejectABadQueryValueNamingTheParameter(String name, String value, String location) {
        ApiError error = catchThrowableOfType(ApiError.class,
                () -> VerificationParameters.fromQuery(query(Map.of(name, List.of(value)))));

        assertThat(error.status()).isEqualTo(422);
        assertThat(error.details().get(0).location()).containsExactly("query", location);
    }

    @Test
    void shouldRejectAStartThatIsNotBeforeTheEnd() {
        ApiError error = catchThrowableOfType(ApiError.class, () -> VerificationParameters.fromQuery(query(Map.of(
                "start_time", List.of("3"), "end_time", List.of("3")))));

        assertThat(error.status()).isEqualTo(422);
        assertThat(error.details().get(0).location()).containsExactly("query", "end_time");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"operations\":\"deepfake_detection\"}|operations", "{\"operations\":[7]}|operations",
        "{\"callback_url\":\"ftp://x\"}|callback_url", "{\"meta\":[]}|meta", "{\"embeddings\":\"yes\"}|embeddings"})
    void shouldRejectABadConfigValueNamingTheField(String json, String field) {
        ApiError error = catchThrowableOfType(ApiError.class, () -> VerificationParameters.fromQuery(query(Map.of()))
                .withConfig(json.getBytes(StandardCharsets.UTF_8)));

        assertThat(error.status()).isEqualTo(422);
        assertThat(error.details().get(0).location()).containsExactly("body", "config", field);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"{", "[]", "\"x\"", "null", "{\"a\":"})
    void shouldAnswer400ForAConfigThatIsNotAJsonObject(String json) {
        ApiError error = catchThrowableOfType(ApiError.class, () -> VerificationParameters.fromQuery(query(Map.of()))
                .withConfig(json.getBytes(StandardCharsets.UTF_8)));

        assertThat(error.status()).isEqualTo(400);
        assertThat(error.type().wireName()).isEqualTo("request.invalid");
    }
}
