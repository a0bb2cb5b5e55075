package org.twitchtriage.batch;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.twitchtriage.batch.internal.BoundedLines;

/**
 * JSON Lines of case files: each non-blank line is one case in the format of the bundled case files
 * ({@code docs/input-format.md}), read later by the project's strict {@link org.twitchtriage.json.RequestReader}.
 * Blank lines are skipped but counted, so that line numbers match an editor's. Streams: only the current line is in
 * memory (at most {@link BoundedLines#MAX_LINE_BYTES}; a longer line becomes a record that is reported as too long).
 * Not thread-safe.
 */
public final class CaseLines implements RecordSource {
    private final String name;
    private final BoundedLines lines;
    private final long total;
    private long sequence;

    private CaseLines(Path file) throws IOException {
        this.name = file.getFileName().toString();
        this.total = BoundedLines.count(file);
        this.lines = new BoundedLines(file, BoundedLines.MAX_LINE_BYTES);
    }

    /**
     * @param file a JSON Lines file of case files
     * @return its records
     * @throws IOException when it cannot be opened
     */
    public static CaseLines open(Path file) throws IOException {
        return new CaseLines(file);
    }

    @Override
    public InputRecord next() throws IOException {
        for (BoundedLines.Line line = lines.next(); line != null; line = lines.next()) {
            InputRecord record = record(sequence, name, line.number(), line.tooLong() ? null : line.text());
            if (record != null) {
                sequence++;
                return record;
            }
        }
        return null;
    }

    /**
     * The record of one line of a JSON Lines file of cases; shared by this reader and the Spark job, so that both
     * make the same records.
     *
     * @param sequence the record's position in the input
     * @param file     the file's name, without its folder
     * @param number   the 1-based line number, blank lines included
     * @param text     the line without its line end, or {@code null} for a line longer than
     *                 {@link SourceLine#MAX_BYTES} (it was not read; the record reports it)
     * @return the record, or {@code null} for a blank line (skipped, but counted in line numbers)
     */
    public static InputRecord record(long sequence, String file, long number, String text) {
        if (text != null && text.isBlank()) {
            return null;
        }
        return new InputRecord(sequence, InputRecord.Kind.CASE, null,
                List.of(new SourceLine(file, number, text == null ? TOO_LONG : text)));
    }

    /** @return the number of lines (blank ones included), an upper bound of the records */
    @Override
    public long total() {
        return total;
    }

    @Override
    public void close() throws IOException {
        lines.close();
    }

    /** Text that stands for a line that was too long to read; not JSON, so it is reported. */
    static final String TOO_LONG = "\u0000too-long";
}
