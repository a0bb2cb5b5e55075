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
import org.twitchtriage.model.Course;
import org.twitchtriage.model.Finding;
import org.twitchtriage.model.FindingCode;
import org.twitchtriage.model.Sex;
import org.twitchtriage.model.Symptom;
import org.twitchtriage.model.Urgency;
import org.twitchtriage.model.Visibility;
import org.twitchtriage.testkit.RuleCase;

/**
 * Legs (legs/legs.drl): frequent and usually harmless, especially a jerk just before falling asleep (LEG-1, LEG-2);
 * tingling with an urge to move points to restless legs syndrome, for the neurologist (LEG-3 to LEG-5).
 */
class LegRulesTest {
    static Stream<RuleCase> cases() {
        return Stream.of(
                RuleCase.of("leg jerks out of rest just before falling asleep: harmless sleep start (LEG-2)",
                                adult(Sex.MALE),
                                twitch(BodySite.LEG).visibility(Visibility.LIMB_OR_EYE_MOVES).beforeSleep(true))
                        .fires("LEG-SLEEP-START", "LEG-REASSURE")
                        .doesNotFire("LEG-RESTLESS-LEGS")
                        .concludes(FindingCode.SLEEP_START, FindingCode.USUALLY_HARMLESS)
                        .doesNotConclude(FindingCode.RESTLESS_LEGS_SYNDROME, FindingCode.SEE_NEUROLOGIST)
                        .urgency(Urgency.ROUTINE),
                RuleCase.of("fine fasciculation under the skin of the leg during the day: harmless (LEG-1)",
                                adult(Sex.FEMALE), twitch(BodySite.LEG).visibility(Visibility.UNDER_SKIN))
                        .fires("LEG-REASSURE")
                        .doesNotFire("LEG-SLEEP-START", "LEG-RESTLESS-LEGS")
                        .concludes(FindingCode.USUALLY_HARMLESS)
                        .doesNotConclude(FindingCode.SLEEP_START)
                        .urgency(Urgency.ROUTINE),
                RuleCase.of("leg twitch with tingling and a strong urge to move: restless legs, neurologist (LEG-3)",
                                adult(Sex.FEMALE),
                                twitch(BodySite.LEG).symptom(Symptom.TINGLING).symptom(Symptom.URGE_TO_MOVE_LEGS))
                        .fires("LEG-RESTLESS-LEGS")
                        .doesNotFire("LEG-REASSURE")
                        .concludes(FindingCode.RESTLESS_LEGS_SYNDROME, FindingCode.SEE_NEUROLOGIST)
                        .doesNotConclude(FindingCode.USUALLY_HARMLESS)
                        .urgency(Urgency.ROUTINE),
                RuleCase.of("evening leg jerks with an urge to move: restless legs is considered as well (LEG-3)",
                                adult(Sex.MALE),
                                twitch(BodySite.LEG).beforeSleep(true).symptom(Symptom.URGE_TO_MOVE_LEGS))
                        .fires("LEG-RESTLESS-LEGS")
                        .doesNotFire("LEG-REASSURE")
                        .concludes(FindingCode.RESTLESS_LEGS_SYNDROME)
                        .doesNotConclude(FindingCode.USUALLY_HARMLESS),
                RuleCase.of("leg jerk before sleep but with pain: not waved off as a sleep start",
                                adult(Sex.FEMALE), twitch(BodySite.LEG).beforeSleep(true).symptom(Symptom.PAIN))
                        .doesNotFire("LEG-SLEEP-START", "LEG-REASSURE")
                        .concludes(FindingCode.SEE_DOCTOR)
                        .doesNotConclude(FindingCode.SLEEP_START, FindingCode.USUALLY_HARMLESS)
                        .urgency(Urgency.SOON),
                RuleCase.of("leg twitching that increases: no reassurance",
                                adult(Sex.MALE), twitch(BodySite.LEG).course(Course.INCREASING))
                        .doesNotFire("LEG-REASSURE", "LEG-RESTLESS-LEGS")
                        .concludes(FindingCode.SEE_DOCTOR)
                        .doesNotConclude(FindingCode.USUALLY_HARMLESS)
                        .urgency(Urgency.SOON));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void rule(RuleCase c) {
        c.verify(ENGINE);
    }

    @Test
    @DisplayName("A leg that jerks just before falling asleep is harmless (LEG-2)")
    void legJerkJustBeforeFallingAsleep_harmless() {
        TriageDecision d = RuleCase.of("leg jerk before sleep", adult(Sex.FEMALE),
                        twitch(BodySite.LEG).visibility(Visibility.LIMB_OR_EYE_MOVES).beforeSleep(true))
                .fires("LEG-SLEEP-START", "LEG-REASSURE")
                .urgency(Urgency.ROUTINE)
                .verify(ENGINE);
        Finding sleepStart = assertThat(d).hasFinding(FindingCode.SLEEP_START).actual();
        assertThat(sleepStart.getRules()).containsExactly("LEG-SLEEP-START");
        assertThat(sleepStart.getPassages()).containsExactly("LEG-2");
        Finding harmless = assertThat(d).hasFinding(FindingCode.USUALLY_HARMLESS).actual();
        assertThat(harmless.getRules()).containsExactly("LEG-REASSURE");
        assertThat(harmless.getPassages()).contains("LEG-1", "LEG-2");
    }

    @Test
    @DisplayName("Tingling legs with an urge to move: consider restless legs syndrome; the neurologist treats it")
    void tinglingAndUrgeToMove_restlessLegs_neurologist() {
        TriageDecision d = RuleCase.of("restless legs", adult(Sex.MALE),
                        twitch(BodySite.LEG).symptom(Symptom.TINGLING).symptom(Symptom.URGE_TO_MOVE_LEGS))
                .fires("LEG-RESTLESS-LEGS")
                .urgency(Urgency.ROUTINE)
                .verify(ENGINE);
        Finding rls = assertThat(d).hasFinding(FindingCode.RESTLESS_LEGS_SYNDROME).actual();
        assertThat(rls.getRules()).containsExactly("LEG-RESTLESS-LEGS");
        assertThat(rls.getPassages()).contains("LEG-3");
        Finding neurologist = assertThat(d).hasFinding(FindingCode.SEE_NEUROLOGIST).actual();
        assertThat(neurologist.getRules()).containsExactly("LEG-RESTLESS-LEGS");
        assertThat(neurologist.getPassages()).contains("LEG-5");
        assertThat(neurologist.getUrgency()).isEqualTo(Urgency.ROUTINE);
    }
}
