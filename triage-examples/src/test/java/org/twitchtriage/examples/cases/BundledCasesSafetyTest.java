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
import org.twitchtriage.model.FindingCode;
import org.twitchtriage.model.FindingKind;
import org.twitchtriage.model.Patient;
import org.twitchtriage.model.Twitch;
import org.twitchtriage.model.Urgency;

/**
 * Safety properties every decision on a bundled case must have, whatever the golden files say: a twitch is never
 * reassured while it is also escalated, a red flag always leads to a doctor, and a red flag never leaves the patient
 * at routine urgency; no reassurance beside an urgent finding or a suspected disease of the nervous system; a twitch
 * outside the guideline goes to a doctor without tablets; no adult-only hypotheses for children
 * (docs/clinical-scope.md).
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

        Set<String> reassured = reassured(caseName, decision);
        Set<String> escalated = twitches(caseName, decision, FindingKind.OUTSIDE_GUIDELINE, FindingKind.RED_FLAG,
                FindingKind.REFERRAL);
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

    @ParameterizedTest(name = "{0}")
    @MethodSource("caseNames")
    @DisplayName("no reassurance for a patient with an urgent finding, a neurologist or a suspected nervous-system disease")
    void noReassurance_besideUrgencyOrNervousSystemDisease(String caseName) {
        TriageDecision decision = BundledCases.decision(caseName);

        boolean urgent = decision.findings().stream().anyMatch(f -> f.getUrgency() == Urgency.URGENT);
        boolean neurological = decision.findings().stream().anyMatch(f -> f.getCode().isNervousSystemDisease()
                || f.getCode() == FindingCode.SEE_NEUROLOGIST);
        if (urgent || neurological) {
            assertThat(reassured(caseName, decision)).as("reassured twitches in %s", caseName).isEmpty();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("caseNames")
    @DisplayName("a twitch outside the guideline is referred to a doctor and gets no magnesium tablets")
    void outsideTheGuideline_meansADoctorAndNoTablets(String caseName) {
        TriageDecision decision = BundledCases.decision(caseName);

        Set<String> outside = twitches(caseName, decision, FindingKind.OUTSIDE_GUIDELINE);
        assertThat(twitches(caseName, decision, FindingKind.REFERRAL)).as("referred twitches in %s", caseName)
                .containsAll(outside);
        Set<String> tablets = new TreeSet<>();
        decision.finding(FindingCode.MAGNESIUM_SUPPLEMENT).ifPresent(f -> f.getReasons()
                .forEach(r -> addTwitch(tablets, r.getTwitchId(), outside)));
        tablets.retainAll(outside);
        assertThat(tablets).as("twitches outside the guideline with magnesium tablets in %s", caseName).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("caseNames")
    @DisplayName("no ALS or MS for a patient under 18, and no case under school age inside the guideline")
    void childrenGetNoAdultOnlyHypotheses(String caseName) {
        TriageDecision decision = BundledCases.decision(caseName);
        Patient patient = BundledCases.request(caseName).getPatient();

        if (patient.getAgeYears() < Patient.ADULT_AGE) {
            assertThat(decision.has(FindingCode.ALS) || decision.has(FindingCode.MS))
                    .as("ALS or MS for a patient under %d in %s", Patient.ADULT_AGE, caseName).isFalse();
        }
        if (patient.getAgeYears() < Patient.SCHOOL_AGE) {
            assertThat(decision.has(FindingCode.OUTSIDE_GUIDELINE_AGE))
                    .as("a child under school age noted as outside the guideline in %s", caseName).isTrue();
        }
    }

    @Test
    @DisplayName("the bundled cases include red-flagged and reassured twitches, so the checks above are not idle")
    void bundledCases_exerciseBothSides() {
        assertThat(BundledCases.names())
                .anySatisfy(n -> assertThat(BundledCases.decision(n).findings(FindingKind.RED_FLAG)).isNotEmpty())
                .anySatisfy(n -> assertThat(BundledCases.decision(n).findings(FindingKind.REASSURANCE)).isNotEmpty());
    }

    /** The twitches told that they are harmless or can wait ({@link FindingCode#isReassuring()}). */
    private static Set<String> reassured(String caseName, TriageDecision decision) {
        Set<String> all = new TreeSet<>();
        BundledCases.request(caseName).getTwitches().stream().map(Twitch::getId).forEach(all::add);
        Set<String> ids = new TreeSet<>();
        decision.findings().stream().filter(f -> f.getCode().isReassuring())
                .forEach(f -> f.getReasons().forEach(r -> addTwitch(ids, r.getTwitchId(), all)));
        return ids;
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
