package io.bonafide.schemas.consume;

/**
 * What a consumer does with a record that can never be read (not wire format, unknown schema
 * id, corrupt payload). Records that fail for a transient reason (registry unreachable) are
 * never poison: they are retried whatever the policy.
 */
public enum PoisonRecordPolicy {
    /** Copy the record verbatim to the dead-letter topic, with the reason in headers, and go on. */
    DEAD_LETTER,
    /** Stop: raise {@link PoisonRecordException} and leave the record uncommitted. */
    FAIL
}
