package org.twitchtriage.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.twitchtriage.engine.TriageDecision;
import org.twitchtriage.model.FindingCode;
import org.twitchtriage.model.Urgency;

/** The benchmark state loads and both measured cases decide as their names say. Nothing here is timed. */
class EngineStateTest {
    private static TriageThroughputBenchmark.EngineState state;

    @BeforeAll
    static void load() {
        BenchmarkCases.quietLoggingUnlessConfigured();
        state = new TriageThroughputBenchmark.EngineState();
        state.load();
    }

    @Test
    void typicalCaseGivesMagnesiumAdviceWithoutUrgency() {
        TriageDecision d = new TriageThroughputBenchmark().typical1Thread(state);

        assertThat(d.has(FindingCode.MAGNESIUM_DEFICIENCY)).isTrue();
        assertThat(d.highestUrgency()).isNotEqualTo(Urgency.URGENT);
        assertThat(d.knowledgeBase().ruleCount()).isPositive();
    }

    @Test
    void redFlagCaseIsUrgent() {
        TriageDecision d = new TriageThroughputBenchmark().redFlag2Threads(state);

        assertThat(d.has(FindingCode.RED_FLAG_PARALYSIS)).isTrue();
        assertThat(d.has(FindingCode.SEE_NEUROLOGIST)).isTrue();
        assertThat(d.highestUrgency()).isEqualTo(Urgency.URGENT);
    }
}
