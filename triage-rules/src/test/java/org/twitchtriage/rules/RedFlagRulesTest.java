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

/** Red flags (redflags/red-flags.drl): each warning sign the guideline names is recognised, on its own twitch. */
class RedFlagRulesTest {
    private static final String[] ALL_RED_FLAG_RULES = {"RF-PAIN", "RF-NUMBNESS", "RF-PARALYSIS", "RF-SENSORY",
        "RF-BACK-PAIN", "RF-INCREASING", "RF-SELF-CARE-FAILED", "RF-PERSISTING"};

    static Stream<RuleCase> cases() {
        return Stream.of(
                RuleCase.of("knee twitch with pain: pain is a warning sign (KNEE-2)",
                                adult(Sex.MALE), twitch(BodySite.KNEE).symptom(Symptom.PAIN))
                        .fires("RF-PAIN")
                        .doesNotFire("RF-NUMBNESS", "RF-SENSORY", "RF-PARALYSIS", "RF-BACK-PAIN")
                        .concludes(FindingCode.RED_FLAG_PAIN)
                        .urgency(Urgency.SOON),
                RuleCase.of("calf twitch with numbness: numbness is a sensory warning sign (CALF-6)",
                                adult(Sex.FEMALE), twitch(BodySite.CALF).symptom(Symptom.NUMBNESS))
                        .fires("RF-NUMBNESS")
                        .doesNotFire("RF-PAIN", "RF-SENSORY", "RF-PARALYSIS", "SCOPE-COMPLAINT-CALF")
                        .concludes(FindingCode.RED_FLAG_NUMBNESS)
                        .doesNotConclude(FindingCode.USUALLY_HARMLESS)
                        .urgency(Urgency.SOON),
                RuleCase.of("leg twitch with numbness: no leg passage names it, so outside the guideline, doctor soon",
                                adult(Sex.FEMALE), twitch(BodySite.LEG).symptom(Symptom.NUMBNESS))
                        .fires("SCOPE-COMPLAINT-LEG", "SCOPE-REFER")
                        .doesNotFire("RF-NUMBNESS", "RF-SENSORY", "LEG-REASSURE", "RF-PAIN-CALF")
                        .concludes(FindingCode.OUTSIDE_GUIDELINE_SYMPTOM, FindingCode.SEE_DOCTOR)
                        .doesNotConclude(FindingCode.RED_FLAG_NUMBNESS, FindingCode.USUALLY_HARMLESS)
                        .urgency(Urgency.SOON),
                RuleCase.of("calf twitch with pain: the calf's own pain rule, doctor soon, magnesium kept (CALF-1, CALF-8)",
                                adult(Sex.MALE), twitch(BodySite.CALF).symptom(Symptom.PAIN))
                        .fires("RF-PAIN-CALF", "REF-NERVE-SIGNS", "CALF-MAGNESIUM")
                        .doesNotFire("RF-PAIN", "CALF-REASSURE", "SCOPE-COMPLAINT-CALF")
                        .concludes(FindingCode.RED_FLAG_PAIN, FindingCode.SEE_DOCTOR, FindingCode.MAGNESIUM_SUPPLEMENT)
                        .urgency(Urgency.SOON),
                RuleCase.of("calf twitch with weakness: paralysis is the gravest sign and urgent (CALF-6)",
                                adult(Sex.MALE), twitch(BodySite.CALF).symptom(Symptom.PARALYSIS))
                        .fires("RF-PARALYSIS")
                        .doesNotFire("RF-PAIN", "RF-NUMBNESS", "RF-SENSORY", "RF-BACK-PAIN")
                        .concludes(FindingCode.RED_FLAG_PARALYSIS)
                        .urgency(Urgency.URGENT),
                RuleCase.of("calf twitch with disturbed sensation is a warning sign (CALF-6)",
                                adult(Sex.FEMALE), twitch(BodySite.CALF).symptom(Symptom.SENSORY_DISTURBANCE))
                        .fires("RF-SENSORY")
                        .doesNotFire("RF-PAIN", "RF-NUMBNESS", "RF-PARALYSIS")
                        .concludes(FindingCode.RED_FLAG_SENSORY_DISTURBANCE)
                        .urgency(Urgency.SOON),
                RuleCase.of("calf twitch with back pain is a warning sign of its own, not generic pain (CALF-6)",
                                adult(Sex.MALE), twitch(BodySite.CALF).symptom(Symptom.BACK_PAIN))
                        .fires("RF-BACK-PAIN")
                        .doesNotFire("RF-PAIN", "RF-SENSORY")
                        .concludes(FindingCode.RED_FLAG_BACK_PAIN)
                        .doesNotConclude(FindingCode.RED_FLAG_PAIN)
                        .urgency(Urgency.SOON),
                RuleCase.of("twitching all over the body that keeps increasing (BODY-5)",
                                adult(Sex.FEMALE), twitch(BodySite.WHOLE_BODY).course(Course.INCREASING))
                        .fires("RF-INCREASING")
                        .doesNotFire("RF-PERSISTING")
                        .concludes(FindingCode.RED_FLAG_INCREASING)
                        .urgency(Urgency.SOON),
                RuleCase.of("whole-body twitching that is improving is not an increasing red flag",
                                adult(Sex.FEMALE), twitch(BodySite.WHOLE_BODY).course(Course.IMPROVING))
                        .doesNotFire(ALL_RED_FLAG_RULES)
                        .doesNotConclude(FindingCode.RED_FLAG_INCREASING)
                        .urgency(Urgency.ROUTINE),
                RuleCase.of("abdominal twitching not better after magnesium (ABD-4)",
                                adult(Sex.MALE), twitch(BodySite.ABDOMEN).selfCare(SelfCare.NO_IMPROVEMENT))
                        .fires("RF-SELF-CARE-FAILED")
                        .concludes(FindingCode.RED_FLAG_PERSISTING_AFTER_SELF_CARE)
                        .urgency(Urgency.SOON),
                RuleCase.of("pregnant, twitching not better after more magnesium (PREG-4)",
                                pregnantWoman(), twitch(BodySite.CALF).selfCare(SelfCare.NO_IMPROVEMENT))
                        .fires("RF-SELF-CARE-FAILED")
                        .concludes(FindingCode.RED_FLAG_PERSISTING_AFTER_SELF_CARE)
                        .urgency(Urgency.SOON),
                RuleCase.of("abdominal twitching that got better with magnesium raises no flag (ABD-3)",
                                adult(Sex.MALE), twitch(BodySite.ABDOMEN).selfCare(SelfCare.HELPED))
                        .doesNotFire(ALL_RED_FLAG_RULES)
                        .concludes(FindingCode.USUALLY_HARMLESS)
                        .urgency(Urgency.ROUTINE),
                RuleCase.of("thumb twitching that does not pass (HAND-3)",
                                adult(Sex.FEMALE), twitch(BodySite.HAND).course(Course.PERSISTING))
                        .fires("RF-PERSISTING")
                        .doesNotFire("RF-INCREASING", "RF-SELF-CARE-FAILED")
                        .concludes(FindingCode.RED_FLAG_PERSISTING)
                        .urgency(Urgency.SOON),
                RuleCase.of("eyelid twitching that persists (LID-3)",
                                adult(Sex.MALE), twitch(BodySite.EYELID).course(Course.PERSISTING))
                        .fires("RF-PERSISTING")
                        .concludes(FindingCode.RED_FLAG_PERSISTING)
                        .urgency(Urgency.SOON),
                RuleCase.of("eye twitching that persists needs further clarification (EYE-5)",
                                adult(Sex.FEMALE), twitch(BodySite.EYE).course(Course.PERSISTING))
                        .fires("RF-PERSISTING")
                        .concludes(FindingCode.RED_FLAG_PERSISTING)
                        .urgency(Urgency.SOON),
                RuleCase.of("a persisting lip twitch is not a warning sign: it improves in the course of time (LIP-1)",
                                adult(Sex.FEMALE).circumstance(Circumstance.STRESS),
                                twitch(BodySite.LIP).course(Course.PERSISTING))
                        .doesNotFire(ALL_RED_FLAG_RULES)
                        .concludes(FindingCode.USUALLY_HARMLESS)
                        .urgency(Urgency.ROUTINE),
                RuleCase.of("a thumb twitch that is fading is not persisting (HAND-2)",
                                adult(Sex.MALE), twitch(BodySite.HAND).course(Course.IMPROVING))
                        .doesNotFire(ALL_RED_FLAG_RULES)
                        .concludes(FindingCode.USUALLY_HARMLESS)
                        .urgency(Urgency.ROUTINE),
                RuleCase.of("a new upper-arm twitch with nothing else raises no flag at all (UARM-1)",
                                adult(Sex.MALE), twitch(BodySite.UPPER_ARM))
                        .doesNotFire(ALL_RED_FLAG_RULES)
                        .doesNotConclude(FindingCode.RED_FLAG_PAIN, FindingCode.RED_FLAG_NUMBNESS,
                                FindingCode.RED_FLAG_PARALYSIS, FindingCode.RED_FLAG_SENSORY_DISTURBANCE,
                                FindingCode.RED_FLAG_BACK_PAIN, FindingCode.RED_FLAG_INCREASING,
                                FindingCode.RED_FLAG_PERSISTING, FindingCode.RED_FLAG_PERSISTING_AFTER_SELF_CARE)
                        .urgency(Urgency.ROUTINE));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void rule(RuleCase c) {
        c.verify(ENGINE);
    }

    @Test
    @DisplayName("Weakness with a twitching calf is an urgent red flag that cites the calf and upper-arm passages")
    void calfTwitchWithWeakness_isUrgentRedFlag() {
        TriageDecision d = RuleCase.of("calf twitch with weakness", adult(Sex.MALE),
                        twitch(BodySite.CALF).symptom(Symptom.PARALYSIS))
                .fires("RF-PARALYSIS")
                .urgency(Urgency.URGENT)
                .verify(ENGINE);
        Finding flag = assertThat(d).hasFinding(FindingCode.RED_FLAG_PARALYSIS).actual();
        assertThat(flag.getUrgency()).isEqualTo(Urgency.URGENT);
        assertThat(flag.getRules()).containsExactly("RF-PARALYSIS");
        assertThat(flag.getPassages()).contains("CALF-6", "UARM-6");
        assertThat(flag.getTwitchIds()).containsExactly("t1");
    }

    @Test
    @DisplayName("Pain in one twitch flags that twitch only; a harmless lip twitch beside it is still reassured")
    void painInOneTwitch_flagsOnlyThatTwitch() {
        TriageDecision d = RuleCase.of("painful knee twitch beside a plain lip twitch", adult(Sex.FEMALE),
                        twitch(BodySite.KNEE).symptom(Symptom.PAIN), twitch(BodySite.LIP))
                .fires("RF-PAIN", "LIP-REASSURE")
                .doesNotFire("KNEE-REASSURE")
                .urgency(Urgency.SOON)
                .verify(ENGINE);
        assertThat(assertThat(d).hasFinding(FindingCode.RED_FLAG_PAIN).actual().getTwitchIds()).containsExactly("t1");
        assertThat(assertThat(d).hasFinding(FindingCode.RED_FLAG_PAIN).actual().getPassages()).contains("KNEE-2");
        assertThat(assertThat(d).hasFinding(FindingCode.SEE_DOCTOR).actual().getTwitchIds()).containsExactly("t1");
        assertThat(assertThat(d).hasFinding(FindingCode.USUALLY_HARMLESS).actual().getTwitchIds()).containsExactly("t2");
        assertThat(assertThat(d).hasFinding(FindingCode.USUALLY_HARMLESS).actual().getRules()).containsExactly("LIP-REASSURE");
    }

    @Test
    @DisplayName("Self-care that did not help is a red flag citing the pregnancy, upper-arm and abdomen passages")
    void selfCareWithoutImprovement_isRedFlag() {
        TriageDecision d = RuleCase.of("upper-arm twitch, rest and magnesium did not help", adult(Sex.MALE),
                        twitch(BodySite.UPPER_ARM).selfCare(SelfCare.NO_IMPROVEMENT))
                .fires("RF-SELF-CARE-FAILED")
                .verify(ENGINE);
        Finding flag = assertThat(d).hasFinding(FindingCode.RED_FLAG_PERSISTING_AFTER_SELF_CARE).actual();
        assertThat(flag.getUrgency()).isEqualTo(Urgency.SOON);
        assertThat(flag.getRules()).containsExactly("RF-SELF-CARE-FAILED");
        assertThat(flag.getPassages()).contains("PREG-4", "UARM-5", "ABD-4");
    }
}
