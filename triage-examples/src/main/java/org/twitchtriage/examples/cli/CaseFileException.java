package org.twitchtriage.examples.cli;

import java.util.List;
import org.twitchtriage.validation.Violation;

/**
 * A case file the command cannot use: it does not exist, cannot be read, or its content is invalid (then
 * {@link #violations()} lists every problem). Reported as invalid input, exit code
 * {@value TriageCommand#EXIT_INVALID_INPUT}, without a stack trace. The message names the file, never the patient.
 */
public final class CaseFileException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient List<Violation> violations;

    /**
     * @param message    what is wrong with the file, naming it
     * @param violations the problems with its content; empty when the file itself could not be read
     */
    public CaseFileException(String message, List<Violation> violations) {
        super(message);
        this.violations = List.copyOf(violations);
    }

    /** @return the problems with the file's content, in the order found; empty when the file could not be read */
    public List<Violation> violations() {
        return violations;
    }
}
