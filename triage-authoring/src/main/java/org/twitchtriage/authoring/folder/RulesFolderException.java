package org.twitchtriage.authoring.folder;

import java.util.List;
import org.twitchtriage.authoring.source.RuleProblem;

/**
 * Thrown when a rules folder does not compile into a knowledge base. The message names the folder; {@link #problems()}
 * lists every problem as {@code file:line: message}.
 */
public class RulesFolderException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient List<RuleProblem> problems;

    /**
     * @param message  what failed, naming the folder
     * @param problems every problem found
     */
    public RulesFolderException(String message, List<RuleProblem> problems) {
        super(message);
        this.problems = List.copyOf(problems);
    }

    /** @return every problem, in file and line order */
    public List<RuleProblem> problems() {
        return problems;
    }
}
