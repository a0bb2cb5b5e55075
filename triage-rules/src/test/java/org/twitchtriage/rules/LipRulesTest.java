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

/** Lip (lip/lip.drl): almost always harmless, often stress, improves by itself in the course of time (LIP-1). */
class LipRulesTest {
    static Stream<RuleCase> cases() {
        return Stream.of(
                RuleCase.of("lip twitch under stress: stress, harmless, improves by itself (LIP-1)",
                                adult(Sex.FEMALE).circumstance(Circumstance.STRESS), twitch(BodySite.LIP))
                        .fires("LIP-STRESS", "LIP-REASSURE")
                        .concludes(FindingCode.STRESS, FindingCode.USUALLY_HARMLESS, FindingCode.WAIT_AND_SEE)
                        .doesNotConclude(FindingCode.SEE_DOCTOR)
                        .urgency(Urgency.ROUTINE),
                RuleCase.of("lip twitch, not stressed: still harmless, stress not assumed (LIP-1)",
                                adult(Sex.MALE), twitch(BodySite.LIP))
                        .fires("LIP-REASSURE")
                        .doesNotFire("LIP-STRESS")
                        .doesNotConclude(FindingCode.STRESS)
                        .urgency(Urgency.ROUTINE),
                RuleCase.of("lip twitch with pain: no reassurance, a doctor",
                                adult(Sex.FEMALE).circumstance(Circumstance.STRESS),
                                twitch(BodySite.LIP).symptom(Symptom.PAIN))
                        .fires("LIP-STRESS")
                        .doesNotFire("LIP-REASSURE")
                        .concludes(FindingCode.SEE_DOCTOR)
                        .doesNotConclude(FindingCode.USUALLY_HARMLESS, FindingCode.WAIT_AND_SEE)
                        .urgency(Urgency.SOON),
                RuleCase.of("lip twitching that increases: no reassurance",
                                adult(Sex.MALE), twitch(BodySite.LIP).course(Course.INCREASING))
                        .doesNotFire("LIP-REASSURE")
                        .concludes(FindingCode.SEE_DOCTOR)
                        .doesNotConclude(FindingCode.USUALLY_HARMLESS)
                        .urgency(Urgency.SOON),
                RuleCase.of("stressed, facial twitch: the lip rules stay out",
                                adult(Sex.FEMALE).circumstance(Circumstance.STRESS), twitch(BodySite.FACE))
                        .doesNotFire("LIP-STRESS", "LIP-REASSURE"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void rule(RuleCase c) {
        c.verify(ENGINE);
    }

    @Test
    @DisplayName("A twitching lip under stress is almost always harmless and improves with time (LIP-1)")
    void lipTwitchUnderStress_harmless() {
        TriageDecision d = RuleCase.of("lip twitch under stress",
                        adult(Sex.MALE).circumstance(Circumstance.STRESS), twitch(BodySite.LIP))
                .fires("LIP-STRESS", "LIP-REASSURE")
                .urgency(Urgency.ROUTINE)
                .verify(ENGINE);
        Finding harmless = assertThat(d).hasFinding(FindingCode.USUALLY_HARMLESS).actual();
        assertThat(harmless.getRules()).containsExactly("LIP-REASSURE");
        assertThat(harmless.getPassages()).containsExactly("LIP-1");
        assertThat(assertThat(d).hasFinding(FindingCode.STRESS).actual().getRules()).containsExactly("LIP-STRESS");
        assertThat(assertThat(d).hasFinding(FindingCode.WAIT_AND_SEE).actual().getPassages()).containsExactly("LIP-1");
    }

    @Test
    @DisplayName("Reassurance for a lip twitch does not extend to a painful knee twitch reported with it")
    void lipReassurance_doesNotCoverAnotherTwitchWithWarningSigns() {
        TriageDecision d = RuleCase.of("plain lip twitch beside a painful knee twitch", adult(Sex.FEMALE),
                        twitch(BodySite.LIP), twitch(BodySite.KNEE).symptom(Symptom.PAIN))
                .fires("LIP-REASSURE", "REF-NERVE-SIGNS")
                .urgency(Urgency.SOON)
                .verify(ENGINE);
        Finding harmless = assertThat(d).hasFinding(FindingCode.USUALLY_HARMLESS).actual();
        assertThat(harmless.getTwitchIds()).containsExactly("t1");
        assertThat(harmless.getRules()).containsExactly("LIP-REASSURE");
        assertThat(assertThat(d).hasFinding(FindingCode.SEE_DOCTOR).actual().getTwitchIds()).containsExactly("t2");
    }
}
