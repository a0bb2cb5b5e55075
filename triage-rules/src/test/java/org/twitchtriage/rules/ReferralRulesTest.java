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
import org.twitchtriage.model.Circumstance;
import org.twitchtriage.model.Course;
import org.twitchtriage.model.Finding;
import org.twitchtriage.model.FindingCode;
import org.twitchtriage.model.SelfCare;
import org.twitchtriage.model.Sex;
import org.twitchtriage.model.Symptom;
import org.twitchtriage.model.Urgency;
import org.twitchtriage.testkit.RuleCase;

/** Referrals (referral/referral.drl): every red flag leads to a doctor, with the urgency the guideline asks for. */
class ReferralRulesTest {
    private static final String[] ALL_REFERRAL_RULES = {"REF-PARALYSIS", "REF-UARM-URGENT", "REF-NERVE-SIGNS",
        "REF-INCREASING", "REF-SELF-CARE-FAILED", "REF-HAND-PERSISTING"};

    static Stream<RuleCase> cases() {
        return Stream.of(
                RuleCase.of("knee twitch with weakness: a doctor without delay",
                                adult(Sex.MALE), twitch(BodySite.KNEE).symptom(Symptom.PARALYSIS))
                        .fires("REF-PARALYSIS")
                        .doesNotFire("REF-NERVE-SIGNS", "REF-UARM-URGENT")
                        .concludes(FindingCode.SEE_DOCTOR)
                        .urgency(Urgency.URGENT),
                RuleCase.of("upper-arm twitch with weakness only: urgent for the weakness, not the arm rule",
                                adult(Sex.FEMALE), twitch(BodySite.UPPER_ARM).symptom(Symptom.PARALYSIS))
                        .fires("REF-PARALYSIS")
                        .doesNotFire("REF-UARM-URGENT", "REF-NERVE-SIGNS")
                        .concludes(FindingCode.SEE_DOCTOR)
                        .urgency(Urgency.URGENT),
                RuleCase.of("upper-arm twitch with pain: a doctor urgently (UARM-10)",
                                adult(Sex.MALE), twitch(BodySite.UPPER_ARM).symptom(Symptom.PAIN))
                        .fires("REF-UARM-URGENT", "REF-NERVE-SIGNS")
                        .doesNotFire("REF-PARALYSIS")
                        .concludes(FindingCode.SEE_DOCTOR)
                        .doesNotConclude(FindingCode.USUALLY_HARMLESS)
                        .urgency(Urgency.URGENT),
                RuleCase.of("upper-arm twitch with disturbed sensation: a doctor urgently (UARM-10)",
                                adult(Sex.FEMALE), twitch(BodySite.UPPER_ARM).symptom(Symptom.SENSORY_DISTURBANCE))
                        .fires("REF-UARM-URGENT", "REF-NERVE-SIGNS")
                        .concludes(FindingCode.SEE_DOCTOR)
                        .urgency(Urgency.URGENT),
                RuleCase.of("knee twitch with pain: see a doctor, the urgent upper-arm rule stays out (KNEE-2)",
                                adult(Sex.MALE), twitch(BodySite.KNEE).symptom(Symptom.PAIN))
                        .fires("REF-NERVE-SIGNS")
                        .doesNotFire("REF-UARM-URGENT", "REF-PARALYSIS")
                        .concludes(FindingCode.SEE_DOCTOR)
                        .urgency(Urgency.SOON),
                RuleCase.of("calf twitch with back pain: see a doctor (CALF-6)",
                                adult(Sex.FEMALE), twitch(BodySite.CALF).symptom(Symptom.BACK_PAIN))
                        .fires("REF-NERVE-SIGNS")
                        .doesNotFire("REF-PARALYSIS", "REF-UARM-URGENT")
                        .concludes(FindingCode.SEE_DOCTOR)
                        .urgency(Urgency.SOON),
                RuleCase.of("upper-arm twitch that increases without other symptoms: a doctor, not urgently",
                                adult(Sex.MALE), twitch(BodySite.UPPER_ARM).course(Course.INCREASING))
                        .fires("REF-INCREASING")
                        .doesNotFire("REF-UARM-URGENT", "REF-NERVE-SIGNS")
                        .concludes(FindingCode.SEE_DOCTOR)
                        .urgency(Urgency.SOON),
                RuleCase.of("thumb twitch that increases: a doctor because it increases (BODY-5)",
                                adult(Sex.FEMALE), twitch(BodySite.HAND).course(Course.INCREASING))
                        .fires("REF-INCREASING")
                        .doesNotFire("REF-HAND-PERSISTING")
                        .concludes(FindingCode.SEE_DOCTOR)
                        .urgency(Urgency.SOON),
                RuleCase.of("pregnant, calf twitch not better with magnesium: talk to a doctor (PREG-4)",
                                pregnantWoman(), twitch(BodySite.CALF).selfCare(SelfCare.NO_IMPROVEMENT))
                        .fires("REF-SELF-CARE-FAILED")
                        .doesNotFire("REF-NERVE-SIGNS", "REF-INCREASING")
                        .concludes(FindingCode.SEE_DOCTOR)
                        .doesNotConclude(FindingCode.USUALLY_HARMLESS)
                        .urgency(Urgency.SOON),
                RuleCase.of("pregnant, calf twitch better with magnesium: no doctor needed",
                                pregnantWoman(), twitch(BodySite.CALF).selfCare(SelfCare.HELPED))
                        .doesNotFire(ALL_REFERRAL_RULES)
                        .doesNotConclude(FindingCode.SEE_DOCTOR)
                        .urgency(Urgency.ROUTINE),
                RuleCase.of("thumb twitch that does not go away: see a doctor (HAND-3)",
                                adult(Sex.MALE), twitch(BodySite.HAND).course(Course.PERSISTING))
                        .fires("REF-HAND-PERSISTING")
                        .doesNotFire("REF-INCREASING", "REF-SELF-CARE-FAILED")
                        .concludes(FindingCode.SEE_DOCTOR)
                        .urgency(Urgency.SOON),
                RuleCase.of("persisting eyelid twitch goes to the neurologist, not through the hand rule (LID-3)",
                                adult(Sex.FEMALE), twitch(BodySite.EYELID).course(Course.PERSISTING))
                        .doesNotFire("REF-HAND-PERSISTING", "REF-NERVE-SIGNS", "REF-PARALYSIS")
                        .concludes(FindingCode.SEE_NEUROLOGIST)
                        .doesNotConclude(FindingCode.SEE_DOCTOR),
                RuleCase.of("upper-arm twitch after strength training, nothing else: no referral (UARM-3)",
                                adult(Sex.MALE).circumstance(Circumstance.INTENSIVE_STRENGTH_TRAINING),
                                twitch(BodySite.UPPER_ARM))
                        .doesNotFire(ALL_REFERRAL_RULES)
                        .doesNotConclude(FindingCode.SEE_DOCTOR, FindingCode.SEE_NEUROLOGIST)
                        .urgency(Urgency.ROUTINE),
                RuleCase.of("whole-body twitching under stress: no referral (BODY-3)",
                                adult(Sex.FEMALE).circumstance(Circumstance.STRESS), twitch(BodySite.WHOLE_BODY))
                        .doesNotFire(ALL_REFERRAL_RULES)
                        .doesNotConclude(FindingCode.SEE_DOCTOR)
                        .urgency(Urgency.ROUTINE));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void rule(RuleCase c) {
        c.verify(ENGINE);
    }

    @Test
    @DisplayName("Upper-arm twitching with pain: see a doctor urgently, citing UARM-10, concluded by both nerve rules")
    void upperArmTwitchWithPain_seeDoctorUrgently() {
        TriageDecision d = RuleCase.of("upper-arm twitch with pain", adult(Sex.MALE),
                        twitch(BodySite.UPPER_ARM).symptom(Symptom.PAIN))
                .fires("REF-UARM-URGENT", "REF-NERVE-SIGNS")
                .urgency(Urgency.URGENT)
                .verify(ENGINE);
        Finding doctor = assertThat(d).hasFinding(FindingCode.SEE_DOCTOR).actual();
        assertThat(doctor.getUrgency()).isEqualTo(Urgency.URGENT);
        assertThat(doctor.getRules()).containsExactlyInAnyOrder("REF-UARM-URGENT", "REF-NERVE-SIGNS");
        assertThat(doctor.getPassages()).contains("UARM-10", "UARM-11");
        assertThat(doctor.getReasons()).filteredOn(r -> r.getRuleId().equals("REF-UARM-URGENT"))
                .singleElement().extracting(Finding.Reason::getUrgency).isEqualTo(Urgency.URGENT);
    }

    @Test
    @DisplayName("Weakness with twitching: see a doctor without delay, on the strength of CALF-6")
    void twitchWithWeakness_seeDoctorWithoutDelay() {
        TriageDecision d = RuleCase.of("calf twitch with weakness", adult(Sex.FEMALE),
                        twitch(BodySite.CALF).symptom(Symptom.PARALYSIS))
                .fires("REF-PARALYSIS")
                .urgency(Urgency.URGENT)
                .verify(ENGINE);
        Finding doctor = assertThat(d).hasFinding(FindingCode.SEE_DOCTOR).actual();
        assertThat(doctor.getUrgency()).isEqualTo(Urgency.URGENT);
        assertThat(doctor.getRules()).containsExactly("REF-PARALYSIS");
        assertThat(doctor.getPassages()).contains("CALF-6");
    }

    @Test
    @DisplayName("Thumb twitching that does not pass: see a doctor soon, citing HAND-3, and no reassurance")
    void handTwitchThatDoesNotPass_seeDoctor() {
        TriageDecision d = RuleCase.of("persisting thumb twitch", adult(Sex.MALE),
                        twitch(BodySite.HAND).course(Course.PERSISTING))
                .fires("REF-HAND-PERSISTING")
                .doesNotConclude(FindingCode.USUALLY_HARMLESS, FindingCode.WAIT_AND_SEE)
                .urgency(Urgency.SOON)
                .verify(ENGINE);
        Finding doctor = assertThat(d).hasFinding(FindingCode.SEE_DOCTOR).actual();
        assertThat(doctor.getRules()).containsExactly("REF-HAND-PERSISTING");
        assertThat(doctor.getPassages()).containsExactly("HAND-3");
        assertThat(doctor.getUrgency()).isEqualTo(Urgency.SOON);
    }

    @Test
    @DisplayName("Pregnant and magnesium did not help: definitely talk to a doctor (PREG-4)")
    void pregnantWithoutImprovement_seeDoctor() {
        TriageDecision d = RuleCase.of("pregnant, abdominal twitch, magnesium did not help", pregnantWoman(),
                        twitch(BodySite.ABDOMEN).selfCare(SelfCare.NO_IMPROVEMENT))
                .fires("REF-SELF-CARE-FAILED")
                .urgency(Urgency.SOON)
                .verify(ENGINE);
        Finding doctor = assertThat(d).hasFinding(FindingCode.SEE_DOCTOR).actual();
        assertThat(doctor.getRules()).containsExactly("REF-SELF-CARE-FAILED");
        assertThat(doctor.getPassages()).contains("PREG-4", "ABD-4");
    }
}
