package org.twitchtriage.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.twitchtriage.audit.AuditFixtures.CLOCK;
import static org.twitchtriage.audit.AuditFixtures.calf;
import static org.twitchtriage.audit.AuditFixtures.engineV1;
import static org.twitchtriage.audit.AuditFixtures.lines;
import static org.twitchtriage.audit.AuditFixtures.parse;
import static org.twitchtriage.audit.AuditFixtures.record;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.twitchtriage.validation.Limits;

/**
 * A log left unfinished (a torn last line, records after the head's checkpoint, a full disk) opens again, recovers
 * on its own and says so; a record over the bound is refused without harming the log; verifying a log while it is
 * written never reports a false break.
 */
class AuditRecoveryTest {
    private static final AuditKeys KEYS = AuditKeys.of(AuditFixtures.KEY);

    @TempDir
    Path dir;

    private JsonLinesAuditSink open(Path log) {
        return JsonLinesAuditSink.open(log, JsonLinesAuditSink.Durability.FLUSH, AuditFixtures.KEY);
    }

    private static AuditLogVerifier.Report verify(Path log) {
        return AuditLogVerifier.verify(log, AuditFixtures.KEY, null);
    }

    @Test
    @DisplayName("a torn last line (a crash mid-write) is moved to a quarantine file named in a RECOVERED record")
    void tornTail_isQuarantinedAndRecorded() throws IOException {
        Path log = dir.resolve("audit.jsonl");
        try (JsonLinesAuditSink sink = open(log)) {
            sink.write(record("one"));
            sink.write(record("two"));
        }
        String torn = "{\"decisionId\":\"half-writ";
        Files.writeString(log, torn, StandardOpenOption.APPEND);
        assertThat(verify(log).valid()).as("a torn tail after the head is not a break").isTrue();
        assertThat(verify(log).note()).contains("unterminated last line of " + torn.length() + " bytes");

        try (JsonLinesAuditSink sink = open(log)) {
            sink.write(record("three"));
        }

        List<String> lines = lines(log);
        assertThat(lines).hasSize(4);
        JsonNode recovered = parse(lines.get(2));
        assertThat(recovered.get("recordType").asText()).isEqualTo("RECOVERED");
        assertThat(recovered.get("quarantinedBytes").asLong()).isEqualTo(torn.length());
        assertThat(recovered.get("reason").asText()).contains("line 3: an unterminated last line");
        Path quarantine = dir.resolve(recovered.get("quarantineFile").asText());
        assertThat(Files.readString(quarantine)).isEqualTo(torn);
        AuditLogVerifier.Report report = verify(log);
        assertThat(report.valid()).as(report.toString()).isTrue();
        assertThat(report.recoveries()).isEqualTo(1);
        assertThat(report.toString()).contains("1 automatic recovery record");
    }

    @Test
    @DisplayName("a record written after the head's checkpoint (a crash before the head was replaced) is kept, "
            + "without a recovery record")
    void recordAfterCheckpoint_isTakenOver() throws IOException {
        Path log = dir.resolve("audit.jsonl");
        Path saved = dir.resolve("saved.head");
        try (JsonLinesAuditSink sink = open(log)) {
            sink.write(record("one"));
            Files.copy(AuditLog.headOf(log), saved);
            sink.write(record("two"));
        }
        Files.copy(saved, AuditLog.headOf(log), java.nio.file.StandardCopyOption.REPLACE_EXISTING);

        try (JsonLinesAuditSink sink = open(log)) {
            sink.write(record("three"));
        }

        assertThat(lines(log)).hasSize(3).noneMatch(l -> l.contains("RECOVERED"));
        assertThat(Checkpoint.read(AuditLog.headOf(log)).records()).isEqualTo(3);
        assertThat(verify(log).valid()).isTrue();
    }

    @Test
    @DisplayName("opening reads the checkpointed end, not the whole log: damage before the checkpoint is left to "
            + "verify")
    void open_readsFromTheCheckpoint() throws IOException {
        Path log = dir.resolve("audit.jsonl");
        try (JsonLinesAuditSink sink = open(log)) {
            sink.write(record("one"));
            sink.write(record("two"));
        }
        byte[] bytes = Files.readAllBytes(log);
        bytes[10] = (byte) (bytes[10] == 'a' ? 'b' : 'a');
        Files.write(log, bytes);

        open(log).close();

        assertThat(lines(log)).hasSize(2);
        assertThat(verify(log).brokenLine()).isEqualTo(1);
    }

    @Test
    @DisplayName("a record over the bound is refused by name before anything is written, and the log stays usable")
    void oversizedRecord_isRefusedAndTheLogStaysUsable() throws IOException {
        Path log = dir.resolve("audit.jsonl");
        try (JsonLinesAuditSink sink = open(log)) {
            sink.write(record("one"));
            long before = Files.size(log);

            assertThatThrownBy(() -> sink.write(record("x".repeat(Limits.MAX_AUDIT_RECORD_BYTES))))
                    .isInstanceOf(AuditRecordTooLargeException.class)
                    .hasMessageContaining("bound of " + Limits.MAX_AUDIT_RECORD_BYTES + " bytes")
                    .hasMessageNotContaining("xxxx");
            assertThat(Files.size(log)).isEqualTo(before);

            sink.write(record("two"));
        }
        assertThat(verify(log).records()).isEqualTo(2);
    }

    @Test
    @DisplayName("an evaluation whose record is over the bound fails cleanly; the next one is audited")
    void oversizedRecord_failsTheEvaluationOnly() {
        Path log = dir.resolve("audit.jsonl");
        AtomicInteger n = new AtomicInteger();
        try (AuditedTriageEngine audited = AuditedTriageEngine.builder(engineV1()).clock(CLOCK)
                .pseudonymKey(AuditFixtures.KEY).sink(open(log))
                .decisionIds(() -> n.incrementAndGet() == 1
                        ? "y".repeat(Limits.MAX_AUDIT_RECORD_BYTES) : "d-" + n.get())
                .build()) {
            assertThatThrownBy(() -> audited.evaluate(calf())).isInstanceOf(AuditRecordTooLargeException.class);
            assertThat(audited.evaluate(calf()).record().decisionId()).isEqualTo("d-2");
        }
        assertThat(verify(log).records()).isEqualTo(1);
    }

    @Test
    @DisplayName("a full disk at every possible byte: writes fail cleanly, no log is wedged, and once space is freed "
            + "every acknowledged record is there and the log verifies")
    void fullDisk_neverWedgesTheLog() throws IOException {
        List<String> wedged = new ArrayList<>();
        long recoveries = 0;
        for (int budget = 0; budget < 2400; budget += 37) {
            Path log = dir.resolve("disk-" + budget + ".jsonl");
            DiskBudget disk = new DiskBudget(budget);
            List<String> acknowledged = new ArrayList<>();
            JsonLinesAuditSink sink = null;
            for (int attempt = 0; attempt < 4 && sink == null; attempt++) {
                try {
                    sink = JsonLinesAuditSink.open(log, JsonLinesAuditSink.Durability.FSYNC, KEYS, disk);
                } catch (AuditException e) {
                    disk.set(budget * attempt + 500L);
                }
            }
            assertThat(sink).as("opens again once there is space").isNotNull();
            for (int i = 0; i < 6; i++) {
                try {
                    sink.write(record("r" + budget + "-" + i));
                    acknowledged.add("r" + budget + "-" + i);
                } catch (AuditException e) {
                    assertThat(e).isNotInstanceOf(AuditRecordTooLargeException.class);
                }
            }
            disk.set(Long.MAX_VALUE);
            try {
                sink.write(record("after-" + budget));
                acknowledged.add("after-" + budget);
            } catch (AuditException e) {
                wedged.add(budget + ": " + e.getMessage());
            }
            sink.close();
            AuditLogVerifier.Report report = verify(log);
            assertThat(report.valid()).as(budget + ": " + report).isTrue();
            recoveries += report.recoveries();
            String text = Files.readString(log, StandardCharsets.UTF_8);
            for (String id : acknowledged) {
                assertThat(text).as("acknowledged record " + id).contains("\"" + id + "\"");
            }
        }
        assertThat(wedged).isEmpty();
        assertThat(recoveries).as("some budgets ended inside a line, which was moved aside").isPositive();
        System.out.println("full-disk test: 0 wedged, " + recoveries + " RECOVERED records");
    }

    @Test
    @DisplayName("verify while another thread writes: never a false BROKEN")
    void verifyDuringWrites_neverFalselyBroken() throws Exception {
        Path log = dir.resolve("audit.jsonl");
        AtomicBoolean done = new AtomicBoolean();
        try (JsonLinesAuditSink sink = open(log)) {
            Thread writer = new Thread(() -> {
                for (int i = 0; i < 400; i++) {
                    sink.write(record("w-" + i));
                }
                done.set(true);
            });
            writer.start();
            int checks = 0;
            while (!done.get() || checks < 20) {
                AuditLogVerifier.Report report = verify(log);
                assertThat(report.valid()).as(report.toString()).isTrue();
                checks++;
            }
            writer.join();
            sink.write(record("last"));
        }
        assertThat(verify(log).records()).isEqualTo(401);
    }
}
