package org.twitchtriage.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.twitchtriage.audit.AuditFixtures.lines;
import static org.twitchtriage.audit.AuditFixtures.parse;
import static org.twitchtriage.audit.AuditFixtures.record;
import static org.twitchtriage.audit.AuditFixtures.writeLines;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.twitchtriage.validation.Limits;

/**
 * The tampering that the hash chain alone let through, tried by someone who can write the log and its head file but
 * does not hold the audit key: each now gets the verdict that docs/audit.md promises for it. Each test starts from an
 * intact keyed log of six records.
 */
class AuditForgeryTest {
    private static final int RECORDS = 6;

    @TempDir
    Path dir;

    private Path log;
    private Path head;

    @BeforeEach
    void writeIntactLog() {
        log = dir.resolve("audit.jsonl");
        head = AuditLog.headOf(log);
        try (JsonLinesAuditSink sink = JsonLinesAuditSink.open(log, JsonLinesAuditSink.Durability.FLUSH,
                AuditFixtures.KEY)) {
            for (int i = 1; i <= RECORDS; i++) {
                sink.write(record("decision-" + i));
            }
        }
    }

    private AuditLogVerifier.Report verify() {
        return AuditLogVerifier.verify(log, AuditFixtures.KEY, null);
    }

    /** Recomputes sequence, previousHash and hash from line {@code from} (0-based) on, as a forger without the key. */
    private static List<String> rechain(List<String> lines, int from, UnaryOperator<ObjectNode> macOf) {
        List<String> out = new ArrayList<>(lines.subList(0, from));
        String previous = from == 0 ? AuditLog.GENESIS : parse(lines.get(from - 1)).get("hash").asText();
        for (int i = from; i < lines.size(); i++) {
            ObjectNode line = parse(lines.get(i));
            line.put("sequence", i + 1);
            line.put("previousHash", previous);
            line.put("hash", AuditLog.hashOf(line));
            macOf.apply(line);
            previous = line.get("hash").asText();
            out.add(CanonicalJson.write(line));
        }
        return out;
    }

    /** Rebuilds the head file from the log's last line, as a forger without the key can: format-1 style or guessed. */
    private void rebuildHead(List<String> lines, String mac) throws IOException {
        String last = lines.isEmpty() ? AuditLog.GENESIS : parse(lines.get(lines.size() - 1)).get("hash").asText();
        long length = lines.stream().mapToLong(l -> l.getBytes(StandardCharsets.UTF_8).length + 1L).sum();
        Files.writeString(head, new Checkpoint(lines.size(), last, length, mac).toJson());
    }

    @Test
    @DisplayName("a record edited, the chain recomputed from there and the head rebuilt: the edited line's MAC fails")
    void rechainedEdit_isDetected() throws IOException {
        List<String> lines = lines(log);
        lines.set(2, lines.get(2).replace("\"highestUrgency\":\"ROUTINE\"", "\"highestUrgency\":\"URGENT\""));
        List<String> forged = rechain(lines, 2, l -> l);
        writeLines(log, forged);
        rebuildHead(forged, parse(forged.get(RECORDS - 1)).get("mac").asText());

        AuditLogVerifier.Report report = verify();

        assertThat(report.valid()).isFalse();
        assertThat(report.brokenLine()).isEqualTo(3);
        assertThat(report.problem()).contains("MAC does not match");
        assertThat(AuditLogVerifier.verify(log).valid()).as("without the key only consistency is checked").isTrue();
    }

    @Test
    @DisplayName("a record deleted from the middle and the rest re-chained: the first re-chained line's MAC fails")
    void rechainedDeletion_isDetected() throws IOException {
        List<String> lines = lines(log);
        lines.remove(1);
        List<String> forged = rechain(lines, 1, l -> l);
        writeLines(log, forged);
        rebuildHead(forged, null);

        assertThat(verify().brokenLine()).isEqualTo(2);
        assertThat(verify().problem()).contains("MAC does not match");
    }

    @Test
    @DisplayName("the MACs stripped from every line (a downgrade to the unkeyed format) and a format-1 head written: "
            + "the verdict names the older unkeyed format, and an exported checkpoint breaks")
    void downgradeToUnkeyed_isVisibleAndCaughtByCheckpoint() throws IOException {
        Checkpoint exported = Checkpoint.read(head);
        List<String> forged = rechain(lines(log), 0, l -> {
            l.remove("mac");
            return l;
        });
        writeLines(log, forged);
        Files.writeString(head, new Checkpoint(RECORDS, parse(forged.get(RECORDS - 1)).get("hash").asText(), -1,
                null).toJson());

        AuditLogVerifier.Report report = verify();
        assertThat(report.format()).isEqualTo(AuditLogVerifier.Format.UNKEYED_V1);
        assertThat(report.toString()).contains("older unkeyed format 1");
        AuditLogVerifier.Report withCheckpoint = AuditLogVerifier.verify(log, AuditFixtures.KEY, exported);
        assertThat(withCheckpoint.valid()).isFalse();
        assertThat(withCheckpoint.problem()).contains("the exported checkpoint").contains("rewritten");
    }

    @Test
    @DisplayName("a forged record appended with a correct hash and chain, the head rebuilt: its MAC fails")
    void appendedForgedRecord_isDetected() throws IOException {
        List<String> lines = new ArrayList<>(lines(log));
        ObjectNode forged = parse(lines.get(RECORDS - 1));
        forged.put("decisionId", "forged");
        lines.add(CanonicalJson.write(forged));
        List<String> chained = rechain(lines, RECORDS, l -> l);
        writeLines(log, chained);
        rebuildHead(chained, null);

        AuditLogVerifier.Report report = verify();

        assertThat(report.brokenLine()).isEqualTo(RECORDS + 1);
        assertThat(report.problem()).contains("MAC does not match");
    }

    @Test
    @DisplayName("a forged record appended with a made-up MAC, the head file left alone: its MAC fails")
    void appendedRecordWithMadeUpMac_isDetected() {
        List<String> lines = new ArrayList<>(lines(log));
        ObjectNode forged = parse(lines.get(RECORDS - 1));
        forged.put("decisionId", "forged");
        lines.add(CanonicalJson.write(forged));
        writeLines(log, rechain(lines, RECORDS, l -> l.put("mac", "ab".repeat(32))));

        assertThat(verify().brokenLine()).isEqualTo(RECORDS + 1);
    }

    @Test
    @DisplayName("the last records removed and the head rebuilt to match: the head's MAC fails")
    void truncationWithRebuiltHead_isDetected() throws IOException {
        List<String> kept = lines(log).subList(0, 3);
        writeLines(log, kept);
        rebuildHead(kept, parse(kept.get(2)).get("mac").asText());

        AuditLogVerifier.Report report = verify();

        assertThat(report.valid()).isFalse();
        assertThat(report.problem()).contains("head file's MAC does not match");
    }

    @Test
    @DisplayName("the last records removed and the head file removed: reported as a missing head file")
    void truncationWithoutHead_isDetected() throws IOException {
        writeLines(log, lines(log).subList(0, 3));
        Files.delete(head);

        assertThat(verify().problem()).contains("head file is missing");
    }

    @Test
    @DisplayName("the last records removed and an older, genuine head file put back: not detectable from the log "
            + "alone, detected against a checkpoint exported after those records")
    void truncationWithOlderHead_isDetectedByExportedCheckpoint() throws IOException {
        Path older = dir.resolve("older.head");
        Path live = dir.resolve("live.jsonl");
        Checkpoint exported;
        try (JsonLinesAuditSink sink = JsonLinesAuditSink.open(live, JsonLinesAuditSink.Durability.FLUSH,
                AuditFixtures.KEY)) {
            for (int i = 1; i <= 3; i++) {
                sink.write(record("decision-" + i));
            }
            Files.copy(AuditLog.headOf(live), older);   // a backup keeps this genuine head
            for (int i = 4; i <= RECORDS; i++) {
                sink.write(record("decision-" + i));
            }
            exported = sink.checkpoint();                // the operator exports this one
        }
        writeLines(live, lines(live).subList(0, 3));
        Files.copy(older, AuditLog.headOf(live), java.nio.file.StandardCopyOption.REPLACE_EXISTING);

        assertThat(AuditLogVerifier.verify(live, AuditFixtures.KEY, null).valid())
                .as("the threat model's stated limit: a genuine older head matches the truncated log").isTrue();
        AuditLogVerifier.Report report = AuditLogVerifier.verify(live, AuditFixtures.KEY, exported);
        assertThat(report.valid()).isFalse();
        assertThat(report.problem()).contains("ends after record 3")
                .contains("the exported checkpoint records " + RECORDS + " records");
    }

    @Test
    @DisplayName("the head file replaced by one without a MAC: reported")
    void headWithoutMac_isDetected() throws IOException {
        Checkpoint genuine = Checkpoint.read(head);
        Files.writeString(head, new Checkpoint(genuine.records(), genuine.lastHash(), -1, null).toJson());

        assertThat(verify().problem()).contains("head file has no MAC");
    }

    @Test
    @DisplayName("a whole log and head written under another key: every MAC fails from line 1")
    void logUnderAnotherKey_isDetected() throws IOException {
        Path other = dir.resolve("other.jsonl");
        try (JsonLinesAuditSink sink = JsonLinesAuditSink.open(other, JsonLinesAuditSink.Durability.FLUSH,
                AuditFixtures.OTHER_KEY)) {
            sink.write(record("decision-1"));
        }
        Files.copy(other, log, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.copy(AuditLog.headOf(other), head, java.nio.file.StandardCopyOption.REPLACE_EXISTING);

        assertThat(verify().brokenLine()).isEqualTo(1);
        assertThat(verify().problem()).contains("MAC does not match");
    }

    @Test
    @DisplayName("a line without a MAC inserted into a keyed log: reported as a downgrade")
    void unkeyedLineInKeyedLog_isDetected() {
        List<String> lines = new ArrayList<>(lines(log));
        ObjectNode plain = parse(lines.get(RECORDS - 1));
        plain.remove("mac");
        lines.add(CanonicalJson.write(plain));
        writeLines(log, rechain(lines, RECORDS, l -> {
            l.remove("mac");
            return l;
        }));

        assertThat(verify().problem()).contains("without a MAC in a keyed log");
    }

    @Test
    @DisplayName("an exported checkpoint from another log (or forged) is refused by its MAC")
    void forgedExportedCheckpoint_isDetected() {
        Checkpoint genuine = Checkpoint.read(head);
        Checkpoint forged = new Checkpoint(genuine.records(), genuine.lastHash(), genuine.length(), "ab".repeat(32));

        assertThat(AuditLogVerifier.verify(log, AuditFixtures.KEY, forged).problem())
                .contains("exported checkpoint's MAC does not match");
        assertThat(AuditLogVerifier.verify(log, AuditFixtures.KEY, genuine).valid()).isTrue();
    }

    @Test
    @DisplayName("a line longer than the bound of one record: reported without reading it whole")
    void overlongLine_isReported() {
        List<String> lines = new ArrayList<>(lines(log));
        lines.add("{\"x\":\"" + "y".repeat(Limits.MAX_AUDIT_RECORD_BYTES) + "\"}");
        writeLines(log, lines);

        AuditLogVerifier.Report report = verify();

        assertThat(report.brokenLine()).isEqualTo(RECORDS + 1);
        assertThat(report.problem()).contains("longer than the bound");
    }
}
