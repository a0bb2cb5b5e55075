package org.twitchtriage.authoring.source;

import java.util.Comparator;
import java.util.Objects;

/**
 * One problem in a rules folder, where an author can find it: the file (relative to the folder, with {@code /}
 * separators), the line (for a decision table, its spreadsheet row) and a message in plain words.
 *
 * @param file    the file, relative to the rules folder; empty when the problem concerns the folder as a whole
 * @param line    the 1-based line, or 0 when the problem concerns the whole file
 * @param message what is wrong, in plain words, without a stack trace
 */
public record RuleProblem(String file, int line, String message) implements Comparable<RuleProblem> {
    private static final Comparator<RuleProblem> ORDER = Comparator.comparing(RuleProblem::file)
            .thenComparingInt(RuleProblem::line).thenComparing(RuleProblem::message);

    public RuleProblem {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(message, "message");
        if (line < 0) {
            throw new IllegalArgumentException("line must not be negative, was " + line);
        }
    }

    /** @return {@code file:line: message}, or {@code file: message} without a line */
    @Override
    public String toString() {
        if (file.isEmpty()) {
            return message;
        }
        return file + (line > 0 ? ":" + line : "") + ": " + message;
    }

    /** Orders by file, then line, then message. */
    @Override
    public int compareTo(RuleProblem other) {
        return ORDER.compare(this, other);
    }
}
