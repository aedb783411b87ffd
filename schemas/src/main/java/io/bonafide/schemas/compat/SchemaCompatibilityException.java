package io.bonafide.schemas.compat;

import java.util.List;

/** Thrown by the compatibility gate, listing every violation; fails the build. */
public final class SchemaCompatibilityException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient List<CompatibilityCheck.Violation> violations;

    public SchemaCompatibilityException(List<CompatibilityCheck.Violation> violations) {
        super("Schema change is not BACKWARD compatible:\n  - " + String.join("\n  - ",
                violations.stream().map(Object::toString).toList())
                + "\nAdd a default to new fields, keep removed fields' defaults, or use a new type.");
        this.violations = List.copyOf(violations);
    }

    public List<CompatibilityCheck.Violation> violations() {
        return violations;
    }
}
