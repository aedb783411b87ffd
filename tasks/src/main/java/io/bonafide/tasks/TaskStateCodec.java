package io.bonafide.tasks;

import io.bonafide.schemas.EventSchemas;
import io.bonafide.schemas.event.TaskState;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;

/**
 * The body of the internal task-state endpoint ({@code GET /internal/v1/task-state/{task_id}},
 * content type {@link #CONTENT_TYPE}) by which one instance answers a lookup for a task that
 * another instance was asked about: the TaskState in Avro single-object encoding (two marker
 * bytes, the schema's 64-bit fingerprint, then Avro binary), so that a reader on another schema
 * version fails loudly instead of misreading the bytes. Stateless and thread-safe.
 */
public final class TaskStateCodec {
    /** Content type of the internal endpoint's 200 answer. */
    public static final String CONTENT_TYPE = "application/vnd.bonafide.task-state+avro";
    /** Path prefix of the internal endpoint; the task id follows. */
    public static final String PATH_PREFIX = "/internal/v1/task-state/";

    private TaskStateCodec() {
    }

    /** The bytes of {@code state}. */
    public static byte[] encode(TaskState state) {
        EventSchemas.trustEventClasses();
        try {
            ByteBuffer buffer = TaskState.getEncoder().encode(state);
            byte[] bytes = new byte[buffer.remaining()];
            buffer.get(bytes);
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException("could not encode the state of task " + state.getTaskId(), e);
        }
    }

    /** The state in {@code bytes}; throws {@link IOException} on bytes of another schema or broken bytes. */
    public static TaskState decode(byte[] bytes) throws IOException {
        EventSchemas.trustEventClasses();
        try {
            return TaskState.getDecoder().decode(bytes);
        } catch (org.apache.avro.AvroRuntimeException e) {
            // Bad marker bytes or an unknown fingerprint: the sender runs another schema, or it is not a state.
            throw new IOException("not a TaskState of this schema version: " + e.getMessage(), e);
        }
    }
}
