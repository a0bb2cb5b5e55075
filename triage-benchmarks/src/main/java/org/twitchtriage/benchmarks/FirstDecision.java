package org.twitchtriage.benchmarks;

import java.lang.management.ManagementFactory;
import org.twitchtriage.engine.TriageDecision;
import org.twitchtriage.engine.TriageEngine;

/**
 * Measures a cold start: the time from the JVM's start to the knowledge base being ready, and to the first decision
 * being returned. Run it in a fresh JVM each time; {@code bench/run-benchmarks.sh} runs it five times.
 *
 * <p>Prints one line of {@code key=value} pairs, for example
 * {@code jvm-to-main-ms=95 engine-ready-ms=1480 first-decision-ms=1610 rules=30 urgency=ROUTINE}. All times count
 * from the JVM's start as the runtime reports it ({@link java.lang.management.RuntimeMXBean#getStartTime()}); the
 * management beans are only queried after the last time stamp is taken, so loading them is not counted. Logging is
 * at WARN unless {@code logback.configurationFile} is set.
 */
public final class FirstDecision {
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

        long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
        System.out.printf("jvm-to-main-ms=%d engine-ready-ms=%d first-decision-ms=%d rules=%d urgency=%s%n",
                mainEntered - jvmStart, engineReady - jvmStart, decided - jvmStart,
                engine.knowledgeBase().ruleCount(), decision.highestUrgency());
    }
}
