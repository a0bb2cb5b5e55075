package org.twitchtriage.audit;

/**
 * Where audit records go. Implementations must be thread-safe: one engine is shared between threads. A sink that
 * cannot store a record throws {@link AuditException}; the evaluation then fails instead of returning a decision.
 */
public interface AuditSink extends AutoCloseable {
    /**
     * Stores one record durably (as configured) before returning.
     *
     * @throws AuditException when the record could not be stored
     */
    void write(AuditRecord record);

    /**
     * Stores one feedback record, in the same way and (for a log) in the same sequence as decision records. The
     * default refuses: a sink written before feedback existed must not drop it silently.
     *
     * @throws AuditException when the record could not be stored, or this sink does not store feedback
     */
    default void writeFeedback(FeedbackRecord record) {
        throw new AuditException("audit sink " + getClass().getSimpleName() + " does not store feedback records");
    }

    /** Releases files or locks. The default does nothing. */
    @Override
    default void close() {
    }
}
