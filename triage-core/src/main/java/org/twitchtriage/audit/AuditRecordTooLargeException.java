package org.twitchtriage.audit;

import org.twitchtriage.validation.Limits;

/**
 * An audit record was larger than {@link Limits#MAX_AUDIT_RECORD_BYTES} once written as a line. Nothing was written:
 * the evaluation fails (its decision is not returned) and the log stays usable for the next record.
 */
public final class AuditRecordTooLargeException extends AuditException {
    private static final long serialVersionUID = 1L;

    AuditRecordTooLargeException(long bytes) {
        super("the audit record would take " + bytes + " bytes, more than the bound of "
                + Limits.MAX_AUDIT_RECORD_BYTES
                + " bytes for one record; nothing was written and the decision is not returned");
    }
}
