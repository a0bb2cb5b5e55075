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
import org.twitchtriage.model.Urgency;
import org.twitchtriage.testkit.RuleCase;

/**
 * Eyelid, the "nervous eye" (eyelid/eyelid.drl): stress is the usual trigger and it improves by itself (LID-1,
 * LID-2); when it persists, a neurologist looks for a tic disorder (LID-3).
 */
class EyelidRulesTest {
    static Stream<RuleCase> cases() {
        return Stream.of(
                RuleCase.of("nervous eyelid under stress: stress, settles by itself (LID-2)",
                                adult(Sex.FEMALE).circumstance(Circumstance.STRESS), twitch(BodySite.EYELID))
                        .fires("LID-STRESS", "LID-REASSURE")
                        .doesNotFire("LID-PERSISTING")
                        .concludes(FindingCode.STRESS, FindingCode.USUALLY_HARMLESS, FindingCode.WAIT_AND_SEE)
                        .doesNotConclude(FindingCode.SEE_NEUROLOGIST, FindingCode.TIC_DISORDER)
                        .urgency(Urgency.ROUTINE),
                RuleCase.of("eyelid twitch without stress: reassured, stress not assumed",
                                adult(Sex.MALE), twitch(BodySite.EYELID))
                        .fires("LID-REASSURE")
                        .doesNotFire("LID-STRESS", "LID-PERSISTING")
                        .doesNotConclude(FindingCode.STRESS)
                        .urgency(Urgency.ROUTINE),
                RuleCase.of("eyelid twitch that is fading: it improves of its own accord (LID-2)",
                                adult(Sex.FEMALE).circumstance(Circumstance.STRESS),
                                twitch(BodySite.EYELID).course(Course.IMPROVING))
                        .fires("LID-REASSURE")
                        .doesNotFire("LID-PERSISTING")
                        .urgency(Urgency.ROUTINE),
                RuleCase.of("eyelid twitch that persists: neurologist, consider a tic disorder (LID-3)",
                                adult(Sex.MALE).circumstance(Circumstance.STRESS),
                                twitch(BodySite.EYELID).course(Course.PERSISTING))
                        .fires("LID-PERSISTING", "LID-STRESS")
                        .doesNotFire("LID-REASSURE")
                        .concludes(FindingCode.TIC_DISORDER, FindingCode.SEE_NEUROLOGIST)
                        .doesNotConclude(FindingCode.USUALLY_HARMLESS, FindingCode.WAIT_AND_SEE)
                        .urgency(Urgency.SOON),
                RuleCase.of("eyelid twitch that increases: neurologist (LID-3)",
                                adult(Sex.FEMALE), twitch(BodySite.EYELID).course(Course.INCREASING))
                        .fires("LID-PERSISTING")
                        .doesNotFire("LID-REASSURE")
                        .concludes(FindingCode.SEE_NEUROLOGIST)
                        .urgency(Urgency.SOON),
                RuleCase.of("eyelid twitch still there after rest and less stress: neurologist (LID-3)",
                                adult(Sex.MALE), twitch(BodySite.EYELID).selfCare(SelfCare.NO_IMPROVEMENT))
                        .fires("LID-PERSISTING")
                        .doesNotFire("LID-REASSURE")
                        .concludes(FindingCode.TIC_DISORDER)
                        .urgency(Urgency.SOON),
                RuleCase.of("eye (not eyelid) twitch that persists: the eyelid tic rule stays out",
                                adult(Sex.FEMALE), twitch(BodySite.EYE).course(Course.PERSISTING))
                        .doesNotFire("LID-PERSISTING", "LID-REASSURE", "LID-STRESS")
                        .doesNotConclude(FindingCode.TIC_DISORDER),
                RuleCase.of("stressed, facial twitch: the eyelid stress rule stays out",
                                adult(Sex.MALE).circumstance(Circumstance.STRESS), twitch(BodySite.FACE))
                        .doesNotFire("LID-STRESS", "LID-REASSURE"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void rule(RuleCase c) {
        c.verify(ENGINE);
    }

    @Test
    @DisplayName("A \"nervous eye\" under stress usually settles by itself after a while (LID-2)")
    void nervousEyeUnderStress_settlesByItself() {
        TriageDecision d = RuleCase.of("nervous eyelid under stress",
                        adult(Sex.FEMALE).circumstance(Circumstance.STRESS), twitch(BodySite.EYELID))
                .fires("LID-STRESS", "LID-REASSURE")
                .urgency(Urgency.ROUTINE)
                .verify(ENGINE);
        Finding harmless = assertThat(d).hasFinding(FindingCode.USUALLY_HARMLESS).actual();
        assertThat(harmless.getRules()).containsExactly("LID-REASSURE");
        assertThat(harmless.getPassages()).containsExactly("LID-2");
        Finding stress = assertThat(d).hasFinding(FindingCode.STRESS).actual();
        assertThat(stress.getRules()).containsExactlyInAnyOrder("LID-STRESS", "EYE-STRESS");
        assertThat(stress.getPassages()).contains("LID-1", "LID-2", "EYE-2");
    }

    @Test
    @DisplayName("An eyelid that keeps twitching: see a neurologist, a tic disorder could be behind it (LID-3)")
    void persistingEyelidTwitch_neurologistForTicDisorder() {
        TriageDecision d = RuleCase.of("persisting eyelid twitch", adult(Sex.MALE),
                        twitch(BodySite.EYELID).course(Course.PERSISTING))
                .fires("LID-PERSISTING")
                .urgency(Urgency.SOON)
                .verify(ENGINE);
        Finding neurologist = assertThat(d).hasFinding(FindingCode.SEE_NEUROLOGIST).actual();
        assertThat(neurologist.getRules()).containsExactly("LID-PERSISTING");
        assertThat(neurologist.getPassages()).containsExactly("LID-3");
        assertThat(neurologist.getUrgency()).isEqualTo(Urgency.SOON);
        Finding tic = assertThat(d).hasFinding(FindingCode.TIC_DISORDER).actual();
        assertThat(tic.getRules()).containsExactly("LID-PERSISTING");
        assertThat(tic.getPassages()).containsExactly("LID-3");
    }
}
