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
 * All over the body (wholebody/whole-body.drl): usually harmless and temporary, often stress (BODY-2, BODY-3); a
 * doctor when it increases (BODY-5).
 */
class WholeBodyRulesTest {
    static Stream<RuleCase> cases() {
        return Stream.of(
                RuleCase.of("twitching all over the body under stress: stress, harmless, wait (BODY-3)",
                                adult(Sex.FEMALE).circumstance(Circumstance.STRESS), twitch(BodySite.WHOLE_BODY))
                        .fires("BODY-STRESS", "BODY-REASSURE")
                        .concludes(FindingCode.STRESS, FindingCode.USUALLY_HARMLESS, FindingCode.WAIT_AND_SEE)
                        .doesNotConclude(FindingCode.SEE_DOCTOR, FindingCode.ALS, FindingCode.MS)
                        .urgency(Urgency.ROUTINE),
                RuleCase.of("strong whole-body twitches that move a limb, nothing else: still rarely serious (BODY-2)",
                                adult(Sex.MALE),
                                twitch(BodySite.WHOLE_BODY).visibility(Visibility.LIMB_OR_EYE_MOVES)
                                        .course(Course.PERSISTING))
                        .fires("BODY-REASSURE")
                        .doesNotFire("BODY-STRESS")
                        .concludes(FindingCode.USUALLY_HARMLESS, FindingCode.WAIT_AND_SEE)
                        .urgency(Urgency.ROUTINE),
                RuleCase.of("whole-body twitching that increases, under stress: stress still considered, "
                                        + "but no reassurance (BODY-5)",
                                adult(Sex.FEMALE).circumstance(Circumstance.STRESS),
                                twitch(BodySite.WHOLE_BODY).course(Course.INCREASING))
                        .fires("BODY-STRESS")
                        .doesNotFire("BODY-REASSURE")
                        .concludes(FindingCode.SEE_DOCTOR)
                        .doesNotConclude(FindingCode.USUALLY_HARMLESS, FindingCode.WAIT_AND_SEE)
                        .urgency(Urgency.SOON),
                RuleCase.of("whole-body twitching with numbness: no reassurance",
                                adult(Sex.MALE), twitch(BodySite.WHOLE_BODY).symptom(Symptom.NUMBNESS))
                        .doesNotFire("BODY-REASSURE", "BODY-STRESS")
                        .doesNotConclude(FindingCode.USUALLY_HARMLESS),
                RuleCase.of("stressed, but the twitch is at the lip: the whole-body stress rule stays out",
                                adult(Sex.FEMALE).circumstance(Circumstance.STRESS), twitch(BodySite.LIP))
                        .fires("LIP-STRESS")
                        .doesNotFire("BODY-STRESS", "BODY-REASSURE"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void rule(RuleCase c) {
        c.verify(ENGINE);
    }

    @Test
    @DisplayName("Twitching all over the body under stress: usually harmless and temporary (BODY-3)")
    void wholeBodyTwitchingUnderStress_usuallyHarmless() {
        TriageDecision d = RuleCase.of("whole-body twitching under stress",
                        adult(Sex.MALE).circumstance(Circumstance.STRESS), twitch(BodySite.WHOLE_BODY))
                .fires("BODY-STRESS", "BODY-REASSURE")
                .urgency(Urgency.ROUTINE)
                .verify(ENGINE);
        Finding harmless = assertThat(d).hasFinding(FindingCode.USUALLY_HARMLESS).actual();
        assertThat(harmless.getRules()).containsExactly("BODY-REASSURE");
        assertThat(harmless.getPassages()).contains("BODY-2", "BODY-3");
        Finding stress = assertThat(d).hasFinding(FindingCode.STRESS).actual();
        assertThat(stress.getRules()).containsExactly("BODY-STRESS");
        assertThat(stress.getPassages()).containsExactly("BODY-3");
        assertThat(assertThat(d).hasFinding(FindingCode.WAIT_AND_SEE).actual().getRules()).containsExactly("BODY-REASSURE");
    }

    @Test
    @DisplayName("Twitching all over the body that increases: no reassurance, see a doctor (BODY-5)")
    void wholeBodyTwitchingThatIncreases_noReassurance() {
        TriageDecision d = RuleCase.of("increasing whole-body twitching", adult(Sex.FEMALE),
                        twitch(BodySite.WHOLE_BODY).course(Course.INCREASING))
                .doesNotFire("BODY-REASSURE")
                .doesNotConclude(FindingCode.USUALLY_HARMLESS, FindingCode.WAIT_AND_SEE)
                .urgency(Urgency.SOON)
                .verify(ENGINE);
        Finding doctor = assertThat(d).hasFinding(FindingCode.SEE_DOCTOR).actual();
        assertThat(doctor.getPassages()).contains("BODY-5");
        assertThat(doctor.getRules()).containsExactly("REF-INCREASING");
    }
}
