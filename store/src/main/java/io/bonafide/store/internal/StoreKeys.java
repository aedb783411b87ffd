package io.bonafide.store.internal;

import io.bonafide.core.ErrorType;
import io.bonafide.store.StoreException;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The one place that turns a tenant and a task id into a relative object name,
 * {@code <tenant>/<task>/audio}, refusing names that could escape the store's root.
 */
public final class StoreKeys {
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

    private StoreKeys() {
    }

    /** {@code <tenant>/<task>/audio}, after checking both parts. */
    public static String objectName(String tenant, String taskId) {
        return check("tenant", tenant) + "/" + check("task_id", taskId) + "/audio";
    }

    private static String check(String what, String value) {
        if (value == null || !SAFE.matcher(value).matches() || value.contains("..")) {
            throw StoreException.permanent(ErrorType.REQUEST_VALIDATION_ERROR,
                    what + " is not a safe store name: letters, digits, '.', '_' and '-' only",
                    Map.of("parameter", what), null);
        }
        return value;
    }
}
