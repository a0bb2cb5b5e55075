package org.twitchtriage.benchmarks;

import java.lang.management.ManagementFactory;
import org.twitchtriage.engine.TriageDecision;
import org.twitchtriage.engine.TriageEngine;

/**
 * Measures a cold start: the time from the JVM's start to the knowledge base being ready, and to the first decision
 * being returned. Run it in a fresh JVM each time; {@code bench/run-benchmarks.sh} runs it five times.
 *
 * <p>Prints one line of {@code key=value} pairs, for example
 * {@code jvm-to-main-ms=95 engine-ready-ms=1480 first-decision-ms=1610 warm-create-ms=12.5 rules=30 urgency=ROUTINE
 * classes=5210 read-kb=41230}.
 * The first three count from the JVM's start as the runtime reports it
 * ({@link java.lang.management.RuntimeMXBean#getStartTime()}); the management beans are only queried after the
 * first decision, so loading them is not counted. {@code warm-create-ms} is the median time of
 * {@value #WARM_CREATES} further {@link TriageEngine#create()} calls in the same, now warm, JVM: what a library user
 * pays for a second engine. Two counts do not depend on the machine's load: {@code classes}, the classes the JVM
 * loaded by the end (the management beans add a fixed few hundred), and {@code read-kb}, the kilobytes the process
 * read through system calls until the first decision ({@code rchar} of {@code /proc/self/io}, mostly jar files; {@code -1} where that file
 * does not exist). Logging is at WARN unless {@code logback.configurationFile} is set.
 */
public final class FirstDecision {
    /** How many engines are created after the first decision to time a creation in a warm JVM. */
    static final int WARM_CREATES = 5;

    private FirstDecision() {
    }

    /**
     * @param args ignored
     */
    public static void main(String[] args) {
        long mainEntered = System.currentTimeMillis();
        BenchmarkCases.quietLoggingUnlessConfigured();
        TriageEngine engine = TriageEngine.create();
        long engineReady = System.currentTimeMillis();
        TriageDecision decision = engine.evaluate(BenchmarkCases.typical());
        long decided = System.currentTimeMillis();
        long readKb = readBytes() / 1024;

        long[] warm = new long[WARM_CREATES];
        for (int i = 0; i < warm.length; i++) {
            long t0 = System.nanoTime();
            TriageEngine again = TriageEngine.create();
            warm[i] = System.nanoTime() - t0;
            if (again.knowledgeBase().ruleCount() != engine.knowledgeBase().ruleCount()) {
                throw new IllegalStateException("a second engine sees a different knowledge base");
            }
        }
        java.util.Arrays.sort(warm);

        long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
        long classes = ManagementFactory.getClassLoadingMXBean().getTotalLoadedClassCount();
        System.out.printf(java.util.Locale.ROOT, "jvm-to-main-ms=%d engine-ready-ms=%d first-decision-ms=%d "
                        + "warm-create-ms=%.1f rules=%d urgency=%s classes=%d read-kb=%d%n",
                mainEntered - jvmStart, engineReady - jvmStart, decided - jvmStart, warm[warm.length / 2] / 1e6,
                engine.knowledgeBase().ruleCount(), decision.highestUrgency(), classes, readKb);
    }

    /** @return the bytes this process read through system calls so far, or -1024 where Linux's counter is missing */
    static long readBytes() {
        try {
            for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/self/io"))) {
                if (line.startsWith("rchar:")) {
                    return Long.parseLong(line.substring("rchar:".length()).trim());
                }
            }
        } catch (java.io.IOException | RuntimeException e) {
            return -1024;
        }
        return -1024;
    }
}
