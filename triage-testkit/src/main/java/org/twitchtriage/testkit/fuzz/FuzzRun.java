package org.twitchtriage.testkit.fuzz;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * Runs fuzz inputs, each under a deadline on a reused worker thread, and counts how each ended. An input ends in an
 * <em>outcome</em>, a short class name the caller returns (such as {@code decided} or {@code error: malformed JSON});
 * running past the deadline or throwing is a failure, raised as an {@link AssertionError} that describes the input.
 * {@link #report()} gives the counts, the slowest input, wall and CPU time and the load average, for the record in
 * {@code docs/reliability.md}.
 *
 * <p>{@link #run} runs one input and waits for it. {@link #submit} lets up to {@code parallelism} inputs run at once
 * (so that the next input is generated while the last one runs, and both cores of a small machine work): it returns
 * once the input has started and raises the failure of any earlier input that has ended; {@link #awaitAll()} waits
 * for the rest and raises what is left. Each input's deadline counts from its own start.
 *
 * <p>After a timeout the workers are abandoned (they are daemons) and new ones take over, so that one hang fails its
 * input without stopping the others from being reported. Thread-safe.
 */
public final class FuzzRun implements AutoCloseable {
    /** Inputs after which the steady-state cost is measured (the JIT compiler has done most of its work by then). */
    static final int WARM_UP = 1_000;
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private final String target;
    private final Duration deadline;
    private final int parallelism;
    private volatile Supplier<String> timeoutDiagnostics = () -> "";
    private final Map<String, Long> outcomes = new TreeMap<>();
    private final Deque<Pending> pending = new ArrayDeque<>();
    // from the first input on, so that the JVM's start and other tests in it are not counted
    private Instant started;
    private long startedCpu;
    private final AtomicInteger workers = new AtomicInteger();
    private ExecutorService executor;
    private long inputs;
    private long failures;
    private long timeouts;
    private long abandoned;
    private long workerCpuNanos;
    private long slowestNanos;
    private String slowestOutcome = "none";
    private long warmWallStart;
    private long warmCpuStart;

    /**
     * One input at a time.
     *
     * @param target   what is fuzzed, named in the report
     * @param deadline the time each input may take
     */
    public FuzzRun(String target, Duration deadline) {
        this(target, deadline, 1);
    }

    /**
     * @param target      what is fuzzed, named in the report
     * @param deadline    the time each input may take
     * @param parallelism how many inputs {@link #submit} lets run at once, at least 1
     */
    public FuzzRun(String target, Duration deadline, int parallelism) {
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be at least 1");
        }
        this.target = target;
        this.deadline = deadline;
        this.parallelism = parallelism;
        this.executor = newExecutor();
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
     * The parallelism of the system property {@code twitchtriage.fuzz.parallelism}, else the number of processors
     * (at least 1, at most {@code max}).
     *
     * @param max the most inputs at once
     * @return the parallelism
     */
    public static int parallelism(int max) {
        int n = Integer.getInteger("twitchtriage.fuzz.parallelism", Runtime.getRuntime().availableProcessors());
        return Math.max(1, Math.min(max, n));
    }

    /**
     * Runs one input under the deadline and waits for it (after the inputs still running from {@link #submit}).
     *
     * @param input    does the work and checks it; returns the outcome class
     * @param describe describes the input for a failure message
     * @return the outcome class
     * @throws AssertionError when the input (or an earlier one) overran the deadline, threw, or failed a check
     */
    public synchronized String run(Callable<String> input, Supplier<String> describe) {
        awaitAll();
        return finish(start(input, describe));
    }

    /**
     * Starts one input under the deadline, once fewer than {@code parallelism} inputs are running; raises the failure
     * of an earlier input that ended meanwhile.
     *
     * @param input    does the work and checks it; returns the outcome class
     * @param describe describes the input for a failure message
     * @throws AssertionError when an earlier input overran the deadline, threw, or failed a check
     */
    public synchronized void submit(Callable<String> input, Supplier<String> describe) {
        while (pending.size() >= parallelism || !pending.isEmpty() && pending.peekFirst().future().isDone()) {
            finish(pending.removeFirst());
        }
        pending.addLast(start(input, describe));
    }

    /**
     * Waits for every input still running.
     *
     * @throws AssertionError when one of them overran the deadline, threw, or failed a check
     */
    public synchronized void awaitAll() {
        while (!pending.isEmpty()) {
            finish(pending.removeFirst());
        }
    }

    private Pending start(Callable<String> input, Supplier<String> describe) {
        inputs++;
        if (inputs == 1) {
            started = Instant.now();
            startedCpu = processCpuNanos();
        }
        if (inputs == WARM_UP + 1) {
            warmWallStart = System.nanoTime();
            warmCpuStart = processCpuNanos();
        }
        long submitted = System.nanoTime();
        AtomicReference<Thread> worker = new AtomicReference<>();
        Future<Ended> future = executor.submit(() -> {
            worker.set(Thread.currentThread());
            long cpu = THREADS.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            String outcome = input.call();
            return new Ended(outcome, System.nanoTime() - t0, THREADS.getCurrentThreadCpuTime() - cpu);
        });
        return new Pending(future, submitted, inputs, describe, worker);
    }

    private String finish(Pending p) {
        long left = deadline.toNanos() - (System.nanoTime() - p.submitted());
        try {
            Ended ended = p.future().get(Math.max(0, left), TimeUnit.NANOSECONDS);
            workerCpuNanos += ended.cpuNanos();
            if (ended.nanos() > slowestNanos) {
                slowestNanos = ended.nanos();
                String d = p.describe().get();
                slowestOutcome = ended.outcome() + "; " + (d.length() > 300 ? d.substring(0, 300) + "..." : d);
            }
            outcomes.merge(ended.outcome(), 1L, Long::sum);
            return ended.outcome();
        } catch (TimeoutException e) {
            timeouts++;
            String where = busyThreads(p.worker().get());
            p.future().cancel(true);
            abandoned += pending.size();
            pending.forEach(other -> other.future().cancel(true));
            pending.clear();
            executor.shutdownNow();
            executor = newExecutor();
            throw new AssertionError(target + ": no outcome within " + deadline.toMillis() + " ms for input #"
                    + p.number() + ": " + p.describe().get() + "\n" + where + diagnostics());
        } catch (ExecutionException e) {
            failures++;
            Throwable cause = e.getCause();
            String which = "\nfor input #" + p.number() + " (of " + inputs + " started): " + p.describe().get();
            if (cause instanceof AssertionError a) {
                throw new AssertionError(a.getMessage() + which, a);
            }
            throw new AssertionError(target + ": " + cause + " instead of an outcome" + which, cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /**
     * What else a timeout should report, taken at the deadline (for example the state of the connections to a
     * server under test), appended to the failure after the threads.
     *
     * @param diagnostics gives the text; may be called from any thread
     * @return this run
     */
    public FuzzRun onTimeout(Supplier<String> diagnostics) {
        this.timeoutDiagnostics = java.util.Objects.requireNonNull(diagnostics, "diagnostics");
        return this;
    }

    private String diagnostics() {
        try {
            String d = timeoutDiagnostics.get();
            return d == null || d.isEmpty() ? "" : "\n" + d;
        } catch (RuntimeException e) {
            return "\n(diagnostics failed: " + e + ")";
        }
    }

    /** @return how many inputs ended in each outcome class */
    public synchronized Map<String, Long> outcomes() {
        return new TreeMap<>(outcomes);
    }

    /** @return the report: inputs, outcomes, failures, timeouts, the slowest input, times and the load average */
    public synchronized String report() {
        StringBuilder out = new StringBuilder();
        out.append("target: ").append(target).append('\n');
        out.append("inputs: ").append(inputs).append(" (at most ").append(parallelism).append(" at once)\n");
        outcomes.forEach((k, v) -> out.append("  ").append(k).append(": ").append(v).append('\n'));
        out.append("exceptions or failed checks: ").append(failures).append('\n');
        out.append("timeouts (deadline ").append(deadline.toMillis()).append(" ms): ").append(timeouts).append('\n');
        if (abandoned > 0) {
            out.append("abandoned after a timeout (no outcome): ").append(abandoned).append('\n');
        }
        out.append(String.format("slowest input: %.1f ms (%s)%n", slowestNanos / 1e6, slowestOutcome));
        long wallNanos = inputs == 0 ? 0 : Duration.between(started, Instant.now()).toNanos();
        long cpuNanos = inputs == 0 ? 0 : processCpuNanos() - startedCpu;
        out.append(String.format("wall time from the first input: %.1f s; CPU time of the process: %.1f s; of the inputs' own threads: "
                + "%.1f s (%.2f ms per input; server or pool threads they call are not in this figure)%n",
                wallNanos / 1e9, cpuNanos / 1e9, workerCpuNanos / 1e9, perInput(workerCpuNanos, inputs)));
        if (inputs > WARM_UP) {
            long n = inputs - WARM_UP;
            long wall = System.nanoTime() - warmWallStart;
            long cpu = processCpuNanos() - warmCpuStart;
            out.append(String.format("after the first %,d inputs (warm-up): %,d inputs in %.1f s wall (%.2f ms per "
                    + "input), %.1f s CPU of the process (%.2f ms per input)%n", WARM_UP, n, wall / 1e9,
                    perInput(wall, n), cpu / 1e9, perInput(cpu, n)));
        }
        out.append("finished: ").append(Instant.now()).append(", load average: ").append(loadAverage()).append('\n');
        return out.toString();
    }

    /**
     * Where the input's worker and the other threads of interest were when the deadline passed: first the worker,
     * then threads in the project's code whatever their state (a server in the same JVM waiting for a request body
     * shows here), then running or blocked ones (a hang is found here, or, for a call to a server in the same JVM,
     * on the server's side).
     */
    static String busyThreads(Thread worker) {
        StringBuilder out = new StringBuilder("threads at the deadline (worker first, then those in the project's "
                + "code, then runnable or blocked ones):");
        Map<Thread, StackTraceElement[]> all = Thread.getAllStackTraces();
        all.entrySet().stream()
                .filter(e -> rank(e.getKey(), e.getValue(), worker) < 3)
                .sorted(java.util.Comparator.comparingInt(e -> rank(e.getKey(), e.getValue(), worker)))
                .limit(16)
                .forEach(e -> {
                    out.append("\n  ").append(e.getKey().getName()).append(" (").append(e.getKey().getState())
                            .append(')');
                    java.util.Arrays.stream(e.getValue()).limit(18).forEach(f -> out.append("\n    at ").append(f));
                });
        return out.toString();
    }

    /** 0 the worker, 1 in the project's code (not this class), 2 runnable or blocked, 3 of no interest. */
    private static int rank(Thread t, StackTraceElement[] stack, Thread worker) {
        if (t == worker) {
            return 0;
        }
        String self = FuzzRun.class.getName();
        boolean ours = java.util.Arrays.stream(stack).anyMatch(f -> f.getClassName().startsWith("org.twitchtriage.")
                && !f.getClassName().equals(self) && !f.getClassName().startsWith(self + "$"));
        if (ours) {
            return 1;
        }
        return t.getState() == Thread.State.RUNNABLE || t.getState() == Thread.State.BLOCKED ? 2 : 3;
    }

    private static double perInput(long nanos, long n) {
        return n == 0 ? 0 : nanos / 1e6 / n;
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

    private static long processCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return 0;
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).strip();
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    private ExecutorService newExecutor() {
        return Executors.newFixedThreadPool(parallelism, r -> {
            Thread t = new Thread(r, "fuzz-" + target + "-" + workers.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** The result of an input that ended, with its own wall and CPU time. */
    private record Ended(String outcome, long nanos, long cpuNanos) {
    }

    /** An input started and not yet counted. */
    private record Pending(Future<Ended> future, long submitted, long number, Supplier<String> describe,
            AtomicReference<Thread> worker) {
    }
}
