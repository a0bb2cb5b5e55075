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
 * Workup (workup/workup.drl): once a doctor is involved, history and examination come first (DX-1, DX-2); nerve
 * conduction and EMG follow when a nerve or neuromuscular disease is in question (DX-3).
 */
class WorkupRulesTest {
    static Stream<RuleCase> cases() {
        return Stream.of(
                RuleCase.of("thumb twitch that does not pass: the doctor takes a history and examines (DX-1, DX-2)",
                                adult(Sex.FEMALE), twitch(BodySite.HAND).course(Course.PERSISTING))
                        .fires("WU-HISTORY-EXAM")
                        .doesNotFire("WU-ENG-EMG")
                        .concludes(FindingCode.HISTORY, FindingCode.PHYSICAL_EXAMINATION)
                        .doesNotConclude(FindingCode.ENG, FindingCode.EMG)
                        .urgency(Urgency.SOON),
                RuleCase.of("upper-arm twitch that increases, no nerve disease suspected: history, no ENG/EMG yet",
                                adult(Sex.MALE), twitch(BodySite.UPPER_ARM).course(Course.INCREASING))
                        .fires("WU-HISTORY-EXAM")
                        .doesNotFire("WU-ENG-EMG")
                        .concludes(FindingCode.HISTORY, FindingCode.PHYSICAL_EXAMINATION)
                        .doesNotConclude(FindingCode.ENG, FindingCode.EMG),
                RuleCase.of("knee twitch with pain, pinched nerve suspected: ENG and EMG (DX-3)",
                                adult(Sex.MALE), twitch(BodySite.KNEE).symptom(Symptom.PAIN))
                        .fires("WU-HISTORY-EXAM", "WU-ENG-EMG")
                        .concludes(FindingCode.ENG, FindingCode.EMG, FindingCode.PINCHED_NERVE),
                RuleCase.of("calf twitch with back pain, disc suspected: ENG and EMG (DX-3)",
                                adult(Sex.FEMALE), twitch(BodySite.CALF).symptom(Symptom.BACK_PAIN))
                        .fires("WU-HISTORY-EXAM", "WU-ENG-EMG")
                        .concludes(FindingCode.ENG, FindingCode.EMG, FindingCode.HERNIATED_DISC_BACK),
                RuleCase.of("increasing whole-body twitching, ALS or MS in question: ENG and EMG",
                                adult(Sex.MALE), twitch(BodySite.WHOLE_BODY).course(Course.INCREASING))
                        .fires("WU-HISTORY-EXAM", "WU-ENG-EMG")
                        .concludes(FindingCode.ENG, FindingCode.EMG, FindingCode.ALS),
                RuleCase.of("restless legs, neurologist: history and examination, no nerve conduction study",
                                adult(Sex.FEMALE),
                                twitch(BodySite.LEG).symptom(Symptom.TINGLING).symptom(Symptom.URGE_TO_MOVE_LEGS))
                        .fires("WU-HISTORY-EXAM")
                        .doesNotFire("WU-ENG-EMG")
                        .concludes(FindingCode.HISTORY)
                        .doesNotConclude(FindingCode.ENG, FindingCode.EMG)
                        .urgency(Urgency.ROUTINE),
                RuleCase.of("lip twitch under stress: nobody to see, so no workup (LIP-1)",
                                adult(Sex.MALE).circumstance(Circumstance.STRESS), twitch(BodySite.LIP))
                        .doesNotFire("WU-HISTORY-EXAM", "WU-ENG-EMG")
                        .doesNotConclude(FindingCode.HISTORY, FindingCode.PHYSICAL_EXAMINATION,
                                FindingCode.ENG, FindingCode.EMG)
                        .urgency(Urgency.ROUTINE),
                RuleCase.of("new eye twitch: the eye doctor examines the eye, no nerve conduction study (EYE-3)",
                                adult(Sex.FEMALE), twitch(BodySite.EYE))
                        .doesNotFire("WU-ENG-EMG")
                        .concludes(FindingCode.EYE_EXAMINATION)
                        .doesNotConclude(FindingCode.ENG, FindingCode.EMG));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void rule(RuleCase c) {
        c.verify(ENGINE);
    }

    @Test
    @DisplayName("Workup steps carry the urgency of the referral: an urgent upper-arm visit makes them urgent")
    void workupInheritsReferralUrgency() {
        TriageDecision d = RuleCase.of("upper-arm twitch with pain", adult(Sex.MALE),
                        twitch(BodySite.UPPER_ARM).symptom(Symptom.PAIN))
                .fires("WU-HISTORY-EXAM", "WU-ENG-EMG")
                .urgency(Urgency.URGENT)
                .verify(ENGINE);
        Finding history = assertThat(d).hasFinding(FindingCode.HISTORY).actual();
        assertThat(history.getUrgency()).isEqualTo(Urgency.URGENT);
        assertThat(history.getRules()).containsExactly("WU-HISTORY-EXAM");
        assertThat(history.getPassages()).containsExactlyInAnyOrder("DX-1", "DX-2");
        Finding eng = assertThat(d).hasFinding(FindingCode.ENG).actual();
        assertThat(eng.getUrgency()).isEqualTo(Urgency.URGENT);
        assertThat(eng.getRules()).containsExactly("WU-ENG-EMG");
        assertThat(eng.getPassages()).containsExactly("DX-3");
        assertThat(assertThat(d).hasFinding(FindingCode.EMG).actual().getRules()).containsExactly("WU-ENG-EMG");
    }

    @Test
    @DisplayName("A routine neurologist visit for restless legs gives a routine history and examination")
    void routineReferral_routineWorkup() {
        TriageDecision d = RuleCase.of("restless legs", adult(Sex.FEMALE),
                        twitch(BodySite.LEG).symptom(Symptom.URGE_TO_MOVE_LEGS))
                .fires("WU-HISTORY-EXAM")
                .urgency(Urgency.ROUTINE)
                .verify(ENGINE);
        assertThat(assertThat(d).hasFinding(FindingCode.HISTORY).actual().getUrgency()).isEqualTo(Urgency.ROUTINE);
        assertThat(assertThat(d).hasFinding(FindingCode.PHYSICAL_EXAMINATION).actual().getUrgency()).isEqualTo(Urgency.ROUTINE);
        assertThat(assertThat(d).hasFinding(FindingCode.PHYSICAL_EXAMINATION).actual().getPassages()).contains("DX-2");
    }
}
