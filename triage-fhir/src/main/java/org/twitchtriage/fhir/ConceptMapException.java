package org.twitchtriage.fhir;

import java.util.List;

/**
 * Thrown when a concept map file cannot be read or is not valid; lists every problem found. Nothing of an invalid
 * map is used.
 */
public class ConceptMapException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient List<String> problems;

    /**
     * @param source   a name for the file, for the message
     * @param problems at least one problem, each in plain words
     */
    public ConceptMapException(String source, List<String> problems) {
        super("invalid concept map " + source + " (" + problems.size() + " problem" + (problems.size() == 1 ? "" : "s")
                + "): " + String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    /**
     * @param source a name for the file, for the message
     * @param cause  the read failure
     */
    public ConceptMapException(String source, Throwable cause) {
        super("cannot read concept map " + source + ": " + cause.getMessage(), cause);
        this.problems = List.of(String.valueOf(cause.getMessage()));
    }

    /** @return every problem, in the order found */
    public List<String> getProblems() {
        return problems;
    }
}
