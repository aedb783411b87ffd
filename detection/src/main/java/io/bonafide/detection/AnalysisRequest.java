package io.bonafide.detection;

import io.bonafide.audio.select.Selection;
import java.util.List;
import java.util.Objects;

/**
 * What to analyse and how: the operations (never empty; in request order, without repeats),
 * the channel and time selection, and the output options of SPEC 2.
 *
 * @param operations      operations to run
 * @param selection       channel mode, channels, start and end time
 * @param rawSegmentation manipulation detection returns every raw window
 * @param embeddings      deepfake detection adds each channel's embedding
 */
public record AnalysisRequest(List<Operation> operations, Selection selection, boolean rawSegmentation,
                              boolean embeddings) {
    public AnalysisRequest {
        operations = List.copyOf(new java.util.LinkedHashSet<>(Objects.requireNonNull(operations, "operations")));
        if (operations.isEmpty()) {
            throw new IllegalArgumentException("operations must not be empty");
        }
        Objects.requireNonNull(selection, "selection");
    }

    /** All three operations on every channel of the whole file. */
    public static AnalysisRequest everything() {
        return new AnalysisRequest(List.of(Operation.values()), Selection.all(), false, false);
    }
}
