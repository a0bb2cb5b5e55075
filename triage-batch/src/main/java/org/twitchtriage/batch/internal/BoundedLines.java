package org.twitchtriage.batch.internal;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads UTF-8 lines ({@code \n} or {@code \r\n}) from a file without ever holding more than the line bound in memory:
 * a longer line is skipped to its end and returned as too long, so one bad line cannot exhaust the heap. Not
 * thread-safe.
 */
public final class BoundedLines implements Closeable {
    /** The longest line read, in bytes: 4 MiB (one patient's resource or one case file is far smaller). */
    public static final int MAX_LINE_BYTES = 4 << 20;

    /** A line read: its 1-based number and text, or {@code null} text when it was longer than the bound. */
    public record Line(long number, String text) {
        /** @return whether the line was longer than the bound and skipped */
        public boolean tooLong() {
            return text == null;
        }
    }

    private final InputStream in;
    private final int maxBytes;
    private final byte[] buffer = new byte[1 << 16];
    private final ByteArrayOutputStream current = new ByteArrayOutputStream();
    private int pos;
    private int limit;
    private long number;

    /**
     * @param file     the file
     * @param maxBytes the longest line kept
     * @throws IOException when it cannot be opened
     */
    public BoundedLines(Path file, int maxBytes) throws IOException {
        this.in = Files.newInputStream(file);
        this.maxBytes = maxBytes;
    }

    /**
     * @return the next line, or {@code null} at the end of the file
     * @throws IOException when reading fails
     */
    public Line next() throws IOException {
        current.reset();
        boolean tooLong = false;
        boolean any = false;
        while (true) {
            if (pos == limit) {
                limit = in.read(buffer);
                pos = 0;
                if (limit <= 0) {
                    limit = 0;
                    if (!any) {
                        return null;
                    }
                    return finish(tooLong);
                }
            }
            any = true;
            int start = pos;
            while (pos < limit && buffer[pos] != '\n') {
                pos++;
            }
            int length = pos - start;
            if (!tooLong && current.size() + length > maxBytes) {
                tooLong = true;
                current.reset();
            }
            if (!tooLong) {
                current.write(buffer, start, length);
            }
            if (pos < limit) {
                pos++;  // the '\n'
                return finish(tooLong);
            }
        }
    }

    private Line finish(boolean tooLong) {
        number++;
        if (tooLong) {
            return new Line(number, null);
        }
        String text = current.toString(StandardCharsets.UTF_8);
        if (text.endsWith("\r")) {
            text = text.substring(0, text.length() - 1);
        }
        return new Line(number, text);
    }

    /**
     * Counts the lines of a file quickly, for progress display.
     *
     * @param file the file
     * @return the number of line ends, plus one when the last line has none
     * @throws IOException when it cannot be read
     */
    public static long count(Path file) throws IOException {
        long lines = 0;
        boolean open = false;
        byte[] b = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n = in.read(b); n > 0; n = in.read(b)) {
                for (int i = 0; i < n; i++) {
                    if (b[i] == '\n') {
                        lines++;
                        open = false;
                    } else {
                        open = true;
                    }
                }
            }
        }
        return open ? lines + 1 : lines;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
