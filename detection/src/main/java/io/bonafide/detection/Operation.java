package io.bonafide.detection;

import io.bonafide.core.BonafideException;
import io.bonafide.core.ErrorType;
import java.util.Arrays;
import java.util.Map;

/** The three verification operations of SPEC 2, with the names the API and results use. */
public enum Operation {
    DEEPFAKE_DETECTION("deepfake_detection"),
    REPLAY_ATTACK_DETECTION("replay_attack_detection"),
    AUDIO_MANIPULATION_DETECTION("audio_manipulation_detection");

    private final String apiName;

    Operation(String apiName) {
        this.apiName = apiName;
    }

    /** The API name, e.g. {@code deepfake_detection}. */
    public String apiName() {
        return apiName;
    }

    /**
     * The operation with this API name.
     *
     * @throws BonafideException {@code request.validation-error} naming the accepted values
     */
    public static Operation fromApiName(String name) {
        return Arrays.stream(values()).filter(o -> o.apiName.equals(name)).findFirst()
                .orElseThrow(() -> new BonafideException(ErrorType.REQUEST_VALIDATION_ERROR,
                        "unknown operation '" + name + "'", Map.of("location", "operations",
                        "accepted", Arrays.stream(values()).map(Operation::apiName).toList().toString())));
    }
}
