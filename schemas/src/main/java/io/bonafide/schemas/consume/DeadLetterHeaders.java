package io.bonafide.schemas.consume;

/**
 * Header names a dead-lettered record carries beside its original headers. Values are UTF-8
 * text. The key and value bytes are the original ones, untouched.
 */
public final class DeadLetterHeaders {
    /** Machine-readable reason, e.g. {@code unknown-schema-id}, {@code not-wire-format}. */
    public static final String REASON = "bonafide.dlt.reason";
    /** Human-readable message of the failure. */
    public static final String MESSAGE = "bonafide.dlt.message";
    /** Class name of the exception that made the record unreadable. */
    public static final String EXCEPTION = "bonafide.dlt.exception";
    /** Whether the key or the value failed: {@code key} or {@code value}. */
    public static final String PART = "bonafide.dlt.part";
    /** Topic the record was read from. */
    public static final String SOURCE_TOPIC = "bonafide.dlt.source.topic";
    /** Partition it was read from. */
    public static final String SOURCE_PARTITION = "bonafide.dlt.source.partition";
    /** Offset it was read at. */
    public static final String SOURCE_OFFSET = "bonafide.dlt.source.offset";
    /** Consumer group, or application id, that gave up on it. */
    public static final String CONSUMER = "bonafide.dlt.consumer";
    /** When it was dead-lettered, epoch milliseconds. */
    public static final String FAILED_AT = "bonafide.dlt.failed.at";

    private DeadLetterHeaders() {
    }
}
