package org.twitchtriage.testkit;

import org.twitchtriage.engine.TriageDecision;

/**
 * Entry point of the decision assertions:
 *
 * <pre>{@code
 * import static org.twitchtriage.testkit.TriageAssertions.assertThat;
 *
 * assertThat(engine.evaluate(request))
 *         .hasHighestUrgency(Urgency.URGENT)
 *         .hasFinding(FindingCode.SEE_DOCTOR).withUrgency(Urgency.URGENT).citing("UARM-10").forTwitch("t1")
 *         .and()
 *         .hasNoFinding(FindingCode.USUALLY_HARMLESS)
 *         .neverReassuresAndEscalatesTheSameTwitch();
 * }</pre>
 *
 * <p>It can be imported next to AssertJ's own {@code Assertions.assertThat}: Java picks this overload for a
 * {@link TriageDecision}. Stateless and thread-safe.
 */
public final class TriageAssertions {
    private TriageAssertions() {
    }

    /**
     * @param decision the decision to check; a {@code null} decision fails every assertion
     * @return assertions on the decision
     */
    public static DecisionAssert assertThat(TriageDecision decision) {
        return new DecisionAssert(decision);
    }
}
