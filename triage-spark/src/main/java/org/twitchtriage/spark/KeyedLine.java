package org.twitchtriage.spark;

import java.io.Serializable;
import java.util.Comparator;

/**
 * One input line on its way to its record: the index of its file in the sorted file list, its 1-based line number and
 * its text ({@code null} for a line too long to read, or, for a Bulk line that belongs to no patient, the problem kept
 * in its place). Immutable.
 */
final class KeyedLine implements Serializable {
    private static final long serialVersionUID = 1L;
    /** The order {@code BulkExport} reads a patient's lines in: file, then line. */
    static final Comparator<KeyedLine> ORDER = Comparator.comparingInt((KeyedLine l) -> l.file)
            .thenComparingLong(l -> l.line);

    final int file;
    final long line;
    final String text;

    KeyedLine(int file, long line, String text) {
        this.file = file;
        this.line = line;
        this.text = text;
    }
}
