package org.twitchtriage.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.twitchtriage.rules.ProjectRules.ENGINE;
import static org.twitchtriage.testkit.TriageAssertions.assertThat;
import static org.twitchtriage.testkit.TriageRequests.adult;
import static org.twitchtriage.testkit.TriageRequests.pregnantWoman;
import static org.twitchtriage.testkit.TriageRequests.twitch;

import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.twitchtriage.engine.TriageDecision;
import org.twitchtriage.model.BodySite;
import org.twitchtriage.model.Finding;
import org.twitchtriage.model.FindingCode;
import org.twitchtriage.model.FindingKind;
import org.twitchtriage.model.SelfCare;
import org.twitchtriage.model.Sex;
import org.twitchtriage.model.Symptom;
import org.twitchtriage.model.Urgency;
import org.twitchtriage.testkit.RuleCase;

/**
 * Pregnancy (pregnancy/pregnancy.drl): a raised need for magnesium makes deficiency the first suspicion (PREG-2);
 * magnesium from food first, tablets can help (PREG-3); a doctor when that does not help (PREG-4).
 */
class PregnancyRulesTest {
    static Stream<RuleCase> cases() {
        return Stream.of(
                RuleCase.of("pregnant, calf twitch: magnesium deficiency, food first and tablets (PREG-2, PREG-3)",
                                pregnantWoman(), twitch(BodySite.CALF))
                        .fires("PREG-MG-DEFICIENCY", "PREG-MG-SELF-CARE")
                        .doesNotFire("PREG-ABDOMEN", "PREG-UPPER-ARM")
                        .concludes(FindingCode.MAGNESIUM_DEFICIENCY, FindingCode.DIETARY_MAGNESIUM,
                                FindingCode.MAGNESIUM_SUPPLEMENT)
                        .doesNotConclude(FindingCode.SEE_DOCTOR)
                        .urgency(Urgency.ROUTINE),
                RuleCase.of("pregnant, lip twitch: magnesium applies to twitching anywhere in pregnancy (PREG-2)",
                                pregnantWoman(), twitch(BodySite.LIP))
                        .fires("PREG-MG-DEFICIENCY", "PREG-MG-SELF-CARE")
                        .doesNotFire("PREG-ABDOMEN", "PREG-UPPER-ARM")
                        .concludes(FindingCode.MAGNESIUM_DEFICIENCY, FindingCode.DIETARY_MAGNESIUM)
                        .urgency(Urgency.ROUTINE),
                RuleCase.of("not pregnant, calf twitch: none of the pregnancy rules",
                                adult(Sex.FEMALE), twitch(BodySite.CALF))
                        .doesNotFire("PREG-MG-DEFICIENCY", "PREG-MG-SELF-CARE", "PREG-ABDOMEN", "PREG-UPPER-ARM"),
                RuleCase.of("pregnant, abdominal twitch: raised magnesium need, magnesium first (ABD-2, ABD-3)",
                                pregnantWoman(), twitch(BodySite.ABDOMEN))
                        .fires("PREG-ABDOMEN", "PREG-MG-DEFICIENCY", "ABD-MAGNESIUM-FIRST")
                        .doesNotFire("PREG-UPPER-ARM")
                        .concludes(FindingCode.MAGNESIUM_DEFICIENCY, FindingCode.MAGNESIUM_SUPPLEMENT)
                        .urgency(Urgency.ROUTINE),
                RuleCase.of("not pregnant, abdominal twitch: the pregnancy abdomen rule stays out",
                                adult(Sex.FEMALE), twitch(BodySite.ABDOMEN))
                        .fires("ABD-MAGNESIUM")
                        .doesNotFire("PREG-ABDOMEN", "PREG-MG-DEFICIENCY"),
                RuleCase.of("pregnant, upper-arm twitch: magnesium tablets in a phase of high need (UARM-9)",
                                pregnantWoman(), twitch(BodySite.UPPER_ARM))
                        .fires("PREG-UPPER-ARM", "PREG-MG-DEFICIENCY", "PREG-MG-SELF-CARE")
                        .doesNotFire("PREG-ABDOMEN")
                        .concludes(FindingCode.MAGNESIUM_SUPPLEMENT, FindingCode.USUALLY_HARMLESS)
                        .urgency(Urgency.ROUTINE),
                RuleCase.of("pregnant, upper-arm twitch with pain: a doctor urgently, not tablets (UARM-10)",
                                pregnantWoman(), twitch(BodySite.UPPER_ARM).symptom(Symptom.PAIN))
                        .fires("PREG-MG-DEFICIENCY", "REF-UARM-URGENT")
                        .doesNotFire("PREG-UPPER-ARM", "PREG-MG-SELF-CARE")
                        .concludes(FindingCode.SEE_DOCTOR)
                        .doesNotConclude(FindingCode.MAGNESIUM_SUPPLEMENT, FindingCode.DIETARY_MAGNESIUM)
                        .urgency(Urgency.URGENT),
                RuleCase.of("pregnant, calf twitch with disturbed sensation: deficiency still considered, "
                                        + "but the doctor comes before self-care (CALF-6)",
                                pregnantWoman(), twitch(BodySite.CALF).symptom(Symptom.SENSORY_DISTURBANCE))
                        .fires("PREG-MG-DEFICIENCY", "PREG-MG-SELF-CARE")
                        .concludes(FindingCode.MAGNESIUM_DEFICIENCY, FindingCode.SEE_DOCTOR,
                                FindingCode.DIETARY_MAGNESIUM, FindingCode.MAGNESIUM_SUPPLEMENT)
                        .doesNotConclude(FindingCode.USUALLY_HARMLESS),
                RuleCase.of("pregnant, calf twitch with weakness: urgent, so the doctor comes before magnesium",
                                pregnantWoman(), twitch(BodySite.CALF).symptom(Symptom.PARALYSIS))
                        .fires("PREG-MG-DEFICIENCY")
                        .doesNotFire("PREG-MG-SELF-CARE", "CALF-MAGNESIUM")
                        .doesNotConclude(FindingCode.DIETARY_MAGNESIUM, FindingCode.MAGNESIUM_SUPPLEMENT)
                        .urgency(Urgency.URGENT),
                RuleCase.of("pregnant, upper-arm twitch not better with magnesium: doctor, no more tablets (PREG-4)",
                                pregnantWoman(), twitch(BodySite.UPPER_ARM).selfCare(SelfCare.NO_IMPROVEMENT))
                        .fires("PREG-MG-DEFICIENCY", "REF-SELF-CARE-FAILED")
                        .doesNotFire("PREG-UPPER-ARM", "PREG-MG-SELF-CARE")
                        .concludes(FindingCode.SEE_DOCTOR)
                        .doesNotConclude(FindingCode.MAGNESIUM_SUPPLEMENT, FindingCode.USUALLY_HARMLESS)
                        .urgency(Urgency.SOON),
                RuleCase.of("pregnant, eyelid twitch that got better with magnesium: keep to the magnesium",
                                pregnantWoman(), twitch(BodySite.EYELID).selfCare(SelfCare.HELPED))
                        .fires("PREG-MG-DEFICIENCY", "PREG-MG-SELF-CARE")
                        .doesNotConclude(FindingCode.SEE_DOCTOR)
                        .urgency(Urgency.ROUTINE));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void rule(RuleCase c) {
        c.verify(ENGINE);
    }

    @Test
    @DisplayName("Pregnant with a twitching calf: magnesium deficiency is the likely cause; more magnesium first")
    void pregnantWithCalfTwitch_suggestsMagnesiumDeficiency() {
        TriageDecision d = RuleCase.of("pregnant, calf twitch", pregnantWoman(), twitch(BodySite.CALF))
                .fires("PREG-MG-DEFICIENCY", "PREG-MG-SELF-CARE")
                .urgency(Urgency.ROUTINE)
                .verify(ENGINE);
        Finding deficiency = assertThat(d).hasFinding(FindingCode.MAGNESIUM_DEFICIENCY).actual();
        assertThat(deficiency.getRules()).contains("PREG-MG-DEFICIENCY", "CALF-ELECTROLYTES");
        assertThat(deficiency.getPassages()).contains("PREG-2", "CALF-8");
        Finding diet = assertThat(d).hasFinding(FindingCode.DIETARY_MAGNESIUM).actual();
        assertThat(diet.getRules()).contains("PREG-MG-SELF-CARE");
        assertThat(diet.getPassages()).contains("PREG-3");
        Finding tablets = assertThat(d).hasFinding(FindingCode.MAGNESIUM_SUPPLEMENT).actual();
        assertThat(tablets.getRules()).contains("PREG-MG-SELF-CARE");
        assertThat(tablets.getUrgency()).isEqualTo(Urgency.ROUTINE);
    }

    @Test
    @DisplayName("Pregnant, magnesium did not help: definitely talk to a doctor, and stop recommending magnesium")
    void pregnantWithoutImprovement_talkToDoctor() {
        TriageDecision d = RuleCase.of("pregnant, calf twitch, magnesium did not help", pregnantWoman(),
                        twitch(BodySite.CALF).selfCare(SelfCare.NO_IMPROVEMENT))
                .fires("REF-SELF-CARE-FAILED")
                .doesNotFire("PREG-MG-SELF-CARE")
                .urgency(Urgency.SOON)
                .verify(ENGINE);
        Finding doctor = assertThat(d).hasFinding(FindingCode.SEE_DOCTOR).actual();
        assertThat(doctor.getPassages()).contains("PREG-4");
        assertThat(doctor.getRules()).containsExactly("REF-SELF-CARE-FAILED");
        assertThat(d.findings(FindingKind.SELF_CARE)).isEmpty();
    }

    @Test
    @DisplayName("Pregnant with abdominal twitching: the raised magnesium need is cited from the abdomen passages")
    void pregnantWithAbdominalTwitch_magnesiumNeed() {
        TriageDecision d = RuleCase.of("pregnant, abdominal twitch", pregnantWoman(), twitch(BodySite.ABDOMEN))
                .fires("PREG-ABDOMEN")
                .verify(ENGINE);
        Finding deficiency = assertThat(d).hasFinding(FindingCode.MAGNESIUM_DEFICIENCY).actual();
        assertThat(deficiency.getRules()).contains("PREG-ABDOMEN", "PREG-MG-DEFICIENCY", "ABD-MAGNESIUM");
        assertThat(deficiency.getPassages()).contains("ABD-2", "PREG-2");
    }
}
