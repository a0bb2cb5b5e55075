package org.twitchtriage.testkit.fuzz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class FuzzRunTest {

    @Test
    @DisplayName("submitted inputs run at most parallelism at once and every outcome is counted")
    void submit_countsEveryOutcome_andRunsTwoAtOnce() {
        Set<String> threads = ConcurrentHashMap.newKeySet();
        CountDownLatch bothRunning = new CountDownLatch(2);
        try (FuzzRun run = new FuzzRun("test", Duration.ofSeconds(10), 2)) {
            for (int i = 0; i < 40; i++) {
                int n = i;
                run.submit(() -> {
                    threads.add(Thread.currentThread().getName());
                    if (n < 2) {
                        // the first two inputs only end once both have started: two run at once
                        bothRunning.countDown();
                        assertThat(bothRunning.await(5, TimeUnit.SECONDS)).isTrue();
                    }
                    return n % 3 == 0 ? "decided" : "named error";
                }, () -> "input " + n);
            }
            run.awaitAll();
            assertThat(run.outcomes()).isEqualTo(Map.of("decided", 14L, "named error", 26L));
            assertThat(threads).hasSize(2).allSatisfy(t -> assertThat(t).startsWith("fuzz-test-"));
            assertThat(run.report()).contains("inputs: 40 (at most 2 at once)", "exceptions or failed checks: 0",
                    "CPU time of the process");
        }
    }

    @Test
    @DisplayName("an exception of a submitted input fails a later call, naming that input")
    void submit_exception_isRaisedNamingItsInput() {
        try (FuzzRun run = new FuzzRun("test", Duration.ofSeconds(10), 2)) {
            run.submit(() -> {
                throw new IllegalStateException("boom");
            }, () -> "the bad one");
            assertThatThrownBy(() -> {
                for (int i = 0; i < 5; i++) {
                    run.submit(() -> "decided", () -> "a good one");
                }
                run.awaitAll();
            }).isInstanceOf(AssertionError.class).hasMessageContaining("IllegalStateException: boom")
                    .hasMessageContaining("input #1").hasMessageContaining("the bad one");
            assertThat(run.report()).contains("exceptions or failed checks: 1");
        }
    }

    @Test
    @DisplayName("an input past its deadline is a timeout, and later inputs run on new workers")
    void submit_hang_isATimeout() {
        try (FuzzRun run = new FuzzRun("test", Duration.ofMillis(200), 2)) {
            run.onTimeout(() -> "connections at the deadline: none");
            run.submit(() -> {
                Thread.sleep(60_000);
                return "never";
            }, () -> "the hang");
            assertThatThrownBy(run::awaitAll).isInstanceOf(AssertionError.class)
                    .hasMessageContaining("no outcome within 200 ms").hasMessageContaining("the hang")
                    .hasMessageContaining("fuzz-test-1 (TIMED_WAITING)").hasMessageContaining("Thread.sleep")
                    .hasMessageEndingWith("\nconnections at the deadline: none");
            assertThat(run.run(() -> "decided", () -> "after")).isEqualTo("decided");
            assertThat(run.report()).contains("timeouts (deadline 200 ms): 1");
        }
    }

    @Test
    @DisplayName("run waits for its input and returns the outcome; a failed check keeps its message")
    void run_returnsOutcome_andKeepsAssertionMessage() {
        try (FuzzRun run = new FuzzRun("test", Duration.ofSeconds(10))) {
            assertThat(run.run(() -> "decided", () -> "x")).isEqualTo("decided");
            assertThatThrownBy(() -> run.run(() -> {
                throw new AssertionError("leaked the marker");
            }, () -> "the leaky one")).hasMessageContaining("leaked the marker").hasMessageContaining("the leaky one");
        }
    }

    @Test
    @DisplayName("a timeout names a waiting thread in the project's code (a server waiting for a body), not idle ones")
    void busyThreads_showsWaitingThreadsInProjectCode() throws Exception {
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        Thread waiting = new Thread(() -> waitFor(release), "server-waiting-for-a-body");
        // an idle pool thread: waiting too, but in the JDK's code only
        java.util.concurrent.atomic.AtomicReference<Thread> idleThread = new java.util.concurrent.atomic.AtomicReference<>();
        java.util.concurrent.ExecutorService idle = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
            idleThread.set(new Thread(r, "idle-elsewhere"));
            return idleThread.get();
        });
        idle.submit(() -> { }).get();
        waiting.start();
        try {
            while (waiting.getState() != Thread.State.WAITING || idleThread.get().getState() != Thread.State.WAITING) {
                Thread.sleep(5);
            }
            String dump = FuzzRun.busyThreads(Thread.currentThread());
            assertThat(dump).contains("server-waiting-for-a-body (WAITING)").contains("FuzzRunTest.waitFor")
                    .doesNotContain("idle-elsewhere");
            assertThat(dump.indexOf(Thread.currentThread().getName())).isLessThan(dump.indexOf("server-waiting"));
        } finally {
            release.countDown();
            idle.shutdownNow();
        }
    }

    private static void waitFor(java.util.concurrent.CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
