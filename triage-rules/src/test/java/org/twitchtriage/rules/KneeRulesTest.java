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
import org.twitchtriage.testkit.RuleCase;

/**
 * Knee (knee/knee.drl): magnesium or overload after strength training, better within days (KNEE-1, KNEE-4); with
 * pain or altered sensation a pinched nerve and a doctor (KNEE-2); a bulging disc on a nerve root (KNEE-3).
 */
class KneeRulesTest {
    private static final String[] NERVE_RULES = {"KNEE-PINCHED-NERVE", "KNEE-ORTHOPAEDIC"};

    static Stream<RuleCase> cases() {
        return Stream.of(
                RuleCase.of("knee twitch after heavy strength training: magnesium or overload, a few days (KNEE-1)",
                                adult(Sex.MALE).circumstance(Circumstance.INTENSIVE_STRENGTH_TRAINING),
                                twitch(BodySite.KNEE))
                        .fires("KNEE-MAGNESIUM", "KNEE-OVERSTRAIN", "KNEE-REASSURE")
                        .doesNotFire(NERVE_RULES)
                        .concludes(FindingCode.MAGNESIUM_DEFICIENCY, FindingCode.OVERSTRAIN,
                                FindingCode.USUALLY_HARMLESS, FindingCode.WAIT_AND_SEE)
                        .doesNotConclude(FindingCode.PINCHED_NERVE, FindingCode.SEE_DOCTOR)
                        .urgency(Urgency.ROUTINE),
                RuleCase.of("knee twitch, no training: magnesium, not overload (KNEE-1)",
                                adult(Sex.FEMALE), twitch(BodySite.KNEE))
                        .fires("KNEE-MAGNESIUM", "KNEE-REASSURE")
                        .doesNotFire("KNEE-OVERSTRAIN")
                        .doesNotFire(NERVE_RULES)
                        .doesNotConclude(FindingCode.OVERSTRAIN)
                        .urgency(Urgency.ROUTINE),
                RuleCase.of("knee twitch after an ordinary run: not the excessive strength training of KNEE-1",
                                adult(Sex.MALE).circumstance(Circumstance.RECENT_EXERCISE), twitch(BodySite.KNEE))
                        .doesNotFire("KNEE-OVERSTRAIN")
                        .fires("KNEE-REASSURE"),
                RuleCase.of("heavy strength training, but the twitch is in the calf: the knee rules stay out",
                                adult(Sex.FEMALE).circumstance(Circumstance.INTENSIVE_STRENGTH_TRAINING),
                                twitch(BodySite.CALF))
                        .doesNotFire("KNEE-OVERSTRAIN", "KNEE-MAGNESIUM", "KNEE-REASSURE"),
                RuleCase.of("knee twitch with pain: pinched nerve or bulging disc, see a doctor (KNEE-2, KNEE-3)",
                                adult(Sex.MALE), twitch(BodySite.KNEE).symptom(Symptom.PAIN))
                        .fires(NERVE_RULES)
                        .fires("KNEE-MAGNESIUM")
                        .doesNotFire("KNEE-REASSURE")
                        .concludes(FindingCode.PINCHED_NERVE, FindingCode.BULGING_DISC, FindingCode.SEE_DOCTOR)
                        .doesNotConclude(FindingCode.USUALLY_HARMLESS, FindingCode.WAIT_AND_SEE)
                        .urgency(Urgency.SOON),
                RuleCase.of("knee twitch with disturbed sensation: pinched nerve or bulging disc (KNEE-2, KNEE-3)",
                                adult(Sex.FEMALE), twitch(BodySite.KNEE).symptom(Symptom.SENSORY_DISTURBANCE))
                        .fires(NERVE_RULES)
                        .doesNotFire("KNEE-REASSURE")
                        .concludes(FindingCode.PINCHED_NERVE, FindingCode.BULGING_DISC)
                        .urgency(Urgency.SOON),
                RuleCase.of("knee twitch with numbness: a disc pressing on a nerve root (KNEE-3)",
                                adult(Sex.MALE), twitch(BodySite.KNEE).symptom(Symptom.NUMBNESS))
                        .fires("KNEE-ORTHOPAEDIC")
                        .doesNotFire("KNEE-REASSURE")
                        .concludes(FindingCode.BULGING_DISC),
                RuleCase.of("knee twitch with back pain: no knee passage names back pain, so outside the guideline",
                                adult(Sex.FEMALE), twitch(BodySite.KNEE).symptom(Symptom.BACK_PAIN))
                        .fires("SCOPE-COMPLAINT-KNEE", "SCOPE-REFER")
                        .doesNotFire("KNEE-PINCHED-NERVE", "KNEE-ORTHOPAEDIC", "KNEE-REASSURE")
                        .concludes(FindingCode.OUTSIDE_GUIDELINE_SYMPTOM, FindingCode.SEE_DOCTOR)
                        .doesNotConclude(FindingCode.USUALLY_HARMLESS, FindingCode.WAIT_AND_SEE)
                        .urgency(Urgency.SOON),
                RuleCase.of("knee twitch that has persisted for 60 days: beyond a few days, outside the guideline",
                                adult(Sex.MALE), twitch(BodySite.KNEE).course(Course.PERSISTING).durationDays(60))
                        .fires("SCOPE-DURATION", "SCOPE-REFER")
                        .doesNotFire("KNEE-REASSURE")
                        .concludes(FindingCode.OUTSIDE_GUIDELINE_DURATION, FindingCode.SEE_DOCTOR)
                        .doesNotConclude(FindingCode.WAIT_AND_SEE, FindingCode.USUALLY_HARMLESS)
                        .urgency(Urgency.SOON),
                RuleCase.of("knee twitch for 10 days: still within what the guideline calls passing",
                                adult(Sex.MALE), twitch(BodySite.KNEE).course(Course.IMPROVING).durationDays(10))
                        .fires("KNEE-REASSURE")
                        .doesNotFire("SCOPE-DURATION", "SCOPE-REFER")
                        .urgency(Urgency.ROUTINE),
                RuleCase.of("knee twitch with weakness: disc on a nerve root, ALS or MS; urgent (KNEE-3)",
                                adult(Sex.MALE), twitch(BodySite.KNEE).symptom(Symptom.PARALYSIS))
                        .fires("KNEE-ORTHOPAEDIC")
                        .doesNotFire("KNEE-REASSURE")
                        .concludes(FindingCode.BULGING_DISC, FindingCode.ALS)
                        .urgency(Urgency.URGENT),
                RuleCase.of("calf twitch with pain: the knee's pinched-nerve rule stays out",
                                adult(Sex.FEMALE), twitch(BodySite.CALF).symptom(Symptom.PAIN))
                        .doesNotFire(NERVE_RULES)
                        .doesNotConclude(FindingCode.PINCHED_NERVE, FindingCode.BULGING_DISC),
                RuleCase.of("knee twitch that is not settling but increasing: no wait-and-see",
                                adult(Sex.MALE), twitch(BodySite.KNEE).course(Course.INCREASING))
                        .fires("KNEE-MAGNESIUM")
                        .doesNotFire("KNEE-REASSURE")
                        .doesNotFire(NERVE_RULES)
                        .concludes(FindingCode.SEE_DOCTOR)
                        .doesNotConclude(FindingCode.USUALLY_HARMLESS, FindingCode.WAIT_AND_SEE)
                        .urgency(Urgency.SOON));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void rule(RuleCase c) {
        c.verify(ENGINE);
    }

    @Test
    @DisplayName("Knee twitch after heavy training: magnesium deficiency or overload; better within a few days")
    void kneeTwitchAfterHeavyTraining_betterWithinDays() {
        TriageDecision d = RuleCase.of("knee twitch after heavy training",
                        adult(Sex.MALE).circumstance(Circumstance.INTENSIVE_STRENGTH_TRAINING),
                        twitch(BodySite.KNEE))
                .fires("KNEE-OVERSTRAIN", "KNEE-MAGNESIUM", "KNEE-REASSURE")
                .urgency(Urgency.ROUTINE)
                .verify(ENGINE);
        Finding overstrain = assertThat(d).hasFinding(FindingCode.OVERSTRAIN).actual();
        assertThat(overstrain.getRules()).containsExactly("KNEE-OVERSTRAIN");
        assertThat(overstrain.getPassages()).containsExactly("KNEE-1");
        Finding harmless = assertThat(d).hasFinding(FindingCode.USUALLY_HARMLESS).actual();
        assertThat(harmless.getRules()).containsExactly("KNEE-REASSURE");
        assertThat(harmless.getPassages()).contains("KNEE-1", "KNEE-4");
        assertThat(assertThat(d).hasFinding(FindingCode.WAIT_AND_SEE).actual().getRules()).containsExactly("KNEE-REASSURE");
    }

    @Test
    @DisplayName("Knee twitch with pain: a pinched nerve is possible, consult a doctor (KNEE-2)")
    void kneeTwitchWithPain_pinchedNerve_seeDoctor() {
        TriageDecision d = RuleCase.of("knee twitch with pain", adult(Sex.FEMALE),
                        twitch(BodySite.KNEE).symptom(Symptom.PAIN))
                .fires("KNEE-PINCHED-NERVE", "KNEE-ORTHOPAEDIC", "REF-NERVE-SIGNS")
                .urgency(Urgency.SOON)
                .verify(ENGINE);
        Finding pinched = assertThat(d).hasFinding(FindingCode.PINCHED_NERVE).actual();
        assertThat(pinched.getRules()).containsExactly("KNEE-PINCHED-NERVE");
        assertThat(pinched.getPassages()).containsExactly("KNEE-2");
        Finding disc = assertThat(d).hasFinding(FindingCode.BULGING_DISC).actual();
        assertThat(disc.getRules()).containsExactly("KNEE-ORTHOPAEDIC");
        assertThat(disc.getPassages()).containsExactly("KNEE-3");
        Finding doctor = assertThat(d).hasFinding(FindingCode.SEE_DOCTOR).actual();
        assertThat(doctor.getRules()).containsExactly("REF-NERVE-SIGNS");
        assertThat(doctor.getPassages()).contains("KNEE-2");
        assertThat(doctor.getUrgency()).isEqualTo(Urgency.SOON);
    }
}
