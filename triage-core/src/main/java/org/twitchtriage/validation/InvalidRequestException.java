package org.twitchtriage.validation;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Thrown when a request is not valid; carries every {@link Violation} found. A request that fails validation is
 * never evaluated.
 */
public class InvalidRequestException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient List<Violation> violations;

    /** @param violations at least one violation */
    public InvalidRequestException(List<Violation> violations) {
        super(describe(violations));
        if (violations.isEmpty()) {
            throw new IllegalArgumentException("an invalid request has at least one violation");
        }
        this.violations = List.copyOf(violations);
    }

    /** @return all violations, in the order found */
    public List<Violation> getViolations() {
        return violations;
    }

    private static String describe(List<Violation> violations) {
        return "invalid request (" + violations.size() + " problem" + (violations.size() == 1 ? "" : "s") + "): "
                + violations.stream().map(Violation::toString).collect(Collectors.joining("; "));
    }
}
