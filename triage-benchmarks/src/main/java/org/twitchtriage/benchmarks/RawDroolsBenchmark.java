package org.twitchtriage.benchmarks;

import java.util.concurrent.TimeUnit;
import org.drools.kiesession.rulebase.KnowledgeBaseFactory;
import org.kie.api.KieBase;
import org.kie.api.KieServices;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.KieSessionsPool;
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
import org.twitchtriage.engine.TriageEngine;
import org.twitchtriage.model.TriageRequest;
import org.twitchtriage.model.Twitch;

/**
 * What Drools alone costs, as the yardsticks for {@link TriageThroughputBenchmark}: the same rule sessions without
 * the facade (no request validation, no event listener, no findings), on the project's knowledge base and on an
 * empty one.
 *
 * <ul>
 *   <li>{@code floor}: an empty knowledge base; a session, insert the patient and the twitch, fire, dispose. No
 *       rule can do less: the engine's floor.</li>
 *   <li>{@code rawTypical}, {@code rawRedFlag}: the project's knowledge base, same steps.</li>
 * </ul>
 *
 * <p>Sessions are handled as the facade handles them by default: taken from Drools' session pool and reset on
 * dispose ({@link EngineOptions#isReuseSessions()}). {@code rawTypicalNewSession} builds a new session for every
 * evaluation instead, the facade's handling before session reuse, so both can be compared in one run. Each returns
 * the number of rules fired, which JMH consumes.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = "-Dlogback.configurationFile=" + BenchmarkCases.LOGBACK_CONFIG)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Threads(1)
public class RawDroolsBenchmark {
    /** Same bound as the facade's default, so that a loop could not run away here either. */
    private static final int LIMIT = EngineOptions.DEFAULT_MAX_RULE_FIRINGS;

    /** The knowledge bases, their session pools and the requests; shared by the benchmark's threads. */
    @State(Scope.Benchmark)
    public static class KnowledgeState {
        private KieBase rules;
        private KieBase empty;
        private KieSessionsPool rulesPool;
        private KieSessionsPool emptyPool;
        private TriageRequest typical;
        private TriageRequest redFlag;

        /** Loads the project's knowledge base from the class path and makes an empty one. */
        @Setup(Level.Trial)
        public void load() {
            // built as the engine builds it (its configuration), so that both measure the same network
            ClassLoader loader = TriageEngine.class.getClassLoader();
            rules = KieServices.get().getKieClasspathContainer(loader)
                    .newKieBase(TriageEngine.DEFAULT_KIE_BASE, TriageEngine.kieBaseConfiguration(loader));
            empty = KnowledgeBaseFactory.newKnowledgeBase();
            rulesPool = rules.newKieSessionsPool(1);
            emptyPool = empty.newKieSessionsPool(1);
            typical = BenchmarkCases.typical();
            redFlag = BenchmarkCases.redFlag();
        }

        /** @return the project's knowledge base */
        public KieBase rules() {
            return rules;
        }
    }

    /**
     * Inserts the request's facts into the session, fires and disposes of it (which returns a pooled session to
     * its pool).
     *
     * @return the number of rules fired
     */
    static int decide(KieSession session, TriageRequest request) {
        try {
            session.insert(request.getPatient());
            for (Twitch t : request.getTwitches()) {
                session.insert(t);
            }
            return session.fireAllRules(LIMIT);
        } finally {
            session.dispose();
        }
    }

    /**
     * @param s shared state
     * @return rules fired (none)
     */
    @Benchmark
    public int floor(KnowledgeState s) {
        return decide(s.emptyPool.newKieSession(), s.typical);
    }

    /**
     * @param s shared state
     * @return rules fired
     */
    @Benchmark
    public int rawTypical(KnowledgeState s) {
        return decide(s.rulesPool.newKieSession(), s.typical);
    }

    /**
     * @param s shared state
     * @return rules fired
     */
    @Benchmark
    public int rawRedFlag(KnowledgeState s) {
        return decide(s.rulesPool.newKieSession(), s.redFlag);
    }

    /**
     * @param s shared state
     * @return rules fired
     */
    @Benchmark
    public int rawTypicalNewSession(KnowledgeState s) {
        return decide(s.rules.newKieSession(), s.typical);
    }
}
