package org.twitchtriage.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.twitchtriage.audit.AuditFixtures.lines;
import static org.twitchtriage.audit.AuditFixtures.parse;
import static org.twitchtriage.audit.AuditFixtures.record;
import static org.twitchtriage.audit.AuditFixtures.writeLines;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The JSON Lines sink: the hash chain it writes, reopening, locking, concurrent writers and failed writes. */
class JsonLinesAuditSinkTest {
    @TempDir
    Path dir;

    private Path log() {
        return dir.resolve("audit.jsonl");
    }

    private static JsonLinesAuditSink open(Path log) {
        return JsonLinesAuditSink.open(log, JsonLinesAuditSink.Durability.FLUSH, AuditFixtures.KEY);
    }

    @ParameterizedTest
    @EnumSource(JsonLinesAuditSink.Durability.class)
    @DisplayName("each record is one canonical line chained to the one before, and the head file names the last")
    void writtenRecords_formAVerifiableChain(JsonLinesAuditSink.Durability durability) throws IOException {
        Path log = log();
        try (JsonLinesAuditSink sink = JsonLinesAuditSink.open(log, durability, AuditFixtures.KEY)) {
            sink.write(record("a"));
            sink.write(record("b"));
            sink.write(record("c"));
        }

        List<String> lines = lines(log);
        assertThat(lines).hasSize(3);
        String previous = JsonLinesAuditSink.GENESIS;
        for (int i = 0; i < lines.size(); i++) {
            JsonNode line = parse(lines.get(i));
            assertThat(lines.get(i)).isEqualTo(CanonicalJson.write(line));
            assertThat(line.get("decisionId").asText()).isEqualTo(List.of("a", "b", "c").get(i));
            assertThat(line.get("sequence").asLong()).isEqualTo(i + 1);
            assertThat(line.get("previousHash").asText()).isEqualTo(previous);
            assertThat(line.get("hash").asText()).isEqualTo(AuditLog.hashOf(line)).hasSize(64);
            previous = line.get("hash").asText();
        }
        JsonNode head = parse(Files.readString(JsonLinesAuditSink.headOf(log), StandardCharsets.UTF_8));
        assertThat(head.get("records").asLong()).isEqualTo(3);
        assertThat(head.get("lastHash").asText()).isEqualTo(previous);
        assertThat(AuditLogVerifier.verify(log).valid()).isTrue();
    }

    @Test
    @DisplayName("reopening a log continues its sequence and hash chain")
    void reopen_continuesTheChain() {
        Path log = log();
        try (JsonLinesAuditSink sink = open(log)) {
            sink.write(record("first"));
            sink.write(record("second"));
        }
        String secondHash = parse(lines(log).get(1)).get("hash").asText();

        try (JsonLinesAuditSink sink = open(log)) {
            sink.write(record("third"));
        }

        JsonNode third = parse(lines(log).get(2));
        assertThat(third.get("decisionId").asText()).isEqualTo("third");
        assertThat(third.get("sequence").asLong()).isEqualTo(3);
        assertThat(third.get("previousHash").asText()).isEqualTo(secondHash);
        AuditLogVerifier.Report report = AuditLogVerifier.verify(log);
        assertThat(report.valid()).isTrue();
        assertThat(report.records()).isEqualTo(3);
    }

    @Test
    @DisplayName("a log whose last record was removed opens again, with a RECOVERED record saying what the head "
            + "file stated")
    void reopen_recoversWhenTheEndDisagreesWithTheHead() {
        Path log = log();
        try (JsonLinesAuditSink sink = open(log)) {
            sink.write(record("first"));
            sink.write(record("second"));
        }
        writeLines(log, lines(log).subList(0, 1));

        open(log).close();

        List<String> after = lines(log);
        assertThat(after).hasSize(2);
        assertThat(parse(after.get(1)).get("recordType").asText()).isEqualTo("RECOVERED");
        assertThat(parse(after.get(1)).get("reason").asText()).contains("shorter than its head file states (2 records");
        AuditLogVerifier.Report report = AuditLogVerifier.verify(log, AuditFixtures.KEY, null);
        assertThat(report.valid()).as(report.toString()).isTrue();
        assertThat(report.recoveries()).isEqualTo(1);
    }

    @Test
    @DisplayName("a log without its head file opens again after a full scan, and says so in a RECOVERED record")
    void reopen_recoversWithoutHeadFile() throws IOException {
        Path log = log();
        try (JsonLinesAuditSink sink = open(log)) {
            sink.write(record("first"));
        }
        Files.delete(JsonLinesAuditSink.headOf(log));

        try (JsonLinesAuditSink sink = open(log)) {
            sink.write(record("second"));
        }

        assertThat(lines(log)).hasSize(3);
        assertThat(lines(log).get(1)).contains("\"reason\":\"the head file was missing\"");
        assertThat(AuditLogVerifier.verify(log, AuditFixtures.KEY, null).valid()).isTrue();
    }

    @Test
    @DisplayName("an emptied log whose head file still counts records opens again with a RECOVERED record")
    void reopen_recoversWhenEmptiedButHeadCountsRecords() {
        Path log = log();
        try (JsonLinesAuditSink sink = open(log)) {
            sink.write(record("first"));
        }
        writeLines(log, List.of());

        open(log).close();

        assertThat(lines(log)).singleElement().asString().contains("RECOVERED").contains("1 records");
    }

    @ParameterizedTest
    @EnumSource(JsonLinesAuditSink.Durability.class)
    @DisplayName("8 threads writing 250 records each through one sink: no line lost, split or repeated, written in "
            + "batches (group commit)")
    void concurrentWriters_neverInterleave(JsonLinesAuditSink.Durability durability) throws Exception {
        int threads = 8;
        int perThread = 250;
        Path log = log();
        long commits;
        try (JsonLinesAuditSink sink = JsonLinesAuditSink.open(log, durability, AuditFixtures.KEY)) {
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < perThread; i++) {
                        sink.write(record("thread" + thread + "-" + i));
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : done) {
                f.get();
            }
            pool.shutdown();
            assertThat(pool.awaitTermination(1, TimeUnit.MINUTES)).isTrue();
            commits = sink.commits();
        }
        // how many records share a batch depends on timing; each batch holds at least one
        assertThat(commits).isBetween(1L, (long) threads * perThread);
        System.out.printf("group commit, %s: %d records in %d batches%n", durability, threads * perThread, commits);

        List<String> lines = lines(log);
        assertThat(lines).hasSize(threads * perThread);
        AuditLogVerifier.Report report = AuditLogVerifier.verify(log);
        assertThat(report.valid()).as(report.toString()).isTrue();
        assertThat(report.records()).isEqualTo(threads * perThread);
        Map<String, Long> ids = lines.stream().map(l -> parse(l).get("decisionId").asText())
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        assertThat(ids).hasSize(threads * perThread);
        assertThat(ids.values()).containsOnly(1L);
        for (int t = 0; t < threads; t++) {
            for (int i = 0; i < perThread; i++) {
                assertThat(ids).containsKey("thread" + t + "-" + i);
            }
        }
    }

    @Test
    @DisplayName("a second open of a log in this process is refused while the first is open, and allowed after")
    void secondOpenInProcess_isRefusedWhileOpen() {
        Path log = log();
        try (JsonLinesAuditSink first = open(log)) {
            first.write(record("one"));

            assertThatThrownBy(() -> open(log))
                    .isInstanceOf(AuditException.class)
                    .hasMessageContaining("already open");
            assertThatThrownBy(() -> open(dir.resolve(".").resolve("audit.jsonl")))
                    .as("the same log under another spelling of its path")
                    .isInstanceOf(AuditException.class);

            // the refused opens did not disturb the first
            first.write(record("two"));
        }
        try (JsonLinesAuditSink again = open(log)) {
            again.write(record("three"));
        }
        assertThat(AuditLogVerifier.verify(log).records()).isEqualTo(3);
    }

    @Test
    @DisplayName("another process cannot open a log while it is open here, even after it was verified; it can after")
    void otherProcess_isRefusedWhileOpen() throws Exception {
        Path log = log();
        try (JsonLinesAuditSink sink = open(log)) {
            sink.write(record("one"));
            // reading the log opens and closes it again in this process, which must not drop the lock
            assertThat(AuditLogVerifier.verify(log).valid()).isTrue();

            Probe probe = probe(log);

            assertThat(probe.exitCode()).as(probe.output()).isEqualTo(LockProbe.REFUSED);
            assertThat(probe.output()).contains("in use by another process");
        }

        Probe after = probe(log);

        assertThat(after.exitCode()).as(after.output()).isEqualTo(LockProbe.OPENED);
    }

    private record Probe(int exitCode, String output) {
    }

    /** Runs {@link LockProbe} in a new JVM with this test's class path. */
    private Probe probe(Path log) throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process process = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                LockProbe.class.getName(), log.toString())
                .redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        // a guard against a hung child, not a timing assertion
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("the probe process did not end: " + output);
        }
        return new Probe(process.exitValue(), output);
    }

    @Test
    @DisplayName("after a failed write (the head file cannot be replaced) the next write recovers and succeeds")
    void failedWrite_nextWriteRecovers() throws IOException {
        Path log = log();
        Path head = JsonLinesAuditSink.headOf(log);
        try (JsonLinesAuditSink sink = open(log)) {
            sink.write(record("one"));
            // a directory in the head file's place makes the rename fail, even for root
            Files.delete(head);
            Files.createDirectory(head);

            assertThatThrownBy(() -> sink.write(record("two")))
                    .isInstanceOf(AuditException.class)
                    .hasMessageContaining("audit record")
                    .hasMessageContaining("audit.jsonl");

            Files.delete(head);
            sink.write(record("three"));
        }
        assertThat(lines(log)).anyMatch(l -> l.contains("\"three\"")).anyMatch(l -> l.contains("RECOVERED"));
        assertThat(AuditLogVerifier.verify(log, AuditFixtures.KEY, null).valid()).isTrue();
    }

    @Test
    @DisplayName("a closed sink refuses records, and closing twice is harmless")
    void closedSink_refusesRecords() {
        JsonLinesAuditSink sink = open(log());
        sink.close();
        sink.close();

        assertThatThrownBy(() -> sink.write(record("late")))
                .isInstanceOf(AuditException.class)
                .hasMessageContaining("closed");
    }
}
