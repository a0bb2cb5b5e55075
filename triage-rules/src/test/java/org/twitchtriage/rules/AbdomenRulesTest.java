package org.twitchtriage.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.twitchtriage.rules.ProjectRules.ENGINE;
import static org.twitchtriage.testkit.TriageAssertions.assertThat;
import static org.twitchtriage.testkit.TriageRequests.adult;
import static org.twitchtriage.testkit.TriageRequests.twitch;

import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.twitchtriage.engine.TriageDecision;
import org.twitchtriage.model.BodySite;
import org.twitchtriage.model.Circumstance;
import org.twitchtriage.model.Finding;
import org.twitchtriage.model.FindingCode;
import org.twitchtriage.model.SelfCare;
import org.twitchtriage.model.Sex;
import org.twitchtriage.model.Symptom;
import org.twitchtriage.model.Urgency;
import org.twitchtriage.testkit.RuleCase;

/**
 * Trunk and abdomen (abdomen/abdomen.drl): rare and usually harmless, stress first, magnesium second (ABD-1,
 * ABD-2); magnesium first (ABD-3); a doctor when that fails (ABD-4), whose workup reaches imaging and cerebrospinal
 * fluid (ABD-5).
 */
class AbdomenRulesTest {
    private static final FindingCode[] NEUROLOGICAL_WORKUP = {FindingCode.EMG, FindingCode.ENG,
        FindingCode.IMAGING_CT_MRI, FindingCode.CSF_ANALYSIS};

    static Stream<RuleCase> cases() {
        return Stream.of(
                RuleCase.of("abdominal twitch under stress: stress, magnesium first, harmless (ABD-1, ABD-3)",
                                adult(Sex.FEMALE).circumstance(Circumstance.STRESS), twitch(BodySite.ABDOMEN))
                        .fires("ABD-STRESS", "ABD-MAGNESIUM", "ABD-MAGNESIUM-FIRST", "ABD-REASSURE")
                        .doesNotFire("ABD-WORKUP")
                        .concludes(FindingCode.STRESS, FindingCode.MAGNESIUM_DEFICIENCY,
                                FindingCode.MAGNESIUM_SUPPLEMENT, FindingCode.USUALLY_HARMLESS)
                        .doesNotConclude(NEUROLOGICAL_WORKUP)
                        .doesNotConclude(FindingCode.SEE_DOCTOR)
                        .urgency(Urgency.ROUTINE),
                RuleCase.of("abdominal twitch after exercise: magnesium deficiency, not stress (ABD-2)",
                                adult(Sex.MALE).circumstance(Circumstance.RECENT_EXERCISE), twitch(BodySite.ABDOMEN))
                        .fires("ABD-MAGNESIUM", "ABD-MAGNESIUM-FIRST", "ABD-REASSURE")
                        .doesNotFire("ABD-STRESS", "ABD-WORKUP")
                        .concludes(FindingCode.MAGNESIUM_DEFICIENCY)
                        .doesNotConclude(FindingCode.STRESS)
                        .urgency(Urgency.ROUTINE),
                RuleCase.of("abdominal twitch that improved with magnesium: harmless, no workup (ABD-3)",
                                adult(Sex.FEMALE), twitch(BodySite.ABDOMEN).selfCare(SelfCare.HELPED))
                        .fires("ABD-REASSURE", "ABD-MAGNESIUM-FIRST")
                        .doesNotFire("ABD-WORKUP")
                        .doesNotConclude(NEUROLOGICAL_WORKUP)
                        .urgency(Urgency.ROUTINE),
                RuleCase.of("abdominal twitch not better with magnesium: doctor, EMG, ENG, imaging, CSF (ABD-4, ABD-5)",
                                adult(Sex.MALE), twitch(BodySite.ABDOMEN).selfCare(SelfCare.NO_IMPROVEMENT))
                        .fires("ABD-WORKUP", "ABD-MAGNESIUM", "REF-SELF-CARE-FAILED", "WU-HISTORY-EXAM")
                        .doesNotFire("ABD-MAGNESIUM-FIRST", "ABD-REASSURE")
                        .concludes(NEUROLOGICAL_WORKUP)
                        .concludes(FindingCode.SEE_DOCTOR, FindingCode.HISTORY, FindingCode.PHYSICAL_EXAMINATION)
                        .doesNotConclude(FindingCode.USUALLY_HARMLESS, FindingCode.MAGNESIUM_SUPPLEMENT)
                        .urgency(Urgency.SOON),
                RuleCase.of("abdominal twitch with numbness: doctor with the abdominal workup (ABD-5)",
                                adult(Sex.FEMALE), twitch(BodySite.ABDOMEN).symptom(Symptom.NUMBNESS))
                        .fires("ABD-WORKUP")
                        .doesNotFire("ABD-MAGNESIUM-FIRST", "ABD-REASSURE")
                        .concludes(FindingCode.IMAGING_CT_MRI, FindingCode.CSF_ANALYSIS)
                        .urgency(Urgency.SOON),
                RuleCase.of("calf twitch not better with magnesium: a doctor, but not the abdominal imaging and CSF",
                                adult(Sex.MALE), twitch(BodySite.CALF).selfCare(SelfCare.NO_IMPROVEMENT))
                        .doesNotFire("ABD-WORKUP", "ABD-MAGNESIUM", "ABD-MAGNESIUM-FIRST", "ABD-REASSURE")
                        .concludes(FindingCode.SEE_DOCTOR)
                        .doesNotConclude(FindingCode.IMAGING_CT_MRI, FindingCode.CSF_ANALYSIS),
                RuleCase.of("stressed, twitching all over the body: the abdominal stress rule stays out",
                                adult(Sex.FEMALE).circumstance(Circumstance.STRESS), twitch(BodySite.WHOLE_BODY))
                        .doesNotFire("ABD-STRESS", "ABD-MAGNESIUM"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void rule(RuleCase c) {
        c.verify(ENGINE);
    }

    @Test
    @DisplayName("Abdominal twitching under stress: take magnesium first; usually harmless (ABD-1, ABD-3)")
    void abdominalTwitchUnderStress_magnesiumFirst_harmless() {
        TriageDecision d = RuleCase.of("abdominal twitch under stress",
                        adult(Sex.MALE).circumstance(Circumstance.STRESS), twitch(BodySite.ABDOMEN))
                .fires("ABD-STRESS", "ABD-MAGNESIUM-FIRST", "ABD-REASSURE")
                .urgency(Urgency.ROUTINE)
                .verify(ENGINE);
        Finding stress = assertThat(d).hasFinding(FindingCode.STRESS).actual();
        assertThat(stress.getRules()).containsExactly("ABD-STRESS");
        assertThat(stress.getPassages()).containsExactly("ABD-1");
        Finding tablets = assertThat(d).hasFinding(FindingCode.MAGNESIUM_SUPPLEMENT).actual();
        assertThat(tablets.getRules()).containsExactly("ABD-MAGNESIUM-FIRST");
        assertThat(tablets.getPassages()).containsExactly("ABD-3");
        assertThat(assertThat(d).hasFinding(FindingCode.USUALLY_HARMLESS).actual().getRules()).containsExactly("ABD-REASSURE");
    }

    @Test
    @DisplayName("Abdominal twitching that magnesium did not improve: doctor; EMG, ENG, CT/MRI and CSF (ABD-4, ABD-5)")
    void abdominalTwitchNotBetterWithMagnesium_neurologicalWorkup() {
        TriageDecision d = RuleCase.of("abdominal twitch, magnesium did not help", adult(Sex.FEMALE),
                        twitch(BodySite.ABDOMEN).selfCare(SelfCare.NO_IMPROVEMENT))
                .fires("ABD-WORKUP")
                .urgency(Urgency.SOON)
                .verify(ENGINE);
        Finding doctor = assertThat(d).hasFinding(FindingCode.SEE_DOCTOR).actual();
        assertThat(doctor.getPassages()).contains("ABD-4");
        for (FindingCode step : NEUROLOGICAL_WORKUP) {
            Finding f = assertThat(d).hasFinding(step).actual();
            assertThat(f.getRules()).as("%s", step).contains("ABD-WORKUP");
            assertThat(f.getPassages()).as("%s", step).contains("ABD-5");
            assertThat(f.getUrgency()).as("%s follows the referral's urgency", step).isEqualTo(Urgency.SOON);
        }
        assertThat(assertThat(d).hasFinding(FindingCode.CSF_ANALYSIS).actual().getRules()).containsExactly("ABD-WORKUP");
    }
}
