package org.twitchtriage.audit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.twitchtriage.validation.Limits;

/**
 * A line chained by {@link JsonLinesAuditSink} and waiting in its queue to be written with the next batch. The
 * writing thread completes it ({@link #done}: written and forced as configured, or {@link #failure} when its batch
 * failed); its own writer reads the outcome after taking the sink's file lock, which orders the two, and then makes
 * sure the head file covers its {@link #sequence}.
 */
final class PendingLine {
    final byte[] line;
    final long sequence;
    final String hash;
    final String what;
    boolean done;
    AuditException failure;

    /**
     * @param line     the encoded line with its final newline
     * @param sequence the line's sequence number in the chain
     * @param hash     the line's hash, the next line's previous hash
     * @param what     what the line is, for messages ("audit record", "feedback record")
     */
    PendingLine(byte[] line, long sequence, String hash, String what) {
        this.line = line;
        this.sequence = sequence;
        this.hash = hash;
        this.what = what;
    }

    /** Completes a line with its place in the chain, hash and MAC and encodes it; too large: nothing is queued. */
    static PendingLine chain(ObjectNode line, long previousRecords, String previousHash, AuditKeys keys,
                             String what) {
        line.put("sequence", previousRecords + 1);
        line.put("previousHash", previousHash);
        String hash = AuditLog.hashOf(line);
        line.put("hash", hash);
        line.put("mac", AuditLog.macOf(keys, hash));
        byte[] bytes = CanonicalJson.write(line).getBytes(StandardCharsets.UTF_8);
        if (bytes.length > Limits.MAX_AUDIT_RECORD_BYTES) {
            throw new AuditRecordTooLargeException(bytes.length);
        }
        byte[] withNewline = Arrays.copyOf(bytes, bytes.length + 1);
        withNewline[bytes.length] = '\n';
        return new PendingLine(withNewline, previousRecords + 1, hash, what);
    }

    /** Completes lines as failed with the given failure. */
    static void fail(List<PendingLine> pending, AuditException failure) {
        for (PendingLine p : pending) {
            p.done = true;
            p.failure = failure;
        }
    }

    /** Completes queued lines as failed because a line before them in the chain could not be written. */
    static void fail(List<PendingLine> pending, String log) {
        for (PendingLine p : pending) {
            p.done = true;
            p.failure = new AuditException(log + " refused the " + p.what + ": an earlier record could not be "
                    + "written; the next write recovers first");
        }
    }
}
