package org.twitchtriage.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
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
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every way of tampering with a written audit log is found by {@link AuditLogVerifier#verify}, and the report names
 * the first broken line. Each test starts from an intact log of five records.
 */
class AuditLogVerifierTest {
    private static final int RECORDS = 5;

    @TempDir
    Path dir;

    private Path log;

    @BeforeEach
    void writeIntactLog() {
        log = dir.resolve("audit.jsonl");
        try (JsonLinesAuditSink sink = JsonLinesAuditSink.open(log, JsonLinesAuditSink.Durability.FLUSH, AuditFixtures.KEY)) {
            for (int i = 1; i <= RECORDS; i++) {
                sink.write(record("decision-" + i));
            }
        }
        assertThat(lines(log)).hasSize(RECORDS);
    }

    private List<String> mutableLines() {
        return new ArrayList<>(lines(log));
    }

    private AuditLogVerifier.Report verify() {
        return AuditLogVerifier.verify(log, AuditFixtures.KEY, null);
    }

    @Test
    @DisplayName("an untouched log is valid and counts every record")
    void intactLog_isValid() {
        AuditLogVerifier.Report report = verify();

        assertThat(report.valid()).isTrue();
        assertThat(report.records()).isEqualTo(RECORDS);
        assertThat(report.brokenLine()).isZero();
        assertThat(report.problem()).isNull();
        assertThat(report).hasToString("valid: 5 records, authenticated with the audit key");
        assertThat(report.format()).isEqualTo(AuditLogVerifier.Format.KEYED);
    }

    @Test
    @DisplayName("a field edited in a middle record: that line no longer matches its hash")
    void editedField_breaksAtThatLine() {
        List<String> lines = mutableLines();
        String edited = lines.get(2).replace("\"highestUrgency\":\"ROUTINE\"", "\"highestUrgency\":\"URGENT\"");
        assertThat(edited).isNotEqualTo(lines.get(2));
        lines.set(2, edited);
        writeLines(log, lines);

        AuditLogVerifier.Report report = verify();

        assertThat(report.valid()).isFalse();
        assertThat(report.brokenLine()).isEqualTo(3);
        assertThat(report.records()).isEqualTo(2);
        assertThat(report.problem()).contains("does not match its hash");
        assertThat(report.toString()).startsWith("BROKEN at line 3: ");
    }

    @Test
    @DisplayName("a middle record edited and given a fresh hash: its MAC fails with the key; without the key the "
            + "chain still breaks at the next line")
    void editedAndRehashed_breaksAtTheNextLine() {
        List<String> lines = mutableLines();
        ObjectNode forged = parse(lines.get(2));
        forged.put("highestUrgency", "URGENT");
        forged.put("hash", AuditLog.hashOf(forged));
        lines.set(2, CanonicalJson.write(forged));
        writeLines(log, lines);

        AuditLogVerifier.Report report = verify();

        assertThat(report.valid()).isFalse();
        assertThat(report.brokenLine()).isEqualTo(3);
        assertThat(report.problem()).contains("MAC does not match");
        AuditLogVerifier.Report keyless = AuditLogVerifier.verify(log);
        assertThat(keyless.brokenLine()).isEqualTo(4);
        assertThat(keyless.records()).isEqualTo(3);
        assertThat(keyless.problem()).contains("previous hash does not match");
    }

    @Test
    @DisplayName("a middle record deleted: the line that moved up has the wrong sequence number")
    void deletedMiddleLine_breaksWhereItWas() {
        List<String> lines = mutableLines();
        lines.remove(2);
        writeLines(log, lines);

        AuditLogVerifier.Report report = verify();

        assertThat(report.valid()).isFalse();
        assertThat(report.brokenLine()).isEqualTo(3);
        assertThat(report.problem()).contains("sequence number 4 where 3 was expected");
    }

    @Test
    @DisplayName("two records swapped: the first of them is reported")
    void swappedLines_breakAtTheFirstOfThem() {
        List<String> lines = mutableLines();
        Collections.swap(lines, 1, 2);
        writeLines(log, lines);

        AuditLogVerifier.Report report = verify();

        assertThat(report.valid()).isFalse();
        assertThat(report.brokenLine()).isEqualTo(2);
        assertThat(report.records()).isEqualTo(1);
        assertThat(report.problem()).contains("reordered");
    }

    @Test
    @DisplayName("the last record cut off half-way: the head file still counts it, so records were removed")
    void truncatedLastLine_isIncomplete() throws IOException {
        String text = Files.readString(log, StandardCharsets.UTF_8);
        int lastLineStart = text.lastIndexOf('\n', text.length() - 2) + 1;
        int middleOfLastLine = lastLineStart + (text.length() - lastLineStart) / 2;
        Files.writeString(log, text.substring(0, middleOfLastLine), StandardCharsets.UTF_8);

        AuditLogVerifier.Report report = verify();

        assertThat(report.valid()).isFalse();
        assertThat(report.brokenLine()).isZero();
        assertThat(report.records()).isEqualTo(RECORDS - 1);
        assertThat(report.problem()).contains("ends after record 4").contains("removed from the end");
    }

    @Test
    @DisplayName("the last two records removed: the chain holds, but the log no longer ends where its head file says")
    void removedLastLines_disagreeWithHeadFile() {
        List<String> lines = mutableLines();
        writeLines(log, lines.subList(0, RECORDS - 2));

        AuditLogVerifier.Report report = verify();

        assertThat(report.valid()).isFalse();
        assertThat(report.brokenLine()).as("the problem is the end of the log, not one line").isZero();
        assertThat(report.records()).isEqualTo(RECORDS - 2);
        assertThat(report.problem()).contains("ends after record 3").contains("records 5 records")
                .contains("removed from the end");
    }

    @Test
    @DisplayName("every record removed: an empty log with a head file that counts five is broken")
    void allLinesRemoved_disagreeWithHeadFile() {
        writeLines(log, List.of());

        AuditLogVerifier.Report report = verify();

        assertThat(report.valid()).isFalse();
        assertThat(report.problem()).contains("ends after record 0").contains("records 5 records");
    }

    @Test
    @DisplayName("the head file deleted: removal at the end can no longer be ruled out, so the log is not valid")
    void deletedHeadFile_isReported() throws IOException {
        Files.delete(JsonLinesAuditSink.headOf(log));

        AuditLogVerifier.Report report = verify();

        assertThat(report.valid()).isFalse();
        assertThat(report.brokenLine()).isZero();
        assertThat(report.problem()).contains("head file").contains("missing");
    }

    @Test
    @DisplayName("a hand-made line appended with a made-up hash: that line is reported")
    void appendedLineWithMadeUpHash_isReported() {
        List<String> lines = mutableLines();
        ObjectNode forged = parse(lines.get(RECORDS - 1));
        forged.put("decisionId", "forged");
        forged.put("sequence", RECORDS + 1);
        forged.put("previousHash", forged.get("hash").asText());
        forged.put("hash", "0".repeat(64));
        lines.add(CanonicalJson.write(forged));
        writeLines(log, lines);

        AuditLogVerifier.Report report = verify();

        assertThat(report.valid()).isFalse();
        assertThat(report.brokenLine()).isEqualTo(RECORDS + 1);
        assertThat(report.records()).isEqualTo(RECORDS);
        assertThat(report.problem()).contains("does not match its hash");
    }

    @Test
    @DisplayName("a hand-made line appended with a correct hash and chain: without the key its MAC is wrong")
    void appendedWellFormedLine_disagreesWithHeadFile() {
        List<String> lines = mutableLines();
        ObjectNode forged = parse(lines.get(RECORDS - 1));
        forged.put("decisionId", "forged");
        forged.put("sequence", RECORDS + 1);
        forged.put("previousHash", forged.get("hash").asText());
        forged.put("hash", AuditLog.hashOf(forged));
        lines.add(CanonicalJson.write(forged));
        writeLines(log, lines);

        AuditLogVerifier.Report report = verify();

        assertThat(report.valid()).isFalse();
        assertThat(report.brokenLine()).isEqualTo(RECORDS + 1);
        assertThat(report.records()).isEqualTo(RECORDS);
        assertThat(report.problem()).contains("MAC does not match");
    }

    @Test
    @DisplayName("a key repeated in a middle line (one value for this verifier, another for readers that take the "
            + "first): that line is reported")
    void repeatedKey_isReported() {
        List<String> lines = mutableLines();
        String original = lines.get(2);
        assertThat(original).contains("\"highestUrgency\":\"ROUTINE\"");
        // this parser keeps the last value, so the hash still matches; a first-wins reader would see URGENT
        lines.set(2, "{\"highestUrgency\":\"URGENT\"," + original.substring(1));
        writeLines(log, lines);

        AuditLogVerifier.Report report = verify();

        assertThat(report.valid()).isFalse();
        assertThat(report.brokenLine()).isEqualTo(3);
        assertThat(report.problem()).contains("edited");
    }

    @Test
    @DisplayName("a line that is not JSON: reported with its number")
    void garbageLine_isReported() {
        List<String> lines = mutableLines();
        lines.set(1, "this is not a record");
        writeLines(log, lines);

        AuditLogVerifier.Report report = verify();

        assertThat(report.valid()).isFalse();
        assertThat(report.brokenLine()).isEqualTo(2);
        assertThat(report.problem()).contains("not valid JSON");
    }

    @Test
    @DisplayName("a log that was opened but never written to is valid, with no records")
    void emptyLog_isValid() {
        Path empty = dir.resolve("empty.jsonl");
        JsonLinesAuditSink.open(empty, JsonLinesAuditSink.Durability.FLUSH, AuditFixtures.KEY).close();

        AuditLogVerifier.Report report = AuditLogVerifier.verify(empty);

        assertThat(report.valid()).isTrue();
        assertThat(report.records()).isZero();
    }

    @Test
    @DisplayName("a log that does not exist cannot be verified: AuditException naming it")
    void missingLog_isAnAuditException() {
        Path missing = dir.resolve("missing.jsonl");

        assertThatThrownBy(() -> AuditLogVerifier.verify(missing))
                .isInstanceOf(AuditException.class)
                .hasMessageContaining("missing.jsonl");
    }
}
