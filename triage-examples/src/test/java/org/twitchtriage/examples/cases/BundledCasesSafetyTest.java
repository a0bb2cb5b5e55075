package org.twitchtriage.examples.cases;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.twitchtriage.engine.TriageDecision;
import org.twitchtriage.model.Finding;
import org.twitchtriage.model.FindingKind;
import org.twitchtriage.model.Twitch;
import org.twitchtriage.model.Urgency;

/**
 * Safety properties every decision on a bundled case must have, whatever the golden files say: a twitch is never
 * reassured while it is also escalated, a red flag always leads to a doctor, and a red flag never leaves the patient
 * at routine urgency.
 *
 * <p>Which twitches a finding concerns is read from its reasons ({@link Finding#getReasons()}), one per contributing
 * rule. A reason about the patient as a whole (no twitch id) counts for every twitch of the case, so that such a
 * finding can neither hide nor dodge a conflict.
 */
class BundledCasesSafetyTest {

    static Stream<String> caseNames() {
        return BundledCases.names().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("caseNames")
    @DisplayName("no twitch is told it is harmless while it is red-flagged or referred")
    void noTwitch_isBothReassuredAndEscalated(String caseName) {
        TriageDecision decision = BundledCases.decision(caseName);

        Set<String> reassured = twitches(caseName, decision, FindingKind.REASSURANCE);
        Set<String> escalated = twitches(caseName, decision, FindingKind.RED_FLAG, FindingKind.REFERRAL);
        reassured.retainAll(escalated);

        assertThat(reassured).as("twitches both reassured and escalated in %s", caseName).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("caseNames")
    @DisplayName("every red-flagged twitch is referred to a doctor")
    void everyRedFlaggedTwitch_isReferred(String caseName) {
        TriageDecision decision = BundledCases.decision(caseName);

        Set<String> redFlagged = twitches(caseName, decision, FindingKind.RED_FLAG);
        Set<String> referred = twitches(caseName, decision, FindingKind.REFERRAL);

        assertThat(referred).as("referred twitches in %s (red-flagged: %s)", caseName, redFlagged)
                .containsAll(redFlagged);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("caseNames")
    @DisplayName("a red flag makes the highest urgency at least SOON")
    void redFlag_meansSoonOrHigher(String caseName) {
        TriageDecision decision = BundledCases.decision(caseName);

        if (!decision.findings(FindingKind.RED_FLAG).isEmpty()) {
            assertThat(decision.highestUrgency()).as("highest urgency in %s, which has a red flag", caseName)
                    .isGreaterThanOrEqualTo(Urgency.SOON);
        }
    }

    @Test
    @DisplayName("the bundled cases include red-flagged and reassured twitches, so the checks above are not idle")
    void bundledCases_exerciseBothSides() {
        assertThat(BundledCases.names())
                .anySatisfy(n -> assertThat(BundledCases.decision(n).findings(FindingKind.RED_FLAG)).isNotEmpty())
                .anySatisfy(n -> assertThat(BundledCases.decision(n).findings(FindingKind.REASSURANCE)).isNotEmpty());
    }

    /** The twitches that the findings of the given kinds concern, by their reasons. */
    private static Set<String> twitches(String caseName, TriageDecision decision, FindingKind... kinds) {
        Set<String> all = new TreeSet<>();
        BundledCases.request(caseName).getTwitches().stream().map(Twitch::getId).forEach(all::add);
        Set<String> ids = new TreeSet<>();
        for (FindingKind kind : kinds) {
            for (Finding f : decision.findings(kind)) {
                for (Finding.Reason r : f.getReasons()) {
                    addTwitch(ids, r.getTwitchId(), all);
                }
            }
        }
        return ids;
    }

    private static void addTwitch(Set<String> ids, String twitchId, Collection<String> everyTwitch) {
        if (twitchId == null) {
            ids.addAll(everyTwitch);
        } else {
            ids.add(twitchId);
        }
    }
}
