package org.twitchtriage.audit;

import java.nio.file.Path;

/**
 * Run in a separate JVM by {@link JsonLinesAuditSinkTest}: tries to open the audit log named by its argument, as a
 * second process would. Prints what happened; exits 0 when the log could be opened, 3 when it was refused.
 */
public final class LockProbe {
    static final int OPENED = 0;
    static final int REFUSED = 3;

    private LockProbe() {
    }

    public static void main(String[] args) {
        try {
            JsonLinesAuditSink.open(Path.of(args[0]), JsonLinesAuditSink.Durability.FLUSH, AuditFixtures.KEY).close();
            System.out.println("opened");
            System.exit(OPENED);
        } catch (AuditException e) {
            System.out.println("refused: " + e.getMessage());
            System.exit(REFUSED);
        }
    }
}
