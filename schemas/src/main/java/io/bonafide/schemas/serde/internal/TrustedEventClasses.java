package io.bonafide.schemas.serde.internal;

import io.bonafide.schemas.event.TaskKey;
import org.apache.avro.util.ClassSecurityValidator;

/**
 * Avro 1.12 refuses to instantiate classes named by a schema unless they are trusted, so that a
 * hostile writer schema cannot make a reader load arbitrary classes. This trusts exactly the
 * generated event classes (one package), on top of whatever the application already trusts.
 */
public final class TrustedEventClasses {
    private static final String EVENT_PACKAGE = TaskKey.class.getPackageName();
    private static boolean installed;

    private TrustedEventClasses() {
    }

    /** Adds the event package to Avro's global class validator; idempotent. */
    public static synchronized void install() {
        if (installed) {
            return;
        }
        ClassSecurityValidator.setGlobal(ClassSecurityValidator.composite(
                ClassSecurityValidator.getGlobal(),
                type -> EVENT_PACKAGE.equals(type.getPackageName())));
        installed = true;
    }
}
