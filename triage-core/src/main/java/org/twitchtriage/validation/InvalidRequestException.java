package org.twitchtriage.validation;

import java.util.ArrayList;
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
        this.violations = bounded(violations);
    }

    /** @return all violations, in the order found */
    public List<Violation> getViolations() {
        return violations;
    }

    /** Keeps the first {@link Limits#MAX_VIOLATIONS}; the rest are counted in one last entry. */
    private static List<Violation> bounded(List<Violation> violations) {
        if (violations.size() <= Limits.MAX_VIOLATIONS) {
            return List.copyOf(violations);
        }
        List<Violation> out = new ArrayList<>(violations.subList(0, Limits.MAX_VIOLATIONS));
        out.add(new Violation("request", (violations.size() - Limits.MAX_VIOLATIONS) + " more problems not listed"));
        return List.copyOf(out);
    }

    private static String describe(List<Violation> all) {
        List<Violation> violations = bounded(all);
        return "invalid request (" + violations.size() + " problem" + (violations.size() == 1 ? "" : "s") + "): "
                + violations.stream().map(Violation::toString).collect(Collectors.joining("; "));
    }
}
