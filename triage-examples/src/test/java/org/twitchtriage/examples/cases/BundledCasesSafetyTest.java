package org.twitchtriage.examples.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.twitchtriage.testkit.TriageAssertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.twitchtriage.model.FindingKind;
import org.twitchtriage.testkit.SafetyInvariant;

/**
 * Safety properties every decision on a bundled case must have, whatever the golden files say, one test per
 * {@link SafetyInvariant} of the testkit (their definitions live there, shared with the rule tests): a twitch is
 * never reassured while it is also escalated, a red flag always leads to a doctor and never leaves the patient at
 * routine urgency; no reassurance beside an urgent finding or a suspected disease of the nervous system; a twitch
 * outside the guideline goes to a doctor without tablets; children stay inside the guideline's scope
 * (docs/clinical-scope.md). A reason about the patient as a whole counts for every twitch of the case.
 */
class BundledCasesSafetyTest {

    static Stream<String> caseNames() {
        return BundledCases.names().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("caseNames")
    @DisplayName("no twitch is told it is harmless while it is red-flagged or referred")
    void noTwitch_isBothReassuredAndEscalated(String caseName) {
        meets(caseName, SafetyInvariant.NEVER_REASSURED_AND_ESCALATED);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("caseNames")
    @DisplayName("every red-flagged twitch is referred to a doctor")
    void everyRedFlaggedTwitch_isReferred(String caseName) {
        meets(caseName, SafetyInvariant.RED_FLAGS_REFERRED);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("caseNames")
    @DisplayName("a red flag makes the highest urgency at least SOON")
    void redFlag_meansSoonOrHigher(String caseName) {
        meets(caseName, SafetyInvariant.RED_FLAGS_RAISE_THE_URGENCY);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("caseNames")
    @DisplayName("no reassurance for a patient with an urgent finding, a neurologist or a suspected nervous-system disease")
    void noReassurance_besideUrgencyOrNervousSystemDisease(String caseName) {
        meets(caseName, SafetyInvariant.NO_REASSURANCE_BESIDE_URGENCY_OR_NERVOUS_SYSTEM_DISEASE);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("caseNames")
    @DisplayName("a twitch outside the guideline is referred to a doctor and gets no magnesium tablets")
    void outsideTheGuideline_meansADoctorAndNoTablets(String caseName) {
        meets(caseName, SafetyInvariant.OUTSIDE_THE_GUIDELINE_MEANS_A_DOCTOR_WITHOUT_TABLETS);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("caseNames")
    @DisplayName("no ALS or MS for a patient under 18, and no case under school age inside the guideline")
    void childrenGetNoAdultOnlyHypotheses(String caseName) {
        meets(caseName, SafetyInvariant.CHILDREN_IN_THE_GUIDELINE_SCOPE);
    }

    @Test
    @DisplayName("the bundled cases include red-flagged and reassured twitches, so the checks above are not idle")
    void bundledCases_exerciseBothSides() {
        assertThat(BundledCases.names())
                .anySatisfy(n -> assertThat(BundledCases.decision(n).findings(FindingKind.RED_FLAG)).isNotEmpty())
                .anySatisfy(n -> assertThat(BundledCases.decision(n).findings(FindingKind.REASSURANCE)).isNotEmpty());
    }

    private static void meets(String caseName, SafetyInvariant invariant) {
        assertThat(BundledCases.decision(caseName)).as(caseName).meets(BundledCases.request(caseName), invariant);
    }
}
