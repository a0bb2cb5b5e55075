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
import org.twitchtriage.model.Course;
import org.twitchtriage.model.Finding;
import org.twitchtriage.model.FindingCode;
import org.twitchtriage.model.SelfCare;
import org.twitchtriage.model.Sex;
import org.twitchtriage.model.Symptom;
import org.twitchtriage.model.Urgency;
import org.twitchtriage.testkit.RuleCase;

/**
 * Eye (eye/eye.drl): stress, fatigue, magnesium (EYE-2); the eye doctor first, for infection and eyesight (EYE-3,
 * EYE-4); a neurologist only when further clarification is needed, for rare central causes (EYE-5, EYE-6).
 */
class EyeRulesTest {
    private static final String[] CENTRAL_CAUSES_RULE = {"EYE-NEUROLOGIST"};

    static Stream<RuleCase> cases() {
        return Stream.of(
                RuleCase.of("new eye twitch: magnesium considered, eye doctor first, routine (EYE-2, EYE-3)",
                                adult(Sex.FEMALE), twitch(BodySite.EYE))
                        .fires("EYE-MAGNESIUM", "EYE-OPHTHALMOLOGIST")
                        .doesNotFire(CENTRAL_CAUSES_RULE)
                        .doesNotFire("EYE-STRESS", "EYE-TIREDNESS", "EYE-INFECTION", "EYE-VISION")
                        .concludes(FindingCode.MAGNESIUM_DEFICIENCY, FindingCode.SEE_EYE_DOCTOR,
                                FindingCode.EYE_EXAMINATION)
                        .doesNotConclude(FindingCode.SEE_NEUROLOGIST, FindingCode.ALS, FindingCode.BRAIN_TUMOUR,
                                FindingCode.EYE_INFECTION)
                        .urgency(Urgency.ROUTINE),
                RuleCase.of("eye twitch under stress: stress (EYE-2)",
                                adult(Sex.MALE).circumstance(Circumstance.STRESS), twitch(BodySite.EYE))
                        .fires("EYE-STRESS")
                        .doesNotFire("EYE-TIREDNESS")
                        .concludes(FindingCode.STRESS),
                RuleCase.of("eyelid twitch under stress: stress (EYE-2)",
                                adult(Sex.FEMALE).circumstance(Circumstance.STRESS), twitch(BodySite.EYELID))
                        .fires("EYE-STRESS")
                        .concludes(FindingCode.STRESS),
                RuleCase.of("tired, eye twitch: fatigue (EYE-2)",
                                adult(Sex.MALE).circumstance(Circumstance.TIREDNESS), twitch(BodySite.EYE))
                        .fires("EYE-TIREDNESS")
                        .doesNotFire("EYE-STRESS")
                        .concludes(FindingCode.TIREDNESS),
                RuleCase.of("tired, eyelid twitch: fatigue (EYE-2)",
                                adult(Sex.FEMALE).circumstance(Circumstance.TIREDNESS), twitch(BodySite.EYELID))
                        .fires("EYE-TIREDNESS")
                        .concludes(FindingCode.TIREDNESS),
                RuleCase.of("stressed and tired, but the twitch is in the thumb: the eye causes stay out",
                                adult(Sex.MALE).circumstance(Circumstance.STRESS).circumstance(Circumstance.TIREDNESS),
                                twitch(BodySite.HAND))
                        .doesNotFire("EYE-STRESS", "EYE-TIREDNESS", "EYE-MAGNESIUM", "EYE-OPHTHALMOLOGIST"),
                RuleCase.of("eye twitch with redness and discharge: eye infection, eye doctor within days (EYE-3)",
                                adult(Sex.FEMALE), twitch(BodySite.EYE).symptom(Symptom.EYE_INFECTION_SIGNS))
                        .fires("EYE-INFECTION", "EYE-OPHTHALMOLOGIST")
                        .doesNotFire("EYE-VISION")
                        .doesNotFire(CENTRAL_CAUSES_RULE)
                        .concludes(FindingCode.EYE_INFECTION, FindingCode.SEE_EYE_DOCTOR)
                        .doesNotConclude(FindingCode.DEFECTIVE_VISION)
                        .urgency(Urgency.SOON),
                RuleCase.of("eyelid twitch with signs of infection: eye infection, eye doctor, no reassurance",
                                adult(Sex.MALE), twitch(BodySite.EYELID).symptom(Symptom.EYE_INFECTION_SIGNS))
                        .fires("EYE-INFECTION")
                        .doesNotFire("EYE-OPHTHALMOLOGIST", "LID-REASSURE")
                        .concludes(FindingCode.EYE_INFECTION, FindingCode.SEE_EYE_DOCTOR)
                        .doesNotConclude(FindingCode.USUALLY_HARMLESS)
                        .urgency(Urgency.SOON),
                RuleCase.of("eye twitch with blurred sight: defective vision straining the eye (EYE-4)",
                                adult(Sex.MALE), twitch(BodySite.EYE).symptom(Symptom.IMPAIRED_VISION))
                        .fires("EYE-VISION", "EYE-OPHTHALMOLOGIST")
                        .doesNotFire("EYE-INFECTION")
                        .concludes(FindingCode.DEFECTIVE_VISION, FindingCode.SEE_EYE_DOCTOR,
                                FindingCode.EYE_EXAMINATION)
                        .urgency(Urgency.ROUTINE),
                RuleCase.of("eyelid twitch with blurred sight: defective vision, eye doctor (EYE-4)",
                                adult(Sex.FEMALE), twitch(BodySite.EYELID).symptom(Symptom.IMPAIRED_VISION))
                        .fires("EYE-VISION")
                        .doesNotFire("LID-REASSURE")
                        .concludes(FindingCode.DEFECTIVE_VISION, FindingCode.SEE_EYE_DOCTOR),
                RuleCase.of("facial twitch with blurred sight: the face's own rule sends it to the eye doctor, not EYE-VISION",
                                adult(Sex.MALE), twitch(BodySite.FACE).symptom(Symptom.IMPAIRED_VISION))
                        .fires("FACE-VISION")
                        .doesNotFire("EYE-VISION", "EYE-OPHTHALMOLOGIST", "EYE-OPHTHALMOLOGIST-SOON")
                        .concludes(FindingCode.SEE_EYE_DOCTOR)
                        .doesNotConclude(FindingCode.DEFECTIVE_VISION),
                RuleCase.of("nervous eyelid without eye signs: no eye-doctor referral, it settles by itself (LID-2)",
                                adult(Sex.FEMALE), twitch(BodySite.EYELID))
                        .doesNotFire("EYE-OPHTHALMOLOGIST", "EYE-NEUROLOGIST", "EYE-OPHTHALMOLOGIST-SOON")
                        .doesNotConclude(FindingCode.SEE_EYE_DOCTOR),
                RuleCase.of("eye twitch that persists: eye doctor within days first, neurologist after (EYE-3, EYE-5)",
                                adult(Sex.MALE), twitch(BodySite.EYE).course(Course.PERSISTING))
                        .fires("EYE-NEUROLOGIST", "EYE-OPHTHALMOLOGIST", "EYE-OPHTHALMOLOGIST-SOON")
                        .concludes(FindingCode.SEE_NEUROLOGIST, FindingCode.SEE_EYE_DOCTOR)
                        .doesNotConclude(FindingCode.ALS, FindingCode.MS, FindingCode.EPILEPSY,
                                FindingCode.BRAIN_TUMOUR, FindingCode.ENG, FindingCode.EMG)
                        .urgency(Urgency.SOON),
                RuleCase.of("eye twitch for three weeks, improving: persisting by its duration, eye doctor soon",
                                adult(Sex.FEMALE), twitch(BodySite.EYE).course(Course.IMPROVING).durationDays(21))
                        .fires("RF-PERSISTING", "EYE-OPHTHALMOLOGIST-SOON")
                        .concludes(FindingCode.RED_FLAG_PERSISTING)
                        .urgency(Urgency.SOON),
                RuleCase.of("eye twitch that increases: neurologist (EYE-5)",
                                adult(Sex.FEMALE), twitch(BodySite.EYE).course(Course.INCREASING))
                        .fires("EYE-NEUROLOGIST")
                        .concludes(FindingCode.SEE_NEUROLOGIST)
                        .urgency(Urgency.SOON),
                RuleCase.of("eye twitch not better after self-care: neurologist (EYE-5)",
                                adult(Sex.MALE), twitch(BodySite.EYE).selfCare(SelfCare.NO_IMPROVEMENT))
                        .fires("EYE-NEUROLOGIST")
                        .concludes(FindingCode.SEE_NEUROLOGIST)
                        .urgency(Urgency.SOON),
                RuleCase.of("eye twitch that is improving: no neurologist, the causes are really rare (EYE-6)",
                                adult(Sex.FEMALE), twitch(BodySite.EYE).course(Course.IMPROVING))
                        .fires("EYE-OPHTHALMOLOGIST")
                        .doesNotFire(CENTRAL_CAUSES_RULE).doesNotFire("EYE-OPHTHALMOLOGIST-SOON")
                        .doesNotConclude(FindingCode.SEE_NEUROLOGIST, FindingCode.EPILEPSY, FindingCode.BRAIN_TUMOUR)
                        .urgency(Urgency.ROUTINE),
                RuleCase.of("persisting eyelid twitch: eye doctor and a tic disorder at the neurologist (LID-3, EYE-1)",
                                adult(Sex.MALE), twitch(BodySite.EYELID).course(Course.PERSISTING))
                        .fires("LID-PERSISTING", "EYE-OPHTHALMOLOGIST-SOON")
                        .doesNotFire(CENTRAL_CAUSES_RULE)
                        .doesNotConclude(FindingCode.EPILEPSY, FindingCode.BRAIN_TUMOUR),
                RuleCase.of("facial twitch: the eye's magnesium rule stays out",
                                adult(Sex.FEMALE), twitch(BodySite.FACE))
                        .doesNotFire("EYE-MAGNESIUM", "EYE-OPHTHALMOLOGIST"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void rule(RuleCase c) {
        c.verify(ENGINE);
    }

    @Test
    @DisplayName("Eye twitching: consult an eye doctor first, to rule out infection and check the eyesight (EYE-3)")
    void eyeTwitching_eyeDoctorFirst() {
        TriageDecision d = RuleCase.of("new eye twitch", adult(Sex.MALE), twitch(BodySite.EYE))
                .fires("EYE-OPHTHALMOLOGIST")
                .urgency(Urgency.ROUTINE)
                .verify(ENGINE);
        Finding eyeDoctor = assertThat(d).hasFinding(FindingCode.SEE_EYE_DOCTOR).actual();
        assertThat(eyeDoctor.getRules()).containsExactly("EYE-OPHTHALMOLOGIST");
        assertThat(eyeDoctor.getPassages()).containsExactly("EYE-3");
        assertThat(eyeDoctor.getUrgency()).isEqualTo(Urgency.ROUTINE);
        assertThat(assertThat(d).hasFinding(FindingCode.EYE_EXAMINATION).actual().getRules()).containsExactly("EYE-OPHTHALMOLOGIST");
        assertThat(d.has(FindingCode.SEE_NEUROLOGIST)).isFalse();
    }

    @Test
    @DisplayName("Eye twitching with signs of infection: eye infection suspected, eye doctor within days")
    void eyeTwitchWithInfectionSigns_eyeDoctorSoon() {
        TriageDecision d = RuleCase.of("eye twitch with redness", adult(Sex.FEMALE),
                        twitch(BodySite.EYE).symptom(Symptom.EYE_INFECTION_SIGNS))
                .fires("EYE-INFECTION")
                .urgency(Urgency.SOON)
                .verify(ENGINE);
        Finding eyeDoctor = assertThat(d).hasFinding(FindingCode.SEE_EYE_DOCTOR).actual();
        assertThat(eyeDoctor.getUrgency()).isEqualTo(Urgency.SOON);
        assertThat(eyeDoctor.getRules()).containsExactlyInAnyOrder("EYE-INFECTION", "EYE-OPHTHALMOLOGIST");
        assertThat(eyeDoctor.getPassages()).contains("EYE-3");
        Finding infection = assertThat(d).hasFinding(FindingCode.EYE_INFECTION).actual();
        assertThat(infection.getRules()).containsExactly("EYE-INFECTION");
        assertThat(infection.getPassages()).contains("EYE-2", "EYE-3");
    }

    @Test
    @DisplayName("Eye twitching that persists: the eye doctor first, within days; a neurologist only after (EYE-3, EYE-5)")
    void persistingEyeTwitch_eyeDoctorFirstThenNeurologist() {
        TriageDecision d = RuleCase.of("persisting eye twitch", adult(Sex.FEMALE),
                        twitch(BodySite.EYE).course(Course.PERSISTING))
                .fires("EYE-NEUROLOGIST", "EYE-OPHTHALMOLOGIST", "EYE-OPHTHALMOLOGIST-SOON")
                .urgency(Urgency.SOON)
                .verify(ENGINE);
        Finding eyeDoctor = assertThat(d).hasFinding(FindingCode.SEE_EYE_DOCTOR).actual();
        assertThat(eyeDoctor.getUrgency()).isEqualTo(Urgency.SOON);
        assertThat(eyeDoctor.getPassages()).contains("EYE-3");
        Finding neurologist = assertThat(d).hasFinding(FindingCode.SEE_NEUROLOGIST).actual();
        assertThat(neurologist.getRules()).containsExactly("EYE-NEUROLOGIST");
        assertThat(neurologist.getPassages()).contains("EYE-5");
        assertThat(neurologist.getUrgency()).isEqualTo(Urgency.ROUTINE);
        assertThat(d.has(FindingCode.EPILEPSY) || d.has(FindingCode.BRAIN_TUMOUR) || d.has(FindingCode.EMG)).isFalse();
    }
}
