package io.bonafide.gateway.internal;

import io.bonafide.core.ErrorType;
import java.util.List;
import java.util.Map;

/** The 403 {@code request.forbidden} / {@code licensing.capacity-exceeded} answer of SPEC 2. */
final class CapacityErrors {
    private CapacityErrors() {
    }

    static ApiError exceeded(String what, double inUse, double limit, String unit) {
        String message = "the tenant's licensed processing capacity is used up (" + what + ")";
        return new ApiError(403, ErrorType.REQUEST_FORBIDDEN, message,
                List.of(new ApiError.Detail(List.of("tenant"), message, "licensing.capacity-exceeded",
                        Map.of("capacity", what, "in_use", format(inUse), "limit", format(limit), "unit", unit))),
                Map.of());
    }

    private static String format(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.format(java.util.Locale.ROOT, "%.2f", value);
    }
}
