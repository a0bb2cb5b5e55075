package org.twitchtriage.audit;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Run in a separate JVM by {@link AuditCrashTest} and killed there at a random moment: opens the log named by its
 * first argument (recovering it), then writes records without end, printing {@code ACK id;} on its own line after each
 * {@code write} has returned, that is after the record was acknowledged. The second argument prefixes the ids, the
 * third is {@code FLUSH} or {@code FSYNC}.
 */
public final class CrashWriter {
    private CrashWriter() {
    }

    public static void main(String[] args) {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        JsonLinesAuditSink sink = JsonLinesAuditSink.open(Path.of(args[0]),
                JsonLinesAuditSink.Durability.valueOf(args[2]), AuditFixtures.KEY);
        out.println("OPEN");
        for (long i = 1; ; i++) {
            String id = args[1] + "-" + i;
            sink.write(AuditFixtures.record(id));
            out.println("ACK " + id + ";");
        }
    }
}
