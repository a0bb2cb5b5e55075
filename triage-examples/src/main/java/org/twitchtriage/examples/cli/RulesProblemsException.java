package org.twitchtriage.examples.cli;

import java.util.List;

/**
 * A rules folder named with {@code --rules} that cannot give an engine: its rules do not compile or their metadata
 * is wrong. Reported as invalid input (exit code {@value TriageCommand#EXIT_INVALID_INPUT}), one problem per line as
 * {@code file:line: message}, without a stack trace.
 */
final class RulesProblemsException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient List<String> problems;
    private final String folder;

    /**
     * @param message  what failed
     * @param folder   the folder as the user named it, for the hint to lint it
     * @param problems one line per problem, {@code file:line: message}
     */
    RulesProblemsException(String message, String folder, List<String> problems) {
        super(message);
        this.folder = folder;
        this.problems = List.copyOf(problems);
    }

    /** @return the folder as the user named it */
    String folder() {
        return folder;
    }

    /** @return one line per problem */
    List<String> problems() {
        return problems;
    }
}
