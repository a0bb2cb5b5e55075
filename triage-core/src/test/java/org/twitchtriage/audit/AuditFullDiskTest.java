package org.twitchtriage.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.twitchtriage.audit.AuditFixtures.KEY;
import static org.twitchtriage.audit.AuditFixtures.audited;
import static org.twitchtriage.audit.AuditFixtures.calf;
import static org.twitchtriage.audit.AuditFixtures.engineV1;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real full disk: the audit log lives on a 64 KiB tmpfs, which fills while an audited engine evaluates; then space
 * is freed. Evaluations on the full disk must be refused with {@link AuditException} (no decision handed out), no
 * acknowledged record may be lost, and after freeing space the same engine and a newly opened log must accept records
 * again and verify (no wedged log). Two rounds: the second fills the disk again after the first recovery.
 *
 * <p>Mounting needs root. In the {@code audit-crash} profile ({@code twitchtriage.audit.requireFullDisk=true}) the
 * test is required and fails when it cannot mount; otherwise it is skipped with one "SKIPPED: ..." line when the user
 * is not root or the mount is refused. The counts go to {@code target/audit-full-disk-report.txt}.
 */
class AuditFullDiskTest {
    private static final String SIZE = "64k";
    private static final long LOG_ROOM = 16 * 1024;

    @TempDir
    Path dir;

    @Test
    @DisplayName("a real full disk (64 KiB tmpfs): evaluations refused cleanly, nothing acknowledged lost, "
            + "the log opens again, verifies and accepts records once space is freed")
    void realFullDisk_refusesCleanlyAndRecovers() throws Exception {
        Path disk = Files.createDirectories(dir.resolve("disk"));
        mountOrSkip(disk);
        try {
            Path log = disk.resolve("audit.jsonl");
            Path filler = disk.resolve("filler");
            List<String> acknowledged = new ArrayList<>();
            int refused = 0;
            int writtenAfterFreeing = 0;
            long recoveries = 0;
            for (int round = 0; round < 2; round++) {
                // leave about 16 KiB for the log, so that it fills after some records
                long free = Files.getFileStore(disk).getUsableSpace();
                Files.write(filler, new byte[(int) Math.max(0, free - LOG_ROOM)]);
                try (AuditedTriageEngine engine = audited(engineV1())
                        .decisionIds(AuditFixtures.ids("round" + round))
                        .sink(JsonLinesAuditSink.open(log, JsonLinesAuditSink.Durability.FSYNC, KEY)).build()) {
                    int failuresInARow = 0;
                    for (int i = 0; i < 500 && failuresInARow < 5; i++) {
                        try {
                            acknowledged.add(engine.evaluate(calf()).record().decisionId());
                            failuresInARow = 0;
                        } catch (AuditException e) {
                            refused++;
                            failuresInARow++;
                            assertThat(e).as("refused as a full disk, not as too large")
                                    .isNotInstanceOf(AuditRecordTooLargeException.class);
                            assertThat(e.getMessage()).as("a named error").isNotBlank();
                        }
                    }
                    assertThat(failuresInARow).as("round %d: the disk filled up", round).isEqualTo(5);
                    assertPresent(log, acknowledged);

                    Files.delete(filler);
                    acknowledged.add(engine.evaluate(calf()).record().decisionId());
                    writtenAfterFreeing++;
                }
                try (AuditedTriageEngine reopened = audited(engineV1())
                        .decisionIds(AuditFixtures.ids("reopened" + round))
                        .sink(JsonLinesAuditSink.open(log, JsonLinesAuditSink.Durability.FSYNC, KEY)).build()) {
                    acknowledged.add(reopened.evaluate(calf()).record().decisionId());
                    writtenAfterFreeing++;
                }
                AuditLogVerifier.Report report = AuditLogVerifier.verify(log, KEY, null);
                assertThat(report.valid()).as("round %d: %s", round, report).isTrue();
                recoveries = report.recoveries();
                assertPresent(log, acknowledged);
            }
            String counts = "full disk (tmpfs " + SIZE + ", 2 rounds): " + acknowledged.size()
                    + " records acknowledged, 0 lost; " + refused + " evaluations refused with AuditException; "
                    + writtenAfterFreeing + " of " + writtenAfterFreeing + " writes after freeing space accepted "
                    + "(0 wedged); " + recoveries + " RECOVERED records; log valid with the key";
            System.out.println(counts);
            Files.writeString(Path.of(System.getProperty("basedir", "."), "target", "audit-full-disk-report.txt"),
                    counts + "\n", StandardCharsets.UTF_8);
            assertThat(refused).isPositive();
        } finally {
            run("umount", disk.toString());
        }
    }

    private static void assertPresent(Path log, List<String> acknowledged) throws IOException {
        String text = Files.readString(log, StandardCharsets.UTF_8);
        for (String id : acknowledged) {
            assertThat(text).as("acknowledged record %s is in the log", id).contains("\"" + id + "\"");
        }
    }

    private static void mountOrSkip(Path disk) throws Exception {
        boolean required = Boolean.getBoolean("twitchtriage.audit.requireFullDisk");
        String uid = run("id", "-u");
        String mount = uid.strip().equals("0")
                ? run("mount", "-t", "tmpfs", "-o", "size=" + SIZE, "tmpfs", disk.toString()) : null;
        if (mount == null || !mount.isEmpty()) {
            String why = mount == null ? "not root (uid " + uid.strip() + ")" : "mount failed: " + mount.strip();
            if (required) {
                fail("the full-disk test is required in this profile but cannot mount a tmpfs: " + why);
            }
            System.out.println("SKIPPED: real full-disk test (needs root to mount a " + SIZE + " tmpfs): " + why);
            Assumptions.abort(why);
        }
    }

    /** @return the output of a command that exited 0, empty for a mount; otherwise its error output (never empty) */
    private static String run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return "timed out: " + String.join(" ", command);
        }
        return p.exitValue() == 0 ? out : "exit " + p.exitValue() + ": " + out;
    }
}
