package org.twitchtriage.audit;

/**
 * An audit record was larger than {@link AuditLog#MAX_LINE_BYTES} once written as a line. Nothing was written: the
 * evaluation fails (its decision is not returned) and the log stays usable for the next record.
 */
public final class AuditRecordTooLargeException extends AuditException {
    private static final long serialVersionUID = 1L;

    AuditRecordTooLargeException(long bytes) {
        super("the audit record would take " + bytes + " bytes, more than the bound of " + AuditLog.MAX_LINE_BYTES
                + " bytes for one record; nothing was written and the decision is not returned");
    }
}
