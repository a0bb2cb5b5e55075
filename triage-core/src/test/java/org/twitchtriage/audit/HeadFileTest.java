package org.twitchtriage.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The head file replaced outside the log's lock (group commit with overlapped forces): a write returns only once the
 * head states its record, and an older end never replaces a newer head.
 */
class HeadFileTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(JsonLinesAuditSink.Durability.class)
    @DisplayName("with 8 concurrent writers, every write returns only when the head file states its record or later")
    void everyReturnedWrite_isCoveredByTheHead(JsonLinesAuditSink.Durability durability) throws Exception {
        Path log = dir.resolve("audit.jsonl");
        Path head = JsonLinesAuditSink.headOf(log);
        int threads = 8;
        int perThread = 100;
        AtomicLong returned = new AtomicLong();
        try (JsonLinesAuditSink sink = JsonLinesAuditSink.open(log, durability, AuditFixtures.KEY)) {
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < perThread; i++) {
                        // every write that returned before this one started comes before it in the chain
                        long before = returned.get();
                        sink.write(AuditFixtures.record("t" + thread + "-" + i));
                        assertThat(Checkpoint.read(head).records()).isGreaterThanOrEqualTo(before + 1);
                        returned.incrementAndGet();
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
        }
        assertThat(Checkpoint.read(head).records()).isEqualTo(threads * perThread);
        AuditLogVerifier.Report report = AuditLogVerifier.verify(log, AuditFixtures.KEY, null);
        assertThat(report.valid()).as(report.toString()).isTrue();
    }

    @Test
    @DisplayName("an end older than the head already written is not written; recovery writes whatever it finds")
    void olderEnd_neverReplacesANewerHead() throws Exception {
        Path log = dir.resolve("audit.jsonl");
        Path headPath = JsonLinesAuditSink.headOf(log);
        AuditKeys keys = AuditKeys.of(AuditFixtures.KEY);
        HeadFile head = new HeadFile(log, FileOpener.DEFAULT, JsonLinesAuditSink.Durability.FLUSH);
        head.cover(5, Checkpoint.signed(keys, 5, "a".repeat(64), 500));
        assertThat(Checkpoint.read(headPath).records()).isEqualTo(5);
        head.cover(3, Checkpoint.signed(keys, 4, "b".repeat(64), 400));
        assertThat(Checkpoint.read(headPath).records()).as("a stale end is skipped").isEqualTo(5);
        head.cover(6, Checkpoint.signed(keys, 7, "c".repeat(64), 700));
        assertThat(Checkpoint.read(headPath).records()).isEqualTo(7);
        head.write(Checkpoint.signed(keys, 6, "d".repeat(64), 600));
        assertThat(Checkpoint.read(headPath).records()).as("recovery states what it found").isEqualTo(6);
    }
}
