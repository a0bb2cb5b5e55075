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
 * Face (face/face.drl): very noticeable but usually passes by itself (FACE-1); magnesium to prevent a deficiency
 * (FACE-2); stress, or a tic disorder, which the neurologist diagnoses and treats (FACE-3, FACE-4).
 */
class FaceRulesTest {
    static Stream<RuleCase> cases() {
        return Stream.of(
                RuleCase.of("facial twitch under stress: stress, magnesium, passes by itself (FACE-1 to FACE-3)",
                                adult(Sex.FEMALE).circumstance(Circumstance.STRESS), twitch(BodySite.FACE))
                        .fires("FACE-STRESS", "FACE-MAGNESIUM", "FACE-REASSURE")
                        .doesNotFire("FACE-TIC-DISORDER")
                        .concludes(FindingCode.STRESS, FindingCode.MAGNESIUM_SUPPLEMENT, FindingCode.USUALLY_HARMLESS)
                        .doesNotConclude(FindingCode.TIC_DISORDER, FindingCode.SEE_NEUROLOGIST)
                        .urgency(Urgency.ROUTINE),
                RuleCase.of("facial twitch without stress: no stress assumed, still harmless",
                                adult(Sex.MALE), twitch(BodySite.FACE))
                        .fires("FACE-MAGNESIUM", "FACE-REASSURE")
                        .doesNotFire("FACE-STRESS", "FACE-TIC-DISORDER")
                        .doesNotConclude(FindingCode.STRESS)
                        .urgency(Urgency.ROUTINE),
                RuleCase.of("child with facial twitching and vocal tics: tic disorder, neurologist (FACE-3, FACE-4)",
                                adult(Sex.MALE).ageYears(11), twitch(BodySite.FACE).symptom(Symptom.VOCAL_TICS))
                        .fires("FACE-TIC-DISORDER", "SCOPE-CHILD-MAGNESIUM")
                        .doesNotFire("FACE-REASSURE", "FACE-MAGNESIUM")
                        .concludes(FindingCode.TIC_DISORDER, FindingCode.SEE_NEUROLOGIST, FindingCode.DIETARY_MAGNESIUM)
                        .doesNotConclude(FindingCode.USUALLY_HARMLESS, FindingCode.MAGNESIUM_SUPPLEMENT)
                        .urgency(Urgency.ROUTINE),
                RuleCase.of("facial twitch with redness at the eye: eye infection, eye doctor soon (FACE-1, EYE-3)",
                                adult(Sex.FEMALE), twitch(BodySite.FACE).symptom(Symptom.EYE_INFECTION_SIGNS))
                        .fires("FACE-EYE-INFECTION")
                        .doesNotFire("FACE-VISION", "FACE-REASSURE", "EYE-INFECTION")
                        .concludes(FindingCode.EYE_INFECTION, FindingCode.SEE_EYE_DOCTOR)
                        .doesNotConclude(FindingCode.USUALLY_HARMLESS)
                        .urgency(Urgency.SOON),
                RuleCase.of("facial twitch, nothing at the eye: no eye doctor",
                                adult(Sex.MALE), twitch(BodySite.FACE))
                        .doesNotFire("FACE-EYE-INFECTION", "FACE-VISION")
                        .doesNotConclude(FindingCode.SEE_EYE_DOCTOR),
                RuleCase.of("facial twitching that goes on: tic disorder, neurologist (FACE-3)",
                                adult(Sex.FEMALE), twitch(BodySite.FACE).course(Course.PERSISTING))
                        .fires("FACE-TIC-DISORDER")
                        .doesNotFire("FACE-REASSURE")
                        .concludes(FindingCode.TIC_DISORDER, FindingCode.SEE_NEUROLOGIST)
                        .doesNotConclude(FindingCode.USUALLY_HARMLESS),
                RuleCase.of("facial twitching that increases: tic disorder and a doctor",
                                adult(Sex.MALE), twitch(BodySite.FACE).course(Course.INCREASING))
                        .fires("FACE-TIC-DISORDER")
                        .doesNotFire("FACE-REASSURE", "FACE-MAGNESIUM")
                        .concludes(FindingCode.TIC_DISORDER, FindingCode.SEE_DOCTOR)
                        .urgency(Urgency.SOON),
                RuleCase.of("facial twitch that is fading: no tic disorder (FACE-1)",
                                adult(Sex.FEMALE), twitch(BodySite.FACE).course(Course.IMPROVING))
                        .fires("FACE-REASSURE")
                        .doesNotFire("FACE-TIC-DISORDER")
                        .doesNotConclude(FindingCode.TIC_DISORDER),
                RuleCase.of("facial twitch with numbness: a doctor, not magnesium and reassurance",
                                adult(Sex.MALE), twitch(BodySite.FACE).symptom(Symptom.NUMBNESS))
                        .doesNotFire("FACE-MAGNESIUM", "FACE-REASSURE", "FACE-TIC-DISORDER")
                        .concludes(FindingCode.SEE_DOCTOR)
                        .doesNotConclude(FindingCode.USUALLY_HARMLESS, FindingCode.MAGNESIUM_SUPPLEMENT)
                        .urgency(Urgency.SOON),
                RuleCase.of("stressed, thumb twitch: the facial rules stay out",
                                adult(Sex.FEMALE).circumstance(Circumstance.STRESS), twitch(BodySite.HAND))
                        .doesNotFire("FACE-STRESS", "FACE-MAGNESIUM", "FACE-REASSURE"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void rule(RuleCase c) {
        c.verify(ENGINE);
    }

    @Test
    @DisplayName("Child with facial twitching and vocal tics: consider a tic disorder; the neurologist diagnoses it")
    void childWithFacialTwitchAndVocalTics_ticDisorder_neurologist() {
        TriageDecision d = RuleCase.of("child, facial twitch with vocal tics", adult(Sex.FEMALE).ageYears(12),
                        twitch(BodySite.FACE).symptom(Symptom.VOCAL_TICS))
                .fires("FACE-TIC-DISORDER")
                .urgency(Urgency.ROUTINE)
                .verify(ENGINE);
        Finding tic = assertThat(d).hasFinding(FindingCode.TIC_DISORDER).actual();
        assertThat(tic.getRules()).containsExactly("FACE-TIC-DISORDER");
        assertThat(tic.getPassages()).contains("FACE-3");
        Finding neurologist = assertThat(d).hasFinding(FindingCode.SEE_NEUROLOGIST).actual();
        assertThat(neurologist.getRules()).containsExactly("FACE-TIC-DISORDER");
        assertThat(neurologist.getPassages()).contains("FACE-4");
        assertThat(neurologist.getUrgency()).isEqualTo(Urgency.ROUTINE);
    }

    @Test
    @DisplayName("Facial twitching under stress: magnesium against a deficiency; it usually goes away (FACE-1, FACE-2)")
    void facialTwitchUnderStress_magnesium_passes() {
        TriageDecision d = RuleCase.of("facial twitch under stress",
                        adult(Sex.MALE).circumstance(Circumstance.STRESS), twitch(BodySite.FACE))
                .fires("FACE-STRESS", "FACE-MAGNESIUM", "FACE-REASSURE")
                .urgency(Urgency.ROUTINE)
                .verify(ENGINE);
        Finding tablets = assertThat(d).hasFinding(FindingCode.MAGNESIUM_SUPPLEMENT).actual();
        assertThat(tablets.getRules()).containsExactly("FACE-MAGNESIUM");
        assertThat(tablets.getPassages()).containsExactly("FACE-2");
        Finding harmless = assertThat(d).hasFinding(FindingCode.USUALLY_HARMLESS).actual();
        assertThat(harmless.getRules()).containsExactly("FACE-REASSURE");
        assertThat(harmless.getPassages()).containsExactly("FACE-1");
        assertThat(assertThat(d).hasFinding(FindingCode.STRESS).actual().getPassages()).containsExactly("FACE-3");
    }
}
