package org.twitchtriage.cdshooks;

import java.util.List;

/**
 * A service configuration that cannot be used: every problem found is listed, so all can be fixed in one go.
 */
public final class CdsHooksConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final List<String> problems;

    /**
     * @param source   where the configuration came from (a file name, or "configuration")
     * @param problems what is wrong, at least one
     */
    public CdsHooksConfigException(String source, List<String> problems) {
        super(source + ": " + String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    /** @return every problem found */
    public List<String> problems() {
        return problems;
    }
}
