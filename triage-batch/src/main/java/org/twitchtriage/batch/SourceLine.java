package org.twitchtriage.batch;

import java.util.Objects;

/**
 * One line of an input file: where it is (file name and 1-based line number, for messages) and its text.
 *
 * @param file the file's name, without its folder
 * @param line the 1-based line number
 * @param text the line without its line end
 */
public record SourceLine(String file, long line, String text) {
    /** The longest line read, in bytes (4 MiB): a longer line is reported, never read into memory whole. */
    public static final int MAX_BYTES = org.twitchtriage.batch.internal.BoundedLines.MAX_LINE_BYTES;

    public SourceLine {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(text, "text");
    }

    /** @return where the line is, such as {@code Condition.ndjson line 17}; never its text */
    public String location() {
        return file + " line " + line;
    }
}
