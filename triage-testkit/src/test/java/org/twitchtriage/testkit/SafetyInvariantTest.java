package org.twitchtriage.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.twitchtriage.testkit.TriageAssertions.assertThat;
import static org.twitchtriage.testkit.TriageRequests.adult;
import static org.twitchtriage.testkit.TriageRequests.request;
import static org.twitchtriage.testkit.TriageRequests.twitch;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.twitchtriage.engine.KnowledgeBaseInfo;
import org.twitchtriage.engine.TriageDecision;
import org.twitchtriage.model.BodySite;
import org.twitchtriage.model.Finding;
import org.twitchtriage.model.FindingCode;
import org.twitchtriage.model.Sex;
import org.twitchtriage.model.TriageRequest;
import org.twitchtriage.model.Urgency;

/**
 * Each {@link SafetyInvariant}: it holds on the decisions of the fixture knowledge base, and it finds its problem in
 * a decision built by hand to break it.
 */
class SafetyInvariantTest {
    private static final TriageRequest ADULT_CALF = request(adult(Sex.MALE), twitch(BodySite.CALF));

    @Test
    @DisplayName("the fixture knowledge base's decisions meet every invariant")
    void fixtureDecisions_meetEveryInvariant() {
        for (TriageDecision d : List.of(Decisions.upperArmPain(), Decisions.eyelidUnderStress(),
                Decisions.wholeBodyParalysis(), Decisions.eyelidAndCalfWithBackPain())) {
            assertThat(d).meets(null, SafetyInvariant.values());
        }
        assertThat(Decisions.ENGINE.evaluate(ADULT_CALF)).meetsSafetyInvariants(ADULT_CALF);
    }

    @Test
    @DisplayName("a twitch both reassured and referred breaks the central invariant, and only that one")
    void reassuredAndReferred_isNamed() {
        TriageDecision d = Decisions.reassuredAndReferred();
        assertThat(SafetyInvariant.NEVER_REASSURED_AND_ESCALATED.problems(null, d)).containsExactly(
                "twitch t1 is reassured (USUALLY_HARMLESS by BROKEN-REASSURE) and escalated (SEE_DOCTOR by"
                        + " BROKEN-REFERRAL)");
        assertThat(SafetyInvariant.RED_FLAGS_REFERRED.problems(null, d)).isEmpty();
        assertThatThrownBy(() -> assertThat(d).meetsSafetyInvariants(ADULT_CALF))
                .isInstanceOf(AssertionError.class)
                .hasMessageContainingAll("Expecting the decision to be safe, but:",
                        "  - NEVER_REASSURED_AND_ESCALATED: twitch t1 is reassured");
    }

    @Test
    @DisplayName("a reassurance about the whole patient counts for every twitch of the request")
    void wholePatientReassurance_countsForEveryTwitch() {
        TriageRequest two = request(adult(Sex.MALE), twitch(BodySite.CALF), twitch(BodySite.EYELID));
        TriageDecision d = decision(Urgency.SOON,
                finding(FindingCode.WAIT_AND_SEE, Urgency.ROUTINE, null, "CALF-1"),
                finding(FindingCode.SEE_DOCTOR, Urgency.SOON, "t2", "CALF-6"));
        assertThat(SafetyInvariant.NEVER_REASSURED_AND_ESCALATED.problems(two, d)).containsExactly(
                "twitch t2 is reassured (WAIT_AND_SEE by R-WAIT_AND_SEE) and escalated (SEE_DOCTOR by R-SEE_DOCTOR)");
    }

    @Test
    @DisplayName("a red flag without a doctor, at routine urgency, breaks the two red-flag invariants")
    void redFlagWithoutDoctor_isNamed() {
        TriageDecision d = decision(Urgency.ROUTINE, finding(FindingCode.RED_FLAG_PAIN, Urgency.ROUTINE, "t1",
                "UARM-10"));
        assertThat(SafetyInvariant.RED_FLAGS_REFERRED.problems(ADULT_CALF, d))
                .containsExactly("twitch t1 is red-flagged but not referred to a doctor");
        assertThat(SafetyInvariant.RED_FLAGS_RAISE_THE_URGENCY.problems(ADULT_CALF, d))
                .containsExactly("a red flag or a case outside the guideline, but the highest urgency is ROUTINE");
    }

    @Test
    @DisplayName("reassurance beside an urgent finding or a suspected disease of the nervous system is named")
    void reassuranceBesideGraveFinding_isNamed() {
        TriageDecision d = decision(Urgency.SOON,
                finding(FindingCode.USUALLY_HARMLESS, Urgency.ROUTINE, "t1", "CALF-2"),
                finding(FindingCode.ALS, Urgency.SOON, "t2", "BODY-4"));
        assertThat(SafetyInvariant.NO_REASSURANCE_BESIDE_URGENCY_OR_NERVOUS_SYSTEM_DISEASE.problems(null, d))
                .containsExactly("reassurance [USUALLY_HARMLESS] beside [ALS (SOON)]");
    }

    @Test
    @DisplayName("a twitch outside the guideline with tablets and no doctor, at routine urgency, is named")
    void outsideTheGuidelineWithTablets_isNamed() {
        Finding outside = finding(FindingCode.OUTSIDE_GUIDELINE_CRITICAL_LAB, Urgency.ROUTINE, "t1", "CALF-8");
        Finding tablets = finding(FindingCode.MAGNESIUM_SUPPLEMENT, Urgency.ROUTINE, "t1", "CALF-8");
        SafetyInvariant invariant = SafetyInvariant.OUTSIDE_THE_GUIDELINE_MEANS_A_DOCTOR_WITHOUT_TABLETS;

        assertThat(invariant.problems(null, decision(Urgency.ROUTINE, outside, tablets)))
                .containsExactly("twitch t1 is outside the guideline but not referred to a doctor",
                        "twitch t1 is outside the guideline but gets magnesium tablets",
                        "OUTSIDE_GUIDELINE_CRITICAL_LAB states urgency ROUTINE, not above routine");
    }

    @Test
    @DisplayName("a finding without a passage or a rule is named")
    void uncitedFinding_isNamed() {
        Finding bare = Finding.builder().code(FindingCode.STRESS).urgency(Urgency.ROUTINE).twitchId("t1").build();
        assertThat(SafetyInvariant.FINDINGS_CITE_THE_GUIDELINE_AND_NAME_THEIR_RULES.problems(null,
                decision(Urgency.ROUTINE, bare)))
                .containsExactly("STRESS cites no passage of the guideline", "STRESS names no rule");
    }

    @Test
    @DisplayName("the fixture knowledge base knows nothing of children: a 4-year-old gets tablets and no scope note")
    void childOnTheFixture_breaksTheChildrenInvariant() {
        TriageRequest child = request(adult(Sex.FEMALE).ageYears(4), twitch(BodySite.CALF));
        TriageDecision d = Decisions.ENGINE.evaluate(child);
        assertThat(SafetyInvariant.CHILDREN_IN_THE_GUIDELINE_SCOPE.problems(child, d)).contains(
                "magnesium tablets without a doctor for a patient under 18",
                "a child under 6 is not noted as outside the guideline (OUTSIDE_GUIDELINE_AGE)");
        assertThat(SafetyInvariant.CHILDREN_IN_THE_GUIDELINE_SCOPE.problems(null, d))
                .as("without the request the age is unknown").isEmpty();
        assertThat(SafetyInvariant.CHILDREN_IN_THE_GUIDELINE_SCOPE.problems(ADULT_CALF,
                Decisions.ENGINE.evaluate(ADULT_CALF))).isEmpty();
    }

    @Test
    @DisplayName("meets() needs at least one invariant")
    void meets_requiresAnInvariant() {
        assertThatThrownBy(() -> assertThat(Decisions.upperArmPain()).meets(null))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("name at least one safety invariant");
    }

    /** A finding concluded by one rule ({@code R-<code>}) about one twitch, or the whole patient when null. */
    private static Finding finding(FindingCode code, Urgency urgency, String twitchId, String passage) {
        Finding.FindingBuilder f = Finding.builder().code(code).urgency(urgency).passage(passage)
                .rule("R-" + code.name())
                .reason(new Finding.Reason("R-" + code.name(), twitchId, urgency, code.display(), List.of(passage),
                        0));
        if (twitchId != null) {
            f.twitchId(twitchId);
        }
        return f.build();
    }

    private static TriageDecision decision(Urgency highest, Finding... findings) {
        return new TriageDecision(List.of(findings), highest, List.of(),
                new KnowledgeBaseInfo("test", "test", 1, KnowledgeBaseInfo.UNKNOWN_DIGEST));
    }
}
