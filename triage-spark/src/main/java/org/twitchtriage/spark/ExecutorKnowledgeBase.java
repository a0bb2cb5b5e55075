package org.twitchtriage.spark;

import ca.uhn.fhir.context.FhirContext;
import java.time.LocalDate;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.twitchtriage.batch.RecordDecider;
import org.twitchtriage.engine.TriageEngine;
import org.twitchtriage.fhir.FhirRequestMapper;

/**
 * The knowledge base of one executor JVM: loaded from the class path (the {@code triage-rules} kjar shipped with the
 * job) by the first task that needs it, then shared by every task of that JVM. A {@link TriageEngine} is thread-safe
 * (one KieBase, a new session per evaluation), so concurrent tasks share it; it is never serialised with a closure,
 * only reached through this holder on the executor.
 */
final class ExecutorKnowledgeBase {
    private static final Logger LOG = LoggerFactory.getLogger(ExecutorKnowledgeBase.class);
    private static final AtomicInteger LOADS = new AtomicInteger();
    private static volatile TriageEngine engine;
    private static volatile FhirRequestMapper mapper;

    private ExecutorKnowledgeBase() {
    }

    private static void load() {
        synchronized (ExecutorKnowledgeBase.class) {
            if (engine == null) {
                mapper = new FhirRequestMapper();
                engine = TriageEngine.create();
                LOADS.incrementAndGet();
                LOG.info("knowledge base loaded in this JVM: {} rules, rules sha256 {}",
                        engine.knowledgeBase().ruleCount(), engine.knowledgeBase().rulesSha256());
            }
        }
    }

    /**
     * @param evaluationDate the date FHIR ages and durations are computed for
     * @return a decider on this JVM's knowledge base
     */
    static RecordDecider decider(LocalDate evaluationDate) {
        TriageEngine e = engine();
        return new RecordDecider(mapper, FhirContext.forR4Cached(), evaluationDate, e::evaluate);
    }

    /** @return this JVM's engine, loaded by the first call */
    static TriageEngine engine() {
        if (engine == null) {
            load();
        }
        return engine;
    }

    /** @return how many times this JVM loaded the knowledge base: 1 once loaded, whatever the number of tasks */
    static int loads() {
        return LOADS.get();
    }
}
