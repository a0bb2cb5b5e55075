package org.twitchtriage.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.twitchtriage.testkit.TriageRequests.adult;
import static org.twitchtriage.testkit.TriageRequests.lab;
import static org.twitchtriage.testkit.TriageRequests.pregnantWoman;
import static org.twitchtriage.testkit.TriageRequests.request;
import static org.twitchtriage.testkit.TriageRequests.twitch;

import java.math.BigDecimal;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.twitchtriage.engine.TriageDecision;
import org.twitchtriage.model.Analyte;
import org.twitchtriage.model.BodySite;
import org.twitchtriage.model.Course;
import org.twitchtriage.model.FindingCode;
import org.twitchtriage.model.LabUnit;
import org.twitchtriage.model.Sex;
import org.twitchtriage.model.Symptom;
import org.twitchtriage.model.TriageRequest;
import org.twitchtriage.model.Twitch;
import org.twitchtriage.model.Urgency;

/** {@link RuleCase} rows and the {@link TriageRequests} builders, on the fixture knowledge base. */
class RuleCaseTest {
    private static RuleCase calfWithBackPain() {
        return RuleCase.of("calf twitch with back pain: red flag, doctor soon, no reassurance", adult(Sex.MALE),
                twitch(BodySite.CALF).symptom(Symptom.BACK_PAIN));
    }

    @Test
    @DisplayName("a row whose expectations all hold passes, checks its own extra check and returns the decision")
    void matchingRow_passes() {
        AtomicBoolean checked = new AtomicBoolean();
        TriageDecision d = calfWithBackPain()
                .fires("RF-BACK-PAIN", "REF-NERVE-SIGNS")
                .doesNotFire("CALF-REASSURE", "CALF-MAGNESIUM")
                .concludes(FindingCode.RED_FLAG_BACK_PAIN, FindingCode.SEE_DOCTOR)
                .doesNotConclude(FindingCode.USUALLY_HARMLESS, FindingCode.MAGNESIUM_SUPPLEMENT)
                .urgency(Urgency.SOON)
                .check(decision -> checked.set(decision.has(FindingCode.SEE_DOCTOR)))
                .verify(Decisions.ENGINE);
        assertThat(checked).isTrue();
        assertThat(d.highestUrgency()).isEqualTo(Urgency.SOON);
    }

    @Test
    @DisplayName("a rule expected to conclude that did not fails, led by the row's description")
    void missingConclusion_failsWithTheDescription() {
        assertThatThrownBy(() -> calfWithBackPain().fires("CALF-REASSURE").verify(Decisions.ENGINE))
                .isInstanceOf(AssertionError.class)
                .hasMessageStartingWith("[calf twitch with back pain: red flag, doctor soon, no reassurance] ")
                .hasMessageContaining("Expecting rule CALF-REASSURE to have concluded a finding of the decision");
    }

    @Test
    @DisplayName("each other expectation fails when the decision differs from it")
    void eachExpectation_canFail() {
        assertThatThrownBy(() -> calfWithBackPain().doesNotFire("REF-NERVE-SIGNS").verify(Decisions.ENGINE))
                .hasMessageContaining("Expecting no finding concluded by rule REF-NERVE-SIGNS");
        assertThatThrownBy(() -> calfWithBackPain().concludes(FindingCode.USUALLY_HARMLESS).verify(Decisions.ENGINE))
                .hasMessageContaining("USUALLY_HARMLESS");
        assertThatThrownBy(() -> calfWithBackPain().doesNotConclude(FindingCode.SEE_DOCTOR).verify(Decisions.ENGINE))
                .hasMessageContaining("SEE_DOCTOR");
        assertThatThrownBy(() -> calfWithBackPain().urgency(Urgency.URGENT).verify(Decisions.ENGINE))
                .hasMessageContaining("Expecting the highest urgency to be URGENT but it is SOON.");
    }

    @Test
    @DisplayName("a row checks the safety invariants with its request: the fixture gives a 4-year-old tablets")
    void safetyInvariants_areChecked() {
        RuleCase child = RuleCase.of("calf twitch at 4", adult(Sex.FEMALE).ageYears(4), twitch(BodySite.CALF))
                .fires("CALF-MAGNESIUM");
        assertThatThrownBy(() -> child.verify(Decisions.ENGINE))
                .hasMessageStartingWith("[calf twitch at 4] ")
                .hasMessageContaining("CHILDREN_IN_THE_GUIDELINE_SCOPE: magnesium tablets without a doctor");
    }

    @Test
    @DisplayName("the rules a row names are reported for coverage checks, and its description names it")
    void namedRules_areReported() {
        RuleCase c = calfWithBackPain().fires("RF-BACK-PAIN", "REF-NERVE-SIGNS").doesNotFire("CALF-REASSURE");
        assertThat(c.firingRules()).containsExactly("RF-BACK-PAIN", "REF-NERVE-SIGNS");
        assertThat(c.nonFiringRules()).containsExactly("CALF-REASSURE");
        assertThat(c).hasToString("calf twitch with back pain: red flag, doctor soon, no reassurance");
        assertThat(c.request().getTwitches()).extracting(Twitch::getSite).containsExactly(BodySite.CALF);
    }

    @Test
    @DisplayName("the request builders: an adult of 34, a new twitch, exact lab values, twitches numbered by position")
    void requestBuilders() {
        TriageRequest r = request(pregnantWoman().labResult(lab(Analyte.MAGNESIUM, "0.55", LabUnit.MMOL_PER_L)),
                twitch(BodySite.CALF), twitch(BodySite.EYELID), twitch(BodySite.HAND).id("mine"));
        assertThat(r.getPatient().getAgeYears()).isEqualTo(TriageRequests.ADULT_AGE_YEARS);
        assertThat(r.getPatient().getSex()).isEqualTo(Sex.FEMALE);
        assertThat(r.getPatient().isPregnant()).isTrue();
        assertThat(r.getPatient().getLabResults()).singleElement()
                .satisfies(l -> assertThat(l.getValue()).isEqualByComparingTo(new BigDecimal("0.55")));
        assertThat(r.getTwitches()).extracting(Twitch::getId).containsExactly("t1", "t2", "mine");
        assertThat(r.getTwitches()).extracting(Twitch::getCourse).containsOnly(Course.NEW);
        assertThat(request(adult(Sex.MALE), twitch(BodySite.KNEE)).getTwitches()).extracting(Twitch::getId)
                .containsExactly("t1");
    }
}
