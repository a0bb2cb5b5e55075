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
import org.twitchtriage.model.Sex;
import org.twitchtriage.model.Symptom;
import org.twitchtriage.model.Urgency;
import org.twitchtriage.model.Visibility;
import org.twitchtriage.testkit.RuleCase;

/**
 * Upper arm (upperarm/upper-arm.drl): common and mostly harmless (UARM-1, UARM-7); overstrain, magnesium, posture,
 * stress and tiredness (UARM-3, UARM-8); rest and magnesium first (UARM-4, UARM-9); with pain or altered sensation a
 * herniated disc in the neck and an urgent doctor (UARM-10, UARM-11).
 */
class UpperArmRulesTest {
    private static final String[] CAUSE_RULES = {"UARM-OVERSTRAIN", "UARM-POSTURE", "UARM-STRESS",
        "UARM-TIREDNESS"};

    static Stream<RuleCase> cases() {
        return Stream.of(
                RuleCase.of("upper-arm twitch, seen only under the skin: magnesium, rest, harmless (UARM-2, UARM-4)",
                                adult(Sex.MALE), twitch(BodySite.UPPER_ARM).visibility(Visibility.UNDER_SKIN))
                        .fires("UARM-MAGNESIUM", "UARM-SELF-CARE", "UARM-REASSURE")
                        .doesNotFire(CAUSE_RULES)
                        .doesNotFire("UARM-SPORT-MAGNESIUM", "UARM-DISC-NECK")
                        .concludes(FindingCode.MAGNESIUM_DEFICIENCY, FindingCode.REST_LIMB,
                                FindingCode.DIETARY_MAGNESIUM, FindingCode.USUALLY_HARMLESS)
                        .doesNotConclude(FindingCode.HERNIATED_DISC_NECK, FindingCode.SEE_DOCTOR,
                                FindingCode.MAGNESIUM_SUPPLEMENT)
                        .urgency(Urgency.ROUTINE),
                RuleCase.of("arm jerks out of its resting position, nothing else: rare but still harmless (UARM-2)",
                                adult(Sex.FEMALE), twitch(BodySite.UPPER_ARM).visibility(Visibility.LIMB_OR_EYE_MOVES))
                        .fires("UARM-REASSURE", "UARM-SELF-CARE")
                        .concludes(FindingCode.USUALLY_HARMLESS)
                        .urgency(Urgency.ROUTINE),
                RuleCase.of("upper-arm twitch after intensive strength training: overstrain, magnesium tablets "
                                        + "(UARM-3, UARM-9)",
                                adult(Sex.MALE).circumstance(Circumstance.INTENSIVE_STRENGTH_TRAINING),
                                twitch(BodySite.UPPER_ARM))
                        .fires("UARM-OVERSTRAIN", "UARM-SPORT-MAGNESIUM", "UARM-REASSURE")
                        .doesNotFire("UARM-POSTURE", "UARM-STRESS", "UARM-TIREDNESS")
                        .concludes(FindingCode.OVERSTRAIN, FindingCode.MAGNESIUM_SUPPLEMENT)
                        .urgency(Urgency.ROUTINE),
                RuleCase.of("upper-arm twitch after ordinary sport: tablets for the magnesium used, not overstrain "
                                        + "(UARM-9)",
                                adult(Sex.FEMALE).circumstance(Circumstance.RECENT_EXERCISE),
                                twitch(BodySite.UPPER_ARM))
                        .fires("UARM-SPORT-MAGNESIUM")
                        .doesNotFire("UARM-OVERSTRAIN")
                        .concludes(FindingCode.MAGNESIUM_SUPPLEMENT)
                        .doesNotConclude(FindingCode.OVERSTRAIN),
                RuleCase.of("upper-arm twitch with poor posture: muscle tension (UARM-3)",
                                adult(Sex.FEMALE).circumstance(Circumstance.POOR_POSTURE),
                                twitch(BodySite.UPPER_ARM))
                        .fires("UARM-POSTURE")
                        .doesNotFire("UARM-OVERSTRAIN", "UARM-STRESS", "UARM-TIREDNESS", "UARM-SPORT-MAGNESIUM")
                        .concludes(FindingCode.POOR_POSTURE),
                RuleCase.of("upper-arm twitch under stress: stress as the cause (UARM-8)",
                                adult(Sex.MALE).circumstance(Circumstance.STRESS), twitch(BodySite.UPPER_ARM))
                        .fires("UARM-STRESS", "UARM-REASSURE")
                        .doesNotFire("UARM-OVERSTRAIN", "UARM-POSTURE", "UARM-TIREDNESS", "UARM-DISC-NECK")
                        .concludes(FindingCode.STRESS),
                RuleCase.of("tired, upper-arm twitch: tiredness as the cause (UARM-8)",
                                adult(Sex.FEMALE).circumstance(Circumstance.TIREDNESS), twitch(BodySite.UPPER_ARM))
                        .fires("UARM-TIREDNESS")
                        .doesNotFire("UARM-OVERSTRAIN", "UARM-POSTURE", "UARM-STRESS")
                        .concludes(FindingCode.TIREDNESS),
                RuleCase.of("stressed and tired after strength training, but the twitch is in the hand: "
                                        + "no upper-arm rule",
                                adult(Sex.MALE).circumstance(Circumstance.STRESS).circumstance(Circumstance.TIREDNESS)
                                        .circumstance(Circumstance.INTENSIVE_STRENGTH_TRAINING)
                                        .circumstance(Circumstance.POOR_POSTURE),
                                twitch(BodySite.HAND))
                        .doesNotFire(CAUSE_RULES)
                        .doesNotFire("UARM-MAGNESIUM", "UARM-SELF-CARE", "UARM-SPORT-MAGNESIUM", "UARM-REASSURE"),
                RuleCase.of("upper-arm twitch with pain after training: disc in the neck, no tablets or reassurance "
                                        + "(UARM-10, UARM-11)",
                                adult(Sex.MALE).circumstance(Circumstance.INTENSIVE_STRENGTH_TRAINING),
                                twitch(BodySite.UPPER_ARM).symptom(Symptom.PAIN))
                        .fires("UARM-DISC-NECK", "UARM-MAGNESIUM", "UARM-OVERSTRAIN")
                        .doesNotFire("UARM-SELF-CARE", "UARM-SPORT-MAGNESIUM", "UARM-REASSURE")
                        .concludes(FindingCode.HERNIATED_DISC_NECK, FindingCode.SEE_DOCTOR)
                        .doesNotConclude(FindingCode.USUALLY_HARMLESS, FindingCode.REST_LIMB,
                                FindingCode.MAGNESIUM_SUPPLEMENT)
                        .urgency(Urgency.URGENT),
                RuleCase.of("upper-arm twitch with disturbed sensation: disc in the neck (UARM-10, UARM-11)",
                                adult(Sex.FEMALE), twitch(BodySite.UPPER_ARM).symptom(Symptom.SENSORY_DISTURBANCE))
                        .fires("UARM-DISC-NECK")
                        .doesNotFire("UARM-SELF-CARE", "UARM-REASSURE")
                        .concludes(FindingCode.HERNIATED_DISC_NECK)
                        .urgency(Urgency.URGENT),
                RuleCase.of("upper-arm twitch with numbness: disc in the neck, no reassurance (UARM-6)",
                                adult(Sex.MALE), twitch(BodySite.UPPER_ARM).symptom(Symptom.NUMBNESS))
                        .fires("UARM-DISC-NECK", "REF-NERVE-SIGNS")
                        .doesNotFire("UARM-SELF-CARE", "UARM-REASSURE")
                        .concludes(FindingCode.HERNIATED_DISC_NECK, FindingCode.SEE_DOCTOR)
                        .doesNotConclude(FindingCode.USUALLY_HARMLESS),
                RuleCase.of("knee twitch with pain: the neck disc belongs to the arm, not the knee",
                                adult(Sex.FEMALE), twitch(BodySite.KNEE).symptom(Symptom.PAIN))
                        .doesNotFire("UARM-DISC-NECK", "UARM-MAGNESIUM")
                        .doesNotConclude(FindingCode.HERNIATED_DISC_NECK),
                RuleCase.of("upper-arm twitch that increases: doctor soon, resting and magnesium kept (UARM-4), no reassurance",
                                adult(Sex.MALE), twitch(BodySite.UPPER_ARM).course(Course.INCREASING))
                        .fires("UARM-MAGNESIUM", "UARM-SELF-CARE")
                        .doesNotFire("UARM-REASSURE", "UARM-DISC-NECK")
                        .concludes(FindingCode.SEE_DOCTOR, FindingCode.REST_LIMB)
                        .doesNotConclude(FindingCode.USUALLY_HARMLESS)
                        .urgency(Urgency.SOON),
                RuleCase.of("upper-arm twitch with vocal tics: not discussed for the arm, outside the guideline",
                                adult(Sex.MALE).ageYears(16), twitch(BodySite.UPPER_ARM).symptom(Symptom.VOCAL_TICS))
                        .fires("SCOPE-COMPLAINT-UPPER-ARM", "SCOPE-REFER")
                        .doesNotFire("UARM-REASSURE", "UARM-SELF-CARE", "UARM-SPORT-MAGNESIUM")
                        .concludes(FindingCode.OUTSIDE_GUIDELINE_SYMPTOM, FindingCode.SEE_DOCTOR)
                        .doesNotConclude(FindingCode.USUALLY_HARMLESS, FindingCode.MAGNESIUM_SUPPLEMENT)
                        .urgency(Urgency.SOON),
                RuleCase.of("child of 6 with an upper-arm twitch after sport: food, no tablets without a doctor",
                                adult(Sex.MALE).ageYears(6).circumstance(Circumstance.RECENT_EXERCISE),
                                twitch(BodySite.UPPER_ARM))
                        .fires("UARM-SELF-CARE", "SCOPE-CHILD-MAGNESIUM", "UARM-REASSURE")
                        .doesNotFire("UARM-SPORT-MAGNESIUM", "SCOPE-SMALL-CHILD")
                        .concludes(FindingCode.DIETARY_MAGNESIUM)
                        .doesNotConclude(FindingCode.MAGNESIUM_SUPPLEMENT, FindingCode.OUTSIDE_GUIDELINE_AGE)
                        .urgency(Urgency.ROUTINE));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void rule(RuleCase c) {
        c.verify(ENGINE);
    }

    @Test
    @DisplayName("Upper-arm twitching with pain: see a doctor urgently (UARM-10), a disc in the neck is possible")
    void upperArmTwitchWithPain_seeDoctorUrgently_considerNeckDisc() {
        TriageDecision d = RuleCase.of("upper-arm twitch with pain", adult(Sex.FEMALE),
                        twitch(BodySite.UPPER_ARM).symptom(Symptom.PAIN))
                .fires("UARM-DISC-NECK", "REF-UARM-URGENT")
                .doesNotFire("UARM-REASSURE")
                .urgency(Urgency.URGENT)
                .verify(ENGINE);
        Finding doctor = assertThat(d).hasFinding(FindingCode.SEE_DOCTOR).actual();
        assertThat(doctor.getUrgency()).isEqualTo(Urgency.URGENT);
        assertThat(doctor.getPassages()).contains("UARM-10");
        assertThat(doctor.getRules()).contains("REF-UARM-URGENT");
        Finding disc = assertThat(d).hasFinding(FindingCode.HERNIATED_DISC_NECK).actual();
        assertThat(disc.getRules()).containsExactly("UARM-DISC-NECK");
        assertThat(disc.getPassages()).containsExactlyInAnyOrder("UARM-10", "UARM-11");
    }

    @Test
    @DisplayName("Upper-arm twitch with nothing else: rest the arm, top up magnesium, usually harmless")
    void plainUpperArmTwitch_restAndMagnesium_harmless() {
        TriageDecision d = RuleCase.of("plain upper-arm twitch", adult(Sex.MALE), twitch(BodySite.UPPER_ARM))
                .fires("UARM-SELF-CARE", "UARM-REASSURE", "UARM-MAGNESIUM")
                .urgency(Urgency.ROUTINE)
                .verify(ENGINE);
        Finding rest = assertThat(d).hasFinding(FindingCode.REST_LIMB).actual();
        assertThat(rest.getRules()).containsExactly("UARM-SELF-CARE");
        assertThat(rest.getPassages()).containsExactly("UARM-4");
        Finding harmless = assertThat(d).hasFinding(FindingCode.USUALLY_HARMLESS).actual();
        assertThat(harmless.getRules()).containsExactly("UARM-REASSURE");
        assertThat(harmless.getPassages()).contains("UARM-1", "UARM-7");
        Finding deficiency = assertThat(d).hasFinding(FindingCode.MAGNESIUM_DEFICIENCY).actual();
        assertThat(deficiency.getRules()).containsExactly("UARM-MAGNESIUM");
        assertThat(deficiency.getPassages()).contains("UARM-3", "UARM-8");
    }

    @Test
    @DisplayName("Upper-arm twitch after heavy strength training: overstrain, and magnesium tablets after sport")
    void afterStrengthTraining_overstrainAndMagnesiumTablets() {
        TriageDecision d = RuleCase.of("upper-arm twitch after strength training",
                        adult(Sex.MALE).circumstance(Circumstance.INTENSIVE_STRENGTH_TRAINING),
                        twitch(BodySite.UPPER_ARM))
                .fires("UARM-OVERSTRAIN", "UARM-SPORT-MAGNESIUM")
                .urgency(Urgency.ROUTINE)
                .verify(ENGINE);
        Finding overstrain = assertThat(d).hasFinding(FindingCode.OVERSTRAIN).actual();
        assertThat(overstrain.getRules()).containsExactly("UARM-OVERSTRAIN");
        assertThat(overstrain.getPassages()).contains("UARM-3");
        Finding tablets = assertThat(d).hasFinding(FindingCode.MAGNESIUM_SUPPLEMENT).actual();
        assertThat(tablets.getRules()).containsExactly("UARM-SPORT-MAGNESIUM");
        assertThat(tablets.getPassages()).containsExactly("UARM-9");
    }

    @Test
    @DisplayName("Upper-arm twitching with numbness: see a doctor urgently, like any other sensitivity disorder")
    void upperArmTwitchWithNumbness_seeDoctorUrgently() {
        TriageDecision d = RuleCase.of("upper-arm twitch with numbness", adult(Sex.MALE),
                        twitch(BodySite.UPPER_ARM).symptom(Symptom.NUMBNESS))
                .fires("UARM-DISC-NECK", "REF-UARM-URGENT")
                .urgency(Urgency.URGENT)
                .verify(ENGINE);
        assertThat(assertThat(d).hasFinding(FindingCode.SEE_DOCTOR).actual().getPassages()).contains("UARM-10");
    }

    @Test
    @DisplayName("Upper-arm twitching with tingling is not reassured: see a doctor urgently (UARM-10)")
    void upperArmTwitchWithTingling_notReassured_seeDoctorUrgently() {
        // only the clinical outcome is pinned: whether tingling becomes its own red flag or counts as a sensory
        // disturbance is the DRL owner's choice
        TriageDecision d = RuleCase.of("upper-arm twitch with tingling", adult(Sex.FEMALE),
                        twitch(BodySite.UPPER_ARM).symptom(Symptom.TINGLING))
                .doesNotFire("UARM-REASSURE", "UARM-SELF-CARE")
                .concludes(FindingCode.SEE_DOCTOR)
                .doesNotConclude(FindingCode.USUALLY_HARMLESS)
                .urgency(Urgency.URGENT)
                .verify(ENGINE);
        assertThat(assertThat(d).hasFinding(FindingCode.SEE_DOCTOR).actual().getPassages()).contains("UARM-10");
    }
}
