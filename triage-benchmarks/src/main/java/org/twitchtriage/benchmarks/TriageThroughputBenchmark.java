package org.twitchtriage.benchmarks;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.twitchtriage.engine.EngineOptions;
import org.twitchtriage.engine.TriageDecision;
import org.twitchtriage.engine.TriageEngine;
import org.twitchtriage.model.FindingCode;
import org.twitchtriage.model.TriageRequest;
import org.twitchtriage.model.Urgency;

/**
 * Evaluations per second of one shared {@link TriageEngine}, for a typical and a red-flag case
 * ({@link BenchmarkCases}), each on one and on two threads. With two threads JMH reports the sum over both, so
 * the pair shows how well concurrent evaluations scale on the machine.
 *
 * <p>Each evaluation includes what a caller pays: request validation, a rule session (reused from the engine's pool
 * by default), firing, recording every firing, assembling the findings and disposing of the session.
 * {@code typicalNewSession1Thread} runs an engine that builds a new session for every evaluation
 * ({@link EngineOptions#isReuseSessions()} off), to show in the same run what reuse saves. {@link RawDroolsBenchmark}
 * measures the same sessions without the facade. The defaults below suit a 2-core machine; the command line
 * ({@code -f -wi -w -i -r}) overrides them. The forked JVM runs with logging at WARN.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = "-Dlogback.configurationFile=" + BenchmarkCases.LOGBACK_CONFIG)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
public class TriageThroughputBenchmark {

    /**
     * The engine and the requests, shared by every benchmark thread. The engine is thread-safe and the requests are
     * immutable, so sharing them is how a server would use the engine.
     */
    @State(Scope.Benchmark)
    public static class EngineState {
        private TriageEngine engine;
        private TriageEngine newSessions;
        private TriageRequest typical;
        private TriageRequest redFlag;

        /**
         * Loads the knowledge base and checks once that each case still decides as its name says, so that a change
         * in the rules cannot silently turn the red-flag case into something cheaper.
         *
         * @throws IllegalStateException when a case no longer reaches its expected urgency
         */
        @Setup(Level.Trial)
        public void load() {
            engine = TriageEngine.create();
            RawDroolsBenchmark.KnowledgeState raw = new RawDroolsBenchmark.KnowledgeState();
            raw.load();
            newSessions = TriageEngine.of(raw.rules(), engine.knowledgeBase().releaseId(),
                    EngineOptions.builder().reuseSessions(false).build());
            typical = BenchmarkCases.typical();
            redFlag = BenchmarkCases.redFlag();
            TriageDecision t = engine.evaluate(typical);
            if (t.highestUrgency() == Urgency.URGENT || !t.has(FindingCode.MAGNESIUM_DEFICIENCY)) {
                throw new IllegalStateException("typical case no longer typical: " + t.highestUrgency() + " "
                        + t.firedRuleIds());
            }
            TriageDecision r = engine.evaluate(redFlag);
            if (r.highestUrgency() != Urgency.URGENT || !r.has(FindingCode.RED_FLAG_PARALYSIS)) {
                throw new IllegalStateException("red-flag case no longer urgent: " + r.highestUrgency() + " "
                        + r.firedRuleIds());
            }
        }

        /** @return the shared engine */
        public TriageEngine engine() {
            return engine;
        }

        /** @return the typical request */
        public TriageRequest typical() {
            return typical;
        }

        /** @return the red-flag request */
        public TriageRequest redFlag() {
            return redFlag;
        }
    }

    /**
     * @param s shared state
     * @return the decision, consumed by JMH so that the evaluation cannot be optimised away
     */
    @Benchmark
    @Threads(1)
    public TriageDecision typical1Thread(EngineState s) {
        return s.engine.evaluate(s.typical);
    }

    /**
     * @param s shared state
     * @return the decision
     */
    @Benchmark
    @Threads(2)
    public TriageDecision typical2Threads(EngineState s) {
        return s.engine.evaluate(s.typical);
    }

    /**
     * @param s shared state
     * @return the decision, from an engine that builds a new rule session for every evaluation
     */
    @Benchmark
    @Threads(1)
    public TriageDecision typicalNewSession1Thread(EngineState s) {
        return s.newSessions.evaluate(s.typical);
    }

    /**
     * @param s shared state
     * @return the decision
     */
    @Benchmark
    @Threads(1)
    public TriageDecision redFlag1Thread(EngineState s) {
        return s.engine.evaluate(s.redFlag);
    }

    /**
     * @param s shared state
     * @return the decision
     */
    @Benchmark
    @Threads(2)
    public TriageDecision redFlag2Threads(EngineState s) {
        return s.engine.evaluate(s.redFlag);
    }
}
