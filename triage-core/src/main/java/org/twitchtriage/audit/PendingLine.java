package org.twitchtriage.audit;

import java.util.List;

/**
 * A line chained by {@link JsonLinesAuditSink} and waiting in its queue to be written with the next batch. The
 * writing thread completes it ({@link #done}, and {@link #failure} when its batch failed); its own writer reads the
 * outcome after taking the sink's file lock, which orders the two.
 */
final class PendingLine {
    final byte[] line;
    final String hash;
    final String what;
    boolean done;
    AuditException failure;

    /**
     * @param line the encoded line with its final newline
     * @param hash the line's hash, the next line's previous hash
     * @param what what the line is, for messages ("audit record", "feedback record")
     */
    PendingLine(byte[] line, String hash, String what) {
        this.line = line;
        this.hash = hash;
        this.what = what;
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
