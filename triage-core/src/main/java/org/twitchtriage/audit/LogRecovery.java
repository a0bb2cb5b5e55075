package org.twitchtriage.audit;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.twitchtriage.validation.Limits;

/**
 * Finds where a log's valid records end when a sink opens it, or reopens it after a failed write. The log is the
 * truth: the head file is a checkpoint that lets this start near the end (reading only the last record and what was
 * appended after the checkpoint); when the head file is missing, damaged, forged or does not match the log, the whole
 * log is scanned. Whatever follows the last valid record (a line cut off by a crash or a full disk, garbage) is the
 * tail that the sink moves aside. Stateless.
 */
final class LogRecovery {
    private LogRecovery() {
    }

    /**
     * What a scan found.
     *
     * @param chain     the chain after the last valid record
     * @param validEnd  byte offset just after the last valid record
     * @param size      the log's size when scanned; bytes from {@code validEnd} to here are the tail
     * @param headFresh whether the head file already states exactly this end
     * @param reason    why a recovery is needed (tail or head disagreement), or {@code null} when none is
     */
    record Scan(ChainState chain, long validEnd, long size, boolean headFresh, String reason) {
    }

    /**
     * @throws AuditException when the log is of the older unkeyed format (it is never appended to)
     * @throws IOException    when the log cannot be read
     */
    static Scan scan(Path file, FileChannel channel, AuditKeys keys) throws IOException {
        long size = channel.size();
        Checkpoint head;
        String headProblem = null;
        try {
            head = Checkpoint.read(AuditLog.headOf(file));
        } catch (AuditException e) {
            head = null;
            headProblem = "the head file was damaged";
        }
        if (head != null && head.mac() == null && (size > 0 || head.records() > 0)) {
            throw olderFormat(file);
        }
        ChainState chain;
        long from;
        if (head != null && head.authentic(keys) && head.length() >= 0 && head.length() <= size
                && endsAt(channel, head, keys)) {
            chain = new ChainState(head.records(), head.lastHash(), true);
            from = head.length();
        } else {
            if (headProblem == null && !(head == null && size == 0)) {
                headProblem = head == null ? "the head file was missing"
                        : !head.authentic(keys) ? "the head file's MAC did not match the audit key"
                        : head.length() > size ? "the log was shorter than its head file states (" + head.records()
                        + " records, " + head.length() + " bytes)"
                        : "the log's record at the end stated by its head file did not match it";
            }
            chain = new ChainState(0, AuditLog.GENESIS, null);
            from = 0;
        }
        LogLines lines = new LogLines(channel, from, size, chain.records() + 1);
        long validEnd = from;
        String tailProblem = null;
        for (LogLines.Line line = lines.next(); line != null; line = lines.next()) {
            String problem = line.terminated() ? chain.accept(line.text(), keys) : "an unterminated last line";
            if (problem == null && Boolean.FALSE.equals(chain.keyed())) {
                throw olderFormat(file);
            }
            if (ChainState.MAC_MISMATCH.equals(problem) && line.number() == 1) {
                // never move a whole log aside because it was opened with another key
                throw new AuditException("audit log " + file.getFileName() + " was not written with this audit key "
                        + "(the MAC of its first record does not match); nothing was changed");
            }
            if (problem != null) {
                tailProblem = "line " + line.number() + ": " + problem;
                break;
            }
            validEnd = line.end();
        }
        String reason = headProblem;
        if (tailProblem != null) {
            reason = (reason == null ? "" : reason + "; ") + (size - validEnd) + " bytes after the last valid record ("
                    + tailProblem + ")";
        }
        boolean headFresh = head != null && headProblem == null && head.length() == validEnd;
        return new Scan(chain, validEnd, size, headFresh, reason);
    }

    private static AuditException olderFormat(Path file) {
        return new AuditException("audit log " + file.getFileName() + " is of the older unkeyed format (no MACs): "
                + "it can still be verified but is not appended to; start a new log");
    }

    /** @return whether the record that ends at the checkpoint's length is the one it names */
    private static boolean endsAt(FileChannel channel, Checkpoint head, AuditKeys keys) throws IOException {
        if (head.records() == 0) {
            return head.length() == 0 && AuditLog.GENESIS.equals(head.lastHash());
        }
        long end = head.length();
        int window = 8192;
        while (true) {
            int n = (int) Math.min(end, Math.min(window, Limits.MAX_AUDIT_RECORD_BYTES + 2L));
            ByteBuffer buffer = ByteBuffer.allocate(n);
            while (buffer.hasRemaining() && channel.read(buffer, end - n + buffer.position()) > 0) {
                // positional reads until the window is full
            }
            byte[] bytes = buffer.array();
            if (buffer.position() < n || n == 0 || bytes[n - 1] != '\n') {
                return false;
            }
            int start = n - 2;
            while (start >= 0 && bytes[start] != '\n') {
                start--;
            }
            if (start < 0 && n < end && n < Limits.MAX_AUDIT_RECORD_BYTES + 2L) {
                window *= 8;
                continue;
            }
            if (start < 0 && n < end) {
                return false;
            }
            JsonNode node = AuditLog.parse(new String(bytes, start + 1, n - start - 2, StandardCharsets.UTF_8));
            return node != null && node.path("sequence").asLong(-1) == head.records()
                    && head.lastHash().equals(node.path("hash").asText())
                    && head.lastHash().equals(AuditLog.hashOf(node))
                    && keys.matches(AuditLog.RECORD_DOMAIN, head.lastHash(), node.path("mac").asText(null));
        }
    }
}
