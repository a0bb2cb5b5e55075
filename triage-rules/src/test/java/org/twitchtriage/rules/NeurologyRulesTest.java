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
 * Neurology (neurology/neurology.drl): ALS or MS is suspected only when whole-body twitching increases (BODY-4,
 * BODY-5) or twitching comes with weakness (CALF-4, CALF-6); the neurologist follows, urgently with weakness.
 */
class NeurologyRulesTest {
    static Stream<RuleCase> cases() {
        return Stream.of(
                RuleCase.of("whole-body twitching that increases: ALS or MS to rule out, neurologist (BODY-4, BODY-5)",
                                adult(Sex.MALE), twitch(BodySite.WHOLE_BODY).course(Course.INCREASING))
                        .fires("NEU-BODY-INCREASING", "NEU-REFER")
                        .doesNotFire("NEU-PARALYSIS", "NEU-REFER-URGENT")
                        .concludes(FindingCode.ALS, FindingCode.MS, FindingCode.SEE_NEUROLOGIST)
                        .doesNotConclude(FindingCode.USUALLY_HARMLESS)
                        .urgency(Urgency.SOON),
                RuleCase.of("whole-body twitching under stress that does not increase: no ALS or MS suspicion (BODY-3)",
                                adult(Sex.FEMALE).circumstance(Circumstance.STRESS),
                                twitch(BodySite.WHOLE_BODY).course(Course.PERSISTING))
                        .doesNotFire("NEU-BODY-INCREASING", "NEU-PARALYSIS", "NEU-REFER", "NEU-REFER-URGENT")
                        .doesNotConclude(FindingCode.ALS, FindingCode.MS, FindingCode.SEE_NEUROLOGIST)
                        .urgency(Urgency.ROUTINE),
                RuleCase.of("calf twitching that increases: a doctor, but the whole-body ALS rule stays out",
                                adult(Sex.MALE), twitch(BodySite.CALF).course(Course.INCREASING))
                        .doesNotFire("NEU-BODY-INCREASING", "NEU-REFER", "NEU-PARALYSIS")
                        .concludes(FindingCode.SEE_DOCTOR)
                        .doesNotConclude(FindingCode.ALS, FindingCode.MS, FindingCode.SEE_NEUROLOGIST),
                RuleCase.of("calf twitch with weakness: ALS or MS, neurologist without delay (CALF-4, CALF-6)",
                                adult(Sex.FEMALE), twitch(BodySite.CALF).symptom(Symptom.PARALYSIS))
                        .fires("NEU-PARALYSIS", "NEU-REFER-URGENT")
                        .doesNotFire("NEU-REFER", "NEU-BODY-INCREASING")
                        .concludes(FindingCode.ALS, FindingCode.MS, FindingCode.SEE_NEUROLOGIST)
                        .urgency(Urgency.URGENT),
                RuleCase.of("knee twitch with weakness: ALS or MS, neurologist without delay (KNEE-3)",
                                adult(Sex.MALE), twitch(BodySite.KNEE).symptom(Symptom.PARALYSIS))
                        .fires("NEU-PARALYSIS", "NEU-REFER-URGENT")
                        .doesNotFire("NEU-REFER")
                        .concludes(FindingCode.SEE_NEUROLOGIST)
                        .urgency(Urgency.URGENT),
                RuleCase.of("increasing whole-body twitching with weakness: the urgent neurologist rule wins",
                                adult(Sex.FEMALE),
                                twitch(BodySite.WHOLE_BODY).course(Course.INCREASING).symptom(Symptom.PARALYSIS))
                        .fires("NEU-BODY-INCREASING", "NEU-PARALYSIS", "NEU-REFER-URGENT")
                        .doesNotFire("NEU-REFER")
                        .concludes(FindingCode.SEE_NEUROLOGIST)
                        .urgency(Urgency.URGENT),
                RuleCase.of("knee twitch with pain: a nerve cause, not ALS or MS (KNEE-2)",
                                adult(Sex.MALE), twitch(BodySite.KNEE).symptom(Symptom.PAIN))
                        .doesNotFire("NEU-PARALYSIS", "NEU-REFER", "NEU-REFER-URGENT")
                        .doesNotConclude(FindingCode.ALS, FindingCode.MS, FindingCode.SEE_NEUROLOGIST),
                RuleCase.of("persisting eye twitch: the eye rules send it on, not the general neurology rule (EYE-5)",
                                adult(Sex.FEMALE), twitch(BodySite.EYE).course(Course.PERSISTING))
                        .fires("EYE-NEUROLOGIST")
                        .doesNotFire("NEU-REFER", "NEU-REFER-URGENT", "NEU-PARALYSIS", "NEU-BODY-INCREASING")
                        .concludes(FindingCode.SEE_NEUROLOGIST)
                        .doesNotConclude(FindingCode.ALS, FindingCode.MS),
                RuleCase.of("child of 10 with increasing whole-body twitching: a doctor, but no ALS or MS (adults only)",
                                adult(Sex.MALE).ageYears(10), twitch(BodySite.WHOLE_BODY).course(Course.INCREASING))
                        .fires("REF-INCREASING")
                        .doesNotFire("NEU-BODY-INCREASING", "NEU-REFER")
                        .doesNotConclude(FindingCode.ALS, FindingCode.MS, FindingCode.SEE_NEUROLOGIST)
                        .urgency(Urgency.SOON),
                RuleCase.of("child of 12 with an upper-arm twitch and weakness: urgent doctor, no ALS or MS",
                                adult(Sex.FEMALE).ageYears(12), twitch(BodySite.UPPER_ARM).symptom(Symptom.PARALYSIS))
                        .fires("REF-PARALYSIS")
                        .doesNotFire("NEU-PARALYSIS", "NEU-REFER-URGENT")
                        .doesNotConclude(FindingCode.ALS, FindingCode.MS)
                        .urgency(Urgency.URGENT));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void rule(RuleCase c) {
        c.verify(ENGINE);
    }

    @Test
    @DisplayName("Twitching all over the body that increases: suspect ALS or MS and see a neurologist (BODY-4, BODY-5)")
    void wholeBodyTwitchingThatIncreases_suspectAlsOrMs_neurologist() {
        TriageDecision d = RuleCase.of("increasing whole-body twitching", adult(Sex.MALE),
                        twitch(BodySite.WHOLE_BODY).course(Course.INCREASING))
                .fires("NEU-BODY-INCREASING", "NEU-REFER")
                .urgency(Urgency.SOON)
                .verify(ENGINE);
        Finding als = assertThat(d).hasFinding(FindingCode.ALS).actual();
        assertThat(als.getRules()).containsExactly("NEU-BODY-INCREASING");
        assertThat(als.getPassages()).contains("BODY-4");
        assertThat(als.getUrgency()).isEqualTo(Urgency.ROUTINE);
        Finding neurologist = assertThat(d).hasFinding(FindingCode.SEE_NEUROLOGIST).actual();
        assertThat(neurologist.getRules()).containsExactly("NEU-REFER");
        assertThat(neurologist.getPassages()).contains("BODY-4", "BODY-5");
        assertThat(neurologist.getUrgency()).isEqualTo(Urgency.SOON);
        assertThat(assertThat(d).hasFinding(FindingCode.SEE_DOCTOR).actual().getPassages()).contains("BODY-5");
    }

    @Test
    @DisplayName("Weakness with twitching: ALS or MS suspected, neurologist without delay")
    void weaknessWithTwitching_neurologistWithoutDelay() {
        TriageDecision d = RuleCase.of("calf twitch with weakness", adult(Sex.MALE),
                        twitch(BodySite.CALF).symptom(Symptom.PARALYSIS))
                .fires("NEU-PARALYSIS", "NEU-REFER-URGENT")
                .urgency(Urgency.URGENT)
                .verify(ENGINE);
        Finding neurologist = assertThat(d).hasFinding(FindingCode.SEE_NEUROLOGIST).actual();
        assertThat(neurologist.getUrgency()).isEqualTo(Urgency.URGENT);
        assertThat(neurologist.getRules()).containsExactly("NEU-REFER-URGENT");
        assertThat(neurologist.getPassages()).contains("CALF-4", "CALF-6");
        assertThat(assertThat(d).hasFinding(FindingCode.MS).actual().getRules()).containsExactly("NEU-PARALYSIS");
        assertThat(assertThat(d).hasFinding(FindingCode.MS).actual().getPassages()).contains("CALF-4");
    }
}
