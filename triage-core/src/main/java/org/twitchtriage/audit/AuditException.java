package org.twitchtriage.audit;

/**
 * An audit record could not be written, or an audit log could not be read. When writing fails, the evaluation fails
 * with this exception and its decision is not returned: no decision leaves the library unaudited.
 */
public class AuditException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public AuditException(String message) {
        super(message);
    }

    public AuditException(String message, Throwable cause) {
        super(message, cause);
    }
}
