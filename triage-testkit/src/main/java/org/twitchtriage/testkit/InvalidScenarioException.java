package org.twitchtriage.testkit;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import org.twitchtriage.validation.Violation;

/**
 * A scenario file that cannot be used: malformed JSON, an unknown or missing field, a wrong value, or a case (written
 * in the scenario or in the case file it names) that is not valid input. The message names the file and lists every
 * problem with its field, such as {@code expected.findings[0].code} or {@code input.twitches[0].site}.
 */
public class InvalidScenarioException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Where the format is described; every message ends by pointing there. */
    public static final String FORMAT_DOCUMENT = "docs/scenarios.md";

    private final transient Path file;
    private final transient List<Violation> violations;

    /**
     * @param file       the scenario file
     * @param violations at least one problem
     */
    public InvalidScenarioException(Path file, List<Violation> violations) {
        super(describe(Objects.requireNonNull(file, "file"), violations));
        if (violations.isEmpty()) {
            throw new IllegalArgumentException("an invalid scenario has at least one problem");
        }
        this.file = file;
        this.violations = List.copyOf(violations);
    }

    /** @return the scenario file */
    public Path getFile() {
        return file;
    }

    /** @return every problem, in the order found */
    public List<Violation> getViolations() {
        return violations;
    }

    private static String describe(Path file, List<Violation> violations) {
        String nl = System.lineSeparator();
        return "invalid scenario file " + file + " (" + violations.size() + " problem"
                + (violations.size() == 1 ? "" : "s") + "):" + nl
                + violations.stream().map(v -> "  " + v).collect(Collectors.joining(nl)) + nl
                + "The scenario format is described in " + FORMAT_DOCUMENT + ".";
    }
}
