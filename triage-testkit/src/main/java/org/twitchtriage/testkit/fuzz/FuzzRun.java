package org.twitchtriage.testkit.fuzz;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Runs fuzz inputs one at a time, each under a deadline on a thread of its own, and counts how each ended. An input
 * ends in an <em>outcome</em>, a short class name the caller returns (such as {@code decided} or
 * {@code error: malformed JSON}); running past the deadline or throwing is a failure, raised as an
 * {@link AssertionError} that describes the input. {@link #report()} gives the counts, the slowest input and the load
 * average, for the record in {@code docs/reliability.md}.
 *
 * <p>A thread that overran its deadline is abandoned (it is a daemon) and a new one takes over, so that one hang
 * fails its input without stopping the others from being reported. Thread-safe.
 */
public final class FuzzRun implements AutoCloseable {
    private final String target;
    private final Duration deadline;
    private final Map<String, Long> outcomes = new TreeMap<>();
    private final Instant started = Instant.now();
    private ExecutorService executor = newExecutor();
    private long inputs;
    private long failures;
    private long timeouts;
    private long slowestNanos;
    private String slowestOutcome = "none";

    /**
     * @param target   what is fuzzed, named in the report
     * @param deadline the time each input may take
     */
    public FuzzRun(String target, Duration deadline) {
        this.target = target;
        this.deadline = deadline;
    }

    /**
     * The deadline of the system property {@code twitchtriage.fuzz.deadlineMillis}, else {@code millis}.
     *
     * @param millis the default
     * @return the deadline
     */
    public static Duration deadline(long millis) {
        return Duration.ofMillis(Long.getLong("twitchtriage.fuzz.deadlineMillis", millis));
    }

    /**
     * Runs one input under the deadline.
     *
     * @param input    does the work and checks it; returns the outcome class
     * @param describe describes the input for a failure message
     * @return the outcome class
     * @throws AssertionError when the input overran the deadline, threw, or failed a check
     */
    public synchronized String run(Callable<String> input, Supplier<String> describe) {
        long start = System.nanoTime();
        Future<String> future = executor.submit(input);
        inputs++;
        try {
            String outcome = future.get(deadline.toMillis(), TimeUnit.MILLISECONDS);
            long took = System.nanoTime() - start;
            if (took > slowestNanos) {
                slowestNanos = took;
                String d = describe.get();
                slowestOutcome = outcome + "; " + (d.length() > 300 ? d.substring(0, 300) + "..." : d);
            }
            outcomes.merge(outcome, 1L, Long::sum);
            return outcome;
        } catch (TimeoutException e) {
            timeouts++;
            future.cancel(true);
            executor.shutdownNow();
            executor = newExecutor();
            throw new AssertionError(target + ": no outcome within " + deadline.toMillis() + " ms for "
                    + describe.get());
        } catch (ExecutionException e) {
            failures++;
            Throwable cause = e.getCause();
            if (cause instanceof AssertionError a) {
                throw new AssertionError(a.getMessage() + "\nfor " + describe.get(), a);
            }
            throw new AssertionError(target + ": " + cause + " instead of an outcome, for " + describe.get(), cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** @return how many inputs ended in each outcome class */
    public synchronized Map<String, Long> outcomes() {
        return new TreeMap<>(outcomes);
    }

    /** @return the report: inputs, outcomes, failures, timeouts, the slowest input and the load average */
    public synchronized String report() {
        StringBuilder out = new StringBuilder();
        out.append("target: ").append(target).append('\n');
        out.append("inputs: ").append(inputs).append('\n');
        outcomes.forEach((k, v) -> out.append("  ").append(k).append(": ").append(v).append('\n'));
        out.append("exceptions or failed checks: ").append(failures).append('\n');
        out.append("timeouts (deadline ").append(deadline.toMillis()).append(" ms): ").append(timeouts).append('\n');
        out.append(String.format("slowest input: %.1f ms (%s)%n", slowestNanos / 1e6, slowestOutcome));
        out.append("wall time: ").append(Duration.between(started, Instant.now()).toSeconds()).append(" s\n");
        out.append("finished: ").append(Instant.now()).append(", load average: ").append(loadAverage()).append('\n');
        return out.toString();
    }

    /**
     * Writes {@link #report()} to a file, creating its folder.
     *
     * @param file where
     */
    public void writeReport(Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, report(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public synchronized void close() {
        executor.shutdownNow();
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).strip();
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    private ExecutorService newExecutor() {
        return Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "fuzz-" + target);
            t.setDaemon(true);
            return t;
        });
    }
}
