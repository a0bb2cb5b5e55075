package org.twitchtriage.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.twitchtriage.testkit.TriageAssertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.twitchtriage.engine.TriageDecision;
import org.twitchtriage.model.FindingCode;
import org.twitchtriage.model.FindingKind;
import org.twitchtriage.model.Urgency;

/**
 * Each assertion of {@link DecisionAssert} and {@link FindingAssert} on real decisions: it passes when the decision
 * matches, and otherwise fails with a message that says what was expected and what the decision holds.
 */
class DecisionAssertTest {
    private static final TriageDecision UPPER_ARM_PAIN = Decisions.upperArmPain();
    private static final TriageDecision EYELID = Decisions.eyelidUnderStress();
    private static final TriageDecision WHOLE_BODY = Decisions.wholeBodyParalysis();
    private static final TriageDecision TWO_TWITCHES = Decisions.eyelidAndCalfWithBackPain();

    @Test
    @DisplayName("the fluent chain passes on upper-arm pain: urgent doctor citing UARM-10, no reassurance")
    void matchingDecision_passesTheWholeChain() {
        TriageDecision same = assertThat(UPPER_ARM_PAIN)
                .hasHighestUrgency(Urgency.URGENT)
                .hasFinding(FindingCode.SEE_DOCTOR).withUrgency(Urgency.URGENT).ofKind(FindingKind.REFERRAL)
                .concludedBy("REF-UARM-URGENT", "REF-NERVE-SIGNS").citing("UARM-10").forTwitch("t1")
                .and()
                .hasFinding(FindingCode.HERNIATED_DISC_NECK).citing("muscle-twitching#UARM-11")
                .and()
                .hasNoFinding(FindingCode.USUALLY_HARMLESS)
                .hasNoFindingOfKind(FindingKind.REASSURANCE)
                .firedRule("RF-PAIN")
                .didNotFireRule("LID-REASSURE")
                .hasConclusionFrom("UARM-DISC-NECK")
                .hasNoConclusionFrom("UARM-SELF-CARE")
                .neverReassuresAndEscalatesTheSameTwitch()
                .actual();

        // AssertJ's own assertThat, imported beside the kit's, still applies to everything else
        assertThat(same).isSameAs(UPPER_ARM_PAIN);
    }

    @Test
    @DisplayName("a wrong highest urgency names both urgencies and lists every finding and fired rule")
    void hasHighestUrgency_failsNamingExpectedActualAndTheDecision() {
        assertThatThrownBy(() -> assertThat(UPPER_ARM_PAIN).hasHighestUrgency(Urgency.ROUTINE))
                .isInstanceOf(AssertionError.class)
                .hasMessageContainingAll(
                        "Expecting the highest urgency to be ROUTINE but it is URGENT.",
                        "The decision (highest urgency URGENT) has",
                        "  - SEE_DOCTOR (See a doctor): URGENT, twitch t1, rules REF-NERVE-SIGNS, REF-UARM-URGENT,"
                                + " passages ",
                        "  - RED_FLAG_PAIN (Twitching with pain): SOON, twitch t1, rules RF-PAIN",
                        "Rules fired, in order: ",
                        "UARM-DISC-NECK");
    }

    @Test
    @DisplayName("a description given with as() leads the failure message")
    void failure_startsWithTheDescription() {
        assertThatThrownBy(() -> assertThat(UPPER_ARM_PAIN).as("upper arm with pain").hasHighestUrgency(Urgency.SOON))
                .hasMessageStartingWith("[upper arm with pain] ");
    }

    @Test
    @DisplayName("a null decision fails instead of throwing a NullPointerException")
    void nullDecision_fails() {
        assertThatThrownBy(() -> assertThat((TriageDecision) null).hasHighestUrgency(Urgency.ROUTINE))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("Expecting actual not to be null");
    }

    @Test
    @DisplayName("a missing finding is named with its display text, beside the findings the decision has")
    void hasFinding_failsListingTheFindings() {
        assertThatThrownBy(() -> assertThat(EYELID).hasFinding(FindingCode.SEE_DOCTOR))
                .isInstanceOf(AssertionError.class)
                .hasMessageContainingAll(
                        "Expecting the decision to conclude SEE_DOCTOR (See a doctor), but it does not.",
                        "USUALLY_HARMLESS (Usually harmless and passes by itself): ROUTINE, twitch t1, rules"
                                + " LID-REASSURE, passages LID-2",
                        "STRESS (Stress or psychological strain): ROUTINE, twitch t1, rules LID-STRESS, passages LID-1");
    }

    @Test
    @DisplayName("a finding's wrong urgency shows each rule's contribution to it")
    void withUrgency_failsShowingTheContributions() {
        assertThatThrownBy(() -> assertThat(UPPER_ARM_PAIN).hasFinding(FindingCode.SEE_DOCTOR)
                .withUrgency(Urgency.SOON))
                .isInstanceOf(AssertionError.class)
                .hasMessageContainingAll(
                        "Expecting finding SEE_DOCTOR (See a doctor) to have urgency SOON, but its urgency is URGENT.",
                        "    REF-UARM-URGENT: URGENT, twitch t1, \"Upper-arm twitching with pain",
                        "    REF-NERVE-SIGNS: SOON, twitch t1, \"");
    }

    @Test
    @DisplayName("a finding concluded by other rules names the missing rule and the actual ones")
    void concludedBy_failsNamingTheRules() {
        assertThatThrownBy(() -> assertThat(UPPER_ARM_PAIN).hasFinding(FindingCode.SEE_DOCTOR)
                .concludedBy("REF-UARM-URGENT", "REF-PARALYSIS"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("Expecting finding SEE_DOCTOR (See a doctor) to be concluded by REF-UARM-URGENT,"
                        + " REF-PARALYSIS, but not by REF-PARALYSIS; it was concluded by REF-NERVE-SIGNS,"
                        + " REF-UARM-URGENT.");
    }

    @Test
    @DisplayName("a passage the finding does not cite is named beside the passages it does cite")
    void citing_failsNamingThePassages() {
        assertThatThrownBy(() -> assertThat(UPPER_ARM_PAIN).hasFinding(FindingCode.HERNIATED_DISC_NECK)
                .citing("UARM-11", "muscle-twitching#EYE-3"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("Expecting finding HERNIATED_DISC_NECK (Herniated disc in the neck) to cite"
                        + " UARM-11, EYE-3, but it does not cite EYE-3; it cites UARM-10, UARM-11.");
    }

    @Test
    @DisplayName("a finding about another twitch names the twitch it concerns")
    void forTwitch_failsNamingTheTwitches() {
        assertThatThrownBy(() -> assertThat(TWO_TWITCHES).hasFinding(FindingCode.SEE_DOCTOR).forTwitch("t1"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("Expecting finding SEE_DOCTOR (See a doctor) to concern twitch t1, but it"
                        + " concerns twitch t2.");
    }

    @Test
    @DisplayName("a finding of another kind names both kinds")
    void ofKind_failsNamingBothKinds() {
        assertThatThrownBy(() -> assertThat(UPPER_ARM_PAIN).hasFinding(FindingCode.SEE_DOCTOR)
                .ofKind(FindingKind.HYPOTHESIS))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("to be of kind HYPOTHESIS, but it is of kind REFERRAL.");
    }

    @Test
    @DisplayName("concludedBy and citing need something to look for")
    void concludedByAndCiting_rejectAnEmptyList() {
        FindingAssert seeDoctor = assertThat(UPPER_ARM_PAIN).hasFinding(FindingCode.SEE_DOCTOR);

        assertThatThrownBy(seeDoctor::concludedBy).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(seeDoctor::citing).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @DisplayName("a finding that must be absent is shown with its rules and their reasons")
    void hasNoFinding_failsShowingTheFinding() {
        assertThat(EYELID).hasNoFinding(FindingCode.SEE_DOCTOR);

        assertThatThrownBy(() -> assertThat(EYELID).hasNoFinding(FindingCode.USUALLY_HARMLESS))
                .isInstanceOf(AssertionError.class)
                .hasMessageContainingAll(
                        "Expecting the decision not to conclude USUALLY_HARMLESS (Usually harmless and passes by"
                                + " itself), but it does:",
                        "  USUALLY_HARMLESS (Usually harmless and passes by itself): ROUTINE, twitch t1, rules"
                                + " LID-REASSURE",
                        "    LID-REASSURE: ROUTINE, twitch t1, \"Fixture: a twitching eyelid");
    }

    @Test
    @DisplayName("no finding of a kind: passes without it, fails listing the findings of that kind")
    void hasNoFindingOfKind_checksTheWholeDecision() {
        assertThat(EYELID).hasNoFindingOfKind(FindingKind.RED_FLAG).hasNoFindingOfKind(FindingKind.REFERRAL);

        assertThatThrownBy(() -> assertThat(EYELID).hasNoFindingOfKind(FindingKind.SELF_CARE))
                .isInstanceOf(AssertionError.class)
                .hasMessageContainingAll("Expecting no finding of kind SELF_CARE, but the decision has:",
                        "WAIT_AND_SEE (Wait: it usually passes by itself): ROUTINE, twitch t1, rules LID-REASSURE");
    }

    @Test
    @DisplayName("no finding of a kind for one twitch: findings about the other twitch do not count")
    void hasNoFindingOfKind_forOneTwitch() {
        assertThat(TWO_TWITCHES)
                .hasNoFindingOfKind(FindingKind.REASSURANCE, "t2")
                .hasNoFindingOfKind(FindingKind.RED_FLAG, "t1")
                .hasNoFindingOfKind(FindingKind.REFERRAL, "t1");

        assertThatThrownBy(() -> assertThat(TWO_TWITCHES).hasNoFindingOfKind(FindingKind.RED_FLAG, "t2"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContainingAll("Expecting no finding of kind RED_FLAG for twitch t2, but the decision has:",
                        "RED_FLAG_BACK_PAIN (Twitching with back pain): SOON, twitch t2, rules RF-BACK-PAIN");
    }

    @Test
    @DisplayName("firedRule counts every firing, also one whose conclusions were withdrawn")
    void firedRule_countsWithdrawnFirings() {
        assertThat(WHOLE_BODY).firedRule("RF-PARALYSIS").firedRule("BODY-REASSURE");

        assertThatThrownBy(() -> assertThat(WHOLE_BODY).firedRule("LID-REASSURE"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContainingAll("Expecting rule LID-REASSURE to fire, but it did not fire.",
                        "BODY-REASSURE (conclusions withdrawn)");
    }

    @Test
    @DisplayName("didNotFireRule fails on a withdrawn firing too, and points to hasNoConclusionFrom")
    void didNotFireRule_failsOnAnyFiring() {
        assertThat(WHOLE_BODY).didNotFireRule("LID-REASSURE");

        assertThatThrownBy(() -> assertThat(WHOLE_BODY).didNotFireRule("BODY-REASSURE"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContainingAll("Expecting rule BODY-REASSURE not to fire, but it fired once.",
                        "Its conclusions were withdrawn later in the evaluation",
                        "hasNoConclusionFrom(\"BODY-REASSURE\")");
        assertThatThrownBy(() -> assertThat(WHOLE_BODY).didNotFireRule("RF-PARALYSIS"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("Expecting rule RF-PARALYSIS not to fire, but it fired once.")
                .hasMessageNotContaining("withdrawn later");
    }

    @Test
    @DisplayName("hasConclusionFrom needs a conclusion that stands, and says why there is none")
    void hasConclusionFrom_needsAStandingConclusion() {
        assertThat(WHOLE_BODY).hasConclusionFrom("NEU-REFER-URGENT");

        assertThatThrownBy(() -> assertThat(WHOLE_BODY).hasConclusionFrom("BODY-REASSURE"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("Expecting rule BODY-REASSURE to have concluded a finding of the decision, but"
                        + " none is concluded by it (it fired, but its conclusions were withdrawn).");
        assertThatThrownBy(() -> assertThat(WHOLE_BODY).hasConclusionFrom("NEU-REFER"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("none is concluded by it (it did not fire).");
    }

    @Test
    @DisplayName("hasNoConclusionFrom ignores a withdrawn firing and lists what a rule did conclude")
    void hasNoConclusionFrom_listsTheRulesFindings() {
        assertThat(WHOLE_BODY).hasNoConclusionFrom("BODY-REASSURE").hasNoConclusionFrom("NEU-REFER");

        assertThatThrownBy(() -> assertThat(WHOLE_BODY).hasNoConclusionFrom("WU-ENG-EMG"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContainingAll("Expecting no finding concluded by rule WU-ENG-EMG, but it concluded:",
                        "  ENG (Electroneurography (ENG): nerve conduction velocity): URGENT, twitch t1",
                        "  EMG (Electromyography (EMG): electrical muscle activity): URGENT, twitch t1");
    }

    @Test
    @DisplayName("reassuring one twitch and escalating another is fine; both for the same twitch is not")
    void neverReassuresAndEscalatesTheSameTwitch() {
        assertThat(TWO_TWITCHES).neverReassuresAndEscalatesTheSameTwitch();
        assertThat(WHOLE_BODY).neverReassuresAndEscalatesTheSameTwitch();

        assertThatThrownBy(() -> assertThat(Decisions.reassuredAndReferred())
                .neverReassuresAndEscalatesTheSameTwitch())
                .isInstanceOf(AssertionError.class)
                .hasMessageContainingAll("Expecting the decision to be safe, but:",
                        "  - NEVER_REASSURED_AND_ESCALATED: twitch t1 is reassured (USUALLY_HARMLESS by BROKEN-REASSURE) and escalated"
                                + " (SEE_DOCTOR by BROKEN-REFERRAL)");
    }
}
