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
 * Hand (hand/hand.drl): a small movement of the thumb without disease value, often stress, passes by itself
 * (HAND-1, HAND-2); a doctor when it does not (HAND-3, see the referral rules).
 */
class HandRulesTest {
    static Stream<RuleCase> cases() {
        return Stream.of(
                RuleCase.of("thumb twitch under stress: stress, passes by itself (HAND-2)",
                                adult(Sex.FEMALE).circumstance(Circumstance.STRESS), twitch(BodySite.HAND))
                        .fires("HAND-STRESS", "HAND-REASSURE")
                        .concludes(FindingCode.STRESS, FindingCode.USUALLY_HARMLESS, FindingCode.WAIT_AND_SEE)
                        .doesNotConclude(FindingCode.SEE_DOCTOR)
                        .urgency(Urgency.ROUTINE),
                RuleCase.of("thumb twitch without stress: no stress assumed, still harmless (HAND-1)",
                                adult(Sex.MALE), twitch(BodySite.HAND))
                        .fires("HAND-REASSURE")
                        .doesNotFire("HAND-STRESS")
                        .doesNotConclude(FindingCode.STRESS)
                        .urgency(Urgency.ROUTINE),
                RuleCase.of("thumb twitch under stress that is fading: harmless (HAND-2)",
                                adult(Sex.FEMALE).circumstance(Circumstance.STRESS),
                                twitch(BodySite.HAND).course(Course.IMPROVING))
                        .fires("HAND-STRESS", "HAND-REASSURE")
                        .urgency(Urgency.ROUTINE),
                RuleCase.of("thumb twitch under stress that does not pass: a doctor instead of waiting (HAND-3)",
                                adult(Sex.MALE).circumstance(Circumstance.STRESS),
                                twitch(BodySite.HAND).course(Course.PERSISTING))
                        .fires("HAND-STRESS")
                        .doesNotFire("HAND-REASSURE")
                        .concludes(FindingCode.SEE_DOCTOR)
                        .doesNotConclude(FindingCode.USUALLY_HARMLESS, FindingCode.WAIT_AND_SEE)
                        .urgency(Urgency.SOON),
                RuleCase.of("hand twitch with numbness: no reassurance",
                                adult(Sex.FEMALE), twitch(BodySite.HAND).symptom(Symptom.NUMBNESS))
                        .doesNotFire("HAND-REASSURE")
                        .concludes(FindingCode.SEE_DOCTOR)
                        .doesNotConclude(FindingCode.USUALLY_HARMLESS)
                        .urgency(Urgency.SOON),
                RuleCase.of("stressed, lip twitch: the hand rules stay out",
                                adult(Sex.MALE).circumstance(Circumstance.STRESS), twitch(BodySite.LIP))
                        .doesNotFire("HAND-STRESS", "HAND-REASSURE"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void rule(RuleCase c) {
        c.verify(ENGINE);
    }

    @Test
    @DisplayName("A twitching thumb under stress is disturbing but harmless, and usually stops by itself")
    void thumbTwitchUnderStress_passesByItself() {
        TriageDecision d = RuleCase.of("thumb twitch under stress",
                        adult(Sex.FEMALE).circumstance(Circumstance.STRESS), twitch(BodySite.HAND))
                .fires("HAND-STRESS", "HAND-REASSURE")
                .urgency(Urgency.ROUTINE)
                .verify(ENGINE);
        Finding harmless = assertThat(d).hasFinding(FindingCode.USUALLY_HARMLESS).actual();
        assertThat(harmless.getRules()).containsExactly("HAND-REASSURE");
        assertThat(harmless.getPassages()).containsExactlyInAnyOrder("HAND-1", "HAND-2");
        Finding stress = assertThat(d).hasFinding(FindingCode.STRESS).actual();
        assertThat(stress.getRules()).containsExactly("HAND-STRESS");
        assertThat(stress.getPassages()).containsExactly("HAND-2");
    }

    @Test
    @DisplayName("A thumb twitch that does not pass is no longer reassured: see a doctor (HAND-3)")
    void persistingThumbTwitch_notReassured_seeDoctor() {
        TriageDecision d = RuleCase.of("persisting thumb twitch", adult(Sex.MALE),
                        twitch(BodySite.HAND).course(Course.PERSISTING))
                .doesNotFire("HAND-REASSURE")
                .urgency(Urgency.SOON)
                .verify(ENGINE);
        assertThat(d.has(FindingCode.USUALLY_HARMLESS)).isFalse();
        Finding doctor = assertThat(d).hasFinding(FindingCode.SEE_DOCTOR).actual();
        assertThat(doctor.getPassages()).containsExactly("HAND-3");
        assertThat(doctor.getRules()).containsExactly("REF-HAND-PERSISTING");
    }
}
