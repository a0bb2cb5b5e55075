package org.twitchtriage.rules.properties;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.twitchtriage.engine.KnowledgeBaseInfo;
import org.twitchtriage.engine.TriageDecision;
import org.twitchtriage.model.Finding;
import org.twitchtriage.model.FindingCode;
import org.twitchtriage.model.Urgency;

/** The safety checks recognise unsafe decisions, so that a passing property means something. */
class SafetyChecksTest {
    private static final KnowledgeBaseInfo KB = new KnowledgeBaseInfo("test", "test", 0, "unknown");

    @Test
    @DisplayName("A red flag without a referral on its twitch, or with a referral below SOON, is reported")
    void redFlagWithoutDoctor_isReported() {
        assertThat(SafetyChecks.redFlagsReachADoctor(decision(finding(FindingCode.RED_FLAG_PAIN, Urgency.SOON, "t1"),
                finding(FindingCode.SEE_DOCTOR, Urgency.SOON, "t2")))).hasSize(1);
        assertThat(SafetyChecks.redFlagsReachADoctor(decision(finding(FindingCode.RED_FLAG_PAIN, Urgency.SOON, "t1"),
                finding(FindingCode.SEE_DOCTOR, Urgency.ROUTINE, "t1")))).hasSize(1);
        assertThat(SafetyChecks.redFlagsReachADoctor(decision(
                finding(FindingCode.RED_FLAG_PARALYSIS, Urgency.URGENT, "t1"),
                finding(FindingCode.SEE_DOCTOR, Urgency.SOON, "t1")))).hasSize(1);
        assertThat(SafetyChecks.redFlagsReachADoctor(decision(finding(FindingCode.RED_FLAG_PAIN, Urgency.SOON, "t1"),
                finding(FindingCode.SEE_NEUROLOGIST, Urgency.SOON, "t1")))).isEmpty();
    }

    @Test
    @DisplayName("Reassurance, waiting or a harmless sleep start beside URGENT or a neurological suspicion is reported")
    void reassuranceBesideEscalation_isReported() {
        assertThat(SafetyChecks.noReassuranceBesideEscalation(decision(
                finding(FindingCode.USUALLY_HARMLESS, Urgency.ROUTINE, "t1"),
                finding(FindingCode.SEE_DOCTOR, Urgency.URGENT, "t2")))).hasSize(1);
        assertThat(SafetyChecks.noReassuranceBesideEscalation(decision(
                finding(FindingCode.SLEEP_START, Urgency.ROUTINE, "t1"),
                finding(FindingCode.RESTLESS_LEGS_SYNDROME, Urgency.ROUTINE, "t2")))).hasSize(1);
        assertThat(SafetyChecks.noReassuranceBesideEscalation(decision(
                finding(FindingCode.WAIT_AND_SEE, Urgency.ROUTINE, "t1"),
                finding(FindingCode.RED_FLAG_INCREASING, Urgency.SOON, "t1")))).hasSize(1);
        assertThat(SafetyChecks.noReassuranceBesideEscalation(decision(
                finding(FindingCode.USUALLY_HARMLESS, Urgency.ROUTINE, "t1"),
                finding(FindingCode.SEE_DOCTOR, Urgency.SOON, "t2")))).isEmpty();
    }

    @Test
    @DisplayName("A worse input that lowers the urgency, removes or weakens a referral is reported")
    void loweredUrgencyOrReferral_isReported() {
        TriageDecision before = decision(finding(FindingCode.SEE_DOCTOR, Urgency.URGENT, "t1"),
                finding(FindingCode.SEE_EYE_DOCTOR, Urgency.SOON, "t2"));
        assertThat(SafetyChecks.notLowered(before, decision(finding(FindingCode.SEE_DOCTOR, Urgency.SOON, "t1"),
                finding(FindingCode.SEE_EYE_DOCTOR, Urgency.SOON, "t2")))).hasSize(3);
        assertThat(SafetyChecks.notLowered(before, decision(finding(FindingCode.SEE_DOCTOR, Urgency.URGENT, "t1"),
                finding(FindingCode.SEE_NEUROLOGIST, Urgency.SOON, "t2")))).hasSize(1);
        assertThat(SafetyChecks.notLowered(before, before)).isEmpty();
        TriageDecision outside = decision(finding(FindingCode.OUTSIDE_GUIDELINE_DURATION, Urgency.SOON, "t1"));
        assertThat(SafetyChecks.notLowered(outside, decision(finding(FindingCode.SEE_DOCTOR, Urgency.URGENT, "t1"))))
                .isEmpty();
        assertThat(SafetyChecks.notLowered(outside, decision(finding(FindingCode.WAIT_AND_SEE, Urgency.ROUTINE, "t1"))))
                .hasSize(2);
    }

    @Test
    @DisplayName("The canonical form ignores the order of contributions but not what they say")
    void canonicalForm_ignoresOrderOnly() {
        Finding.Reason a = new Finding.Reason("R1", "t1", Urgency.SOON, "one", List.of("P-1"), 0);
        Finding.Reason b = new Finding.Reason("R2", "t2", Urgency.SOON, "two", List.of("P-1"), 1);
        Finding.Reason b2 = new Finding.Reason("R2", "t2", Urgency.SOON, "two", List.of("P-1"), 0);
        Finding ab = Finding.builder().code(FindingCode.SEE_DOCTOR).urgency(Urgency.SOON).passage("P-1")
                .rule("R1").rule("R2").twitchId("t1").twitchId("t2").reason(a).reason(b).build();
        Finding ba = Finding.builder().code(FindingCode.SEE_DOCTOR).urgency(Urgency.SOON).passage("P-1")
                .rule("R1").rule("R2").twitchId("t1").twitchId("t2").reason(b2).reason(a).build();
        assertThat(SafetyChecks.canonical(decision(ab))).isEqualTo(SafetyChecks.canonical(decision(ba)));
        assertThat(SafetyChecks.canonical(decision(ab)))
                .isNotEqualTo(SafetyChecks.canonical(decision(finding(FindingCode.SEE_DOCTOR, Urgency.SOON, "t1"))));
    }

    @Test
    @DisplayName("The checks' reassurance and nervous-system sets agree with the model's own")
    void setsAgreeWithTheModel() {
        assertThat(SafetyChecks.REASSURANCE).containsExactlyInAnyOrderElementsOf(
                List.of(FindingCode.values()).stream().filter(FindingCode::isReassuring).toList());
        assertThat(SafetyChecks.NERVOUS_SYSTEM_SUSPICION).containsExactlyInAnyOrderElementsOf(
                java.util.stream.Stream.concat(java.util.stream.Stream.of(FindingCode.SEE_NEUROLOGIST),
                        List.of(FindingCode.values()).stream().filter(FindingCode::isNervousSystemDisease)).toList());
    }

    @Test
    @DisplayName("A note that the case is outside the guideline counts as a doctor for a red flag, at its urgency")
    void outsideGuidelineCountsAsDoctor() {
        assertThat(SafetyChecks.redFlagsReachADoctor(decision(finding(FindingCode.RED_FLAG_PAIN, Urgency.SOON, "t1"),
                finding(FindingCode.OUTSIDE_GUIDELINE_AGE, Urgency.SOON, "t1")))).isEmpty();
        assertThat(SafetyChecks.redFlagsReachADoctor(decision(
                finding(FindingCode.RED_FLAG_PARALYSIS, Urgency.URGENT, "t1"),
                finding(FindingCode.OUTSIDE_GUIDELINE_SYMPTOM, Urgency.SOON, "t1")))).hasSize(1);
    }

    private static TriageDecision decision(Finding... findings) {
        Urgency highest = List.of(findings).stream().map(Finding::getUrgency).reduce(Urgency.ROUTINE, Urgency::max);
        return new TriageDecision(List.of(findings), highest, List.of(), KB);
    }

    private static Finding finding(FindingCode code, Urgency urgency, String twitchId) {
        return Finding.builder().code(code).urgency(urgency).passage("P-1").rule("R-" + code).twitchId(twitchId)
                .reason(new Finding.Reason("R-" + code, twitchId, urgency, "because", List.of("P-1"), 0)).build();
    }
}
