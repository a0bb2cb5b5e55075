package org.twitchtriage.audit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import org.twitchtriage.validation.Limits;

/**
 * Reads the lines of a log from a channel between two byte offsets, in constant memory: a line longer than
 * {@link Limits#MAX_AUDIT_RECORD_BYTES} is skipped and reported as too long rather than held. Uses positional reads
 * only, so it can share the channel of a running writer. Not thread-safe.
 */
final class LogLines {
    /**
     * One line.
     *
     * @param number     1-based line number from where reading started
     * @param offset     byte offset of its first byte
     * @param end        byte offset just after it (after its newline when terminated)
     * @param text       its text without the newline; {@code null} when too long
     * @param terminated whether a newline ends it (the last line of a cut-off log is not terminated)
     */
    record Line(long number, long offset, long end, String text, boolean terminated) {
        boolean tooLong() {
            return text == null;
        }
    }

    private final FileChannel channel;
    private final long limit;
    private final ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
    private final ByteArrayOutputStream current = new ByteArrayOutputStream();
    private long position;
    private long number;

    LogLines(FileChannel channel, long from, long limit, long firstNumber) {
        this.channel = channel;
        this.position = from;
        this.limit = limit;
        this.number = firstNumber - 1;
        buffer.limit(0);
    }

    /** @return the next line, or {@code null} at the limit */
    Line next() throws IOException {
        long start = position;
        current.reset();
        boolean tooLong = false;
        while (true) {
            if (!buffer.hasRemaining() && !fill()) {
                if (position == start) {
                    return null;
                }
                number++;
                return new Line(number, start, position, tooLong ? null : text(), false);
            }
            byte b = buffer.get();
            position++;
            if (b == '\n') {
                number++;
                return new Line(number, start, position, tooLong ? null : text(), true);
            }
            if (!tooLong) {
                if (current.size() >= Limits.MAX_AUDIT_RECORD_BYTES) {
                    tooLong = true;
                    current.reset();
                } else {
                    current.write(b);
                }
            }
        }
    }

    private String text() {
        return current.toString(StandardCharsets.UTF_8);
    }

    private boolean fill() throws IOException {
        long remaining = limit - position;
        if (remaining <= 0) {
            return false;
        }
        buffer.clear();
        if (remaining < buffer.capacity()) {
            buffer.limit((int) remaining);
        }
        int n = channel.read(buffer, position);
        buffer.flip();
        return n > 0;
    }
}
