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

    /** Releases files or locks. The default does nothing. */
    @Override
    default void close() {
    }
}
