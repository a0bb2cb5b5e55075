package org.twitchtriage.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.twitchtriage.model.BodySite;
import org.twitchtriage.model.Course;
import org.twitchtriage.model.Finding;
import org.twitchtriage.model.FindingCode;
import org.twitchtriage.model.Patient;
import org.twitchtriage.model.Sex;
import org.twitchtriage.model.Symptom;
import org.twitchtriage.model.TriageRequest;
import org.twitchtriage.model.Twitch;
import org.twitchtriage.model.Urgency;
import org.twitchtriage.validation.InvalidRequestException;

/** The engine facade on small DRL fixtures compiled at test time (see {@code src/test/resources/fixtures}). */
class TriageEngineTest {

    static TriageRequest calfTwitch(Symptom... symptoms) {
        return request("t1", BodySite.CALF, symptoms);
    }

    /** @return a request of a 40-year-old woman with one new twitch at the site, with the symptoms given */
    static TriageRequest request(String twitchId, BodySite site, Symptom... symptoms) {
        Twitch.TwitchBuilder twitch = Twitch.builder().id(twitchId).site(site).course(Course.NEW);
        for (Symptom s : symptoms) {
            twitch.symptom(s);
        }
        return TriageRequest.builder()
                .patient(Patient.builder().reference("test-patient").ageYears(40).sex(Sex.FEMALE).build())
                .twitch(twitch.build())
                .build();
    }

    @Nested
    @DisplayName("a knowledge base that loops")
    class RuleLoops {
        private static final int LIMIT = 50;

        @Test
        // guards against a hang if the bound did not work; not a performance check
        @Timeout(value = 5, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
        @DisplayName("is stopped at the firing limit, naming the rule that keeps firing")
        void loopingRule_isStoppedAtTheLimitAndNamed() {
            TriageEngine engine = DrlFixtures.engine(LIMIT, "loop.drl");

            RuleLoopException e = catchThrowableOfType(RuleLoopException.class,
                    () -> engine.evaluate(calfTwitch()));

            assertThat(e).as("evaluation of a looping knowledge base").isNotNull();
            assertThat(e.getRuleId()).isEqualTo("FIX-LOOP");
            assertThat(e.getRuleName()).isEqualTo("Every conclusion on a twitch -> consider tiredness as well");
            // the seed rule fired once and the loop took every other firing up to the limit, not one more
            assertThat(e.getFirings()).isEqualTo(LIMIT - 1);
            assertThat(e.getMessage())
                    .contains("limit of " + LIMIT)
                    .contains("FIX-LOOP")
                    .contains("Every conclusion on a twitch -> consider tiredness as well");
        }

        @Test
        @DisplayName("is stopped again on the next evaluation: a loop leaves nothing behind")
        void loopingRule_everyEvaluationStopsAlike() {
            TriageEngine engine = DrlFixtures.engine(LIMIT, "loop.drl");

            RuleLoopException first = catchThrowableOfType(RuleLoopException.class,
                    () -> engine.evaluate(calfTwitch()));
            RuleLoopException second = catchThrowableOfType(RuleLoopException.class,
                    () -> engine.evaluate(calfTwitch()));

            assertThat(second).isNotNull();
            assertThat(second.getFirings()).isEqualTo(first.getFirings());
            assertThat(second.getRuleId()).isEqualTo("FIX-LOOP");
        }

        @Test
        @DisplayName("cannot be guarded by a firing limit below one")
        void nonPositiveLimit_isRejected() {
            EngineOptions none = EngineOptions.builder().maxRuleFirings(0).build();

            assertThatThrownBy(() -> TriageEngine.of(DrlFixtures.compile(DrlFixtures.read("loop.drl")),
                    DrlFixtures.RELEASE, none))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("maxRuleFirings")
                    .hasMessageContaining("was 0");
        }
    }

    @Nested
    @DisplayName("a knowledge base with missing or wrong rule metadata")
    class Metadata {
        @Test
        @DisplayName("is refused when a rule has no @id")
        void ruleWithoutId_isRefused() {
            assertThatThrownBy(() -> DrlFixtures.engine("missing-id.drl"))
                    .isExactlyInstanceOf(TriageEngineException.class)
                    .hasMessageContaining("rule 'Any twitch -> usually harmless, but no id'")
                    .hasMessageContaining("missing @id");
        }

        @Test
        @DisplayName("is refused when a rule has no @source")
        void ruleWithoutSource_isRefused() {
            assertThatThrownBy(() -> DrlFixtures.engine("missing-source.drl"))
                    .isExactlyInstanceOf(TriageEngineException.class)
                    .hasMessageContaining("rule 'Any twitch -> usually harmless, but no source'")
                    .hasMessageContaining("missing @source");
        }

        @Test
        @DisplayName("is refused when two rules share an @id, naming both")
        void duplicateId_isRefused() {
            assertThatThrownBy(() -> DrlFixtures.engine("duplicate-id.drl"))
                    .isExactlyInstanceOf(TriageEngineException.class)
                    .hasMessageContaining("@id FIX-SHARED is also used by")
                    .hasMessageContaining("'Any twitch -> usually harmless'")
                    .hasMessageContaining("'Any twitch -> wait and see'");
        }

        @Test
        @DisplayName("is refused when a rule cites a passage the guideline does not have")
        void unknownPassage_isRefused() {
            assertThatThrownBy(() -> DrlFixtures.engine("unknown-passage.drl"))
                    .isExactlyInstanceOf(TriageEngineException.class)
                    .hasMessageContaining("rule 'Any twitch -> usually harmless, citing a passage that does not exist'")
                    .hasMessageContaining("CALF-99");
        }

        @Test
        @DisplayName("reports every faulty rule at once")
        void severalFaultyFiles_allReported() {
            assertThatThrownBy(() -> DrlFixtures.engine("missing-id.drl", "missing-source.drl", "unknown-passage.drl"))
                    .isExactlyInstanceOf(TriageEngineException.class)
                    .hasMessageContaining("missing @id")
                    .hasMessageContaining("missing @source")
                    .hasMessageContaining("CALF-99");
        }

        @Test
        @DisplayName("with complete metadata is accepted and lists every rule")
        void completeMetadata_isAccepted() {
            TriageEngine engine = DrlFixtures.engine("findings.drl");

            assertThat(engine.rules()).extracting(r -> r.id())
                    .containsExactly("FIX-MERGE-SOON", "FIX-MERGE-URGENT", "FIX-ORDER");
            assertThat(engine.knowledgeBase().ruleCount()).isEqualTo(3);
            assertThat(engine.knowledgeBase().releaseId()).isEqualTo(DrlFixtures.RELEASE);
        }
    }

    @Nested
    @DisplayName("a rule that fails")
    class FailingRules {
        @Test
        @DisplayName("stops the evaluation with an engine error naming the rule")
        void failingConsequence_namesTheRule() {
            TriageEngine engine = DrlFixtures.engine("failing-consequence.drl");

            assertThatThrownBy(() -> engine.evaluate(calfTwitch()))
                    .isExactlyInstanceOf(TriageEngineException.class)
                    .hasMessageContaining("'Any twitch -> see a doctor, concluded with the wrong factory'")
                    .hasMessageContaining("@id FIX-WRONG-KIND")
                    .hasRootCauseInstanceOf(IllegalArgumentException.class)
                    .hasStackTraceContaining("SEE_DOCTOR is a REFERRAL, not a HYPOTHESIS");
        }

        @Test
        @DisplayName("in its condition stops the evaluation with an engine error naming the rule")
        void failingCondition_namesTheRule() {
            TriageEngine engine = DrlFixtures.engine("failing-condition.drl");

            assertThatThrownBy(() -> engine.evaluate(calfTwitch()))
                    .isExactlyInstanceOf(TriageEngineException.class)
                    .hasMessageContaining("Any twitch with a numeric id -> usually harmless")
                    .hasRootCauseInstanceOf(NumberFormatException.class);
        }
    }

    @Nested
    @DisplayName("an invalid request")
    class InvalidInput {
        @Test
        @DisplayName("is rejected before any rule runs")
        void invalidRequest_noRuleRuns() {
            // this fixture's only rule throws whenever it fires: an engine error would mean a rule ran
            TriageEngine engine = DrlFixtures.engine("failing-consequence.drl");
            TriageRequest valid = calfTwitch();
            TriageRequest invalid = valid.toBuilder()
                    .patient(valid.getPatient().toBuilder().ageYears(null).build())
                    .build();

            assertThatThrownBy(() -> engine.evaluate(invalid))
                    .isExactlyInstanceOf(InvalidRequestException.class)
                    .hasMessageContaining("patient.ageYears");
        }

        @Test
        @DisplayName("that is missing altogether is rejected as invalid")
        void nullRequest_isInvalid() {
            TriageEngine engine = DrlFixtures.engine("failing-consequence.drl");

            assertThatThrownBy(() -> engine.evaluate(null))
                    .isExactlyInstanceOf(InvalidRequestException.class)
                    .hasMessageContaining("request: is missing");
        }
    }

    @Nested
    @DisplayName("findings")
    class Findings {
        @Test
        @DisplayName("from two rules concluding the same referral on the same twitch are merged into one")
        void sameCodeSameTwitch_mergedIntoOneFinding() {
            TriageDecision decision = DrlFixtures.engine("findings.drl").evaluate(calfTwitch());

            assertThat(decision.findings()).filteredOn(f -> f.getCode() == FindingCode.SEE_DOCTOR).hasSize(1);
            Finding referral = decision.finding(FindingCode.SEE_DOCTOR).orElseThrow();
            assertThat(referral.getRules()).containsExactly("FIX-MERGE-SOON", "FIX-MERGE-URGENT");
            // guideline order, not citation order, and each passage once
            assertThat(referral.getPassages()).containsExactly("PREG-4", "CALF-3", "CALF-6");
            assertThat(referral.getUrgency()).isEqualTo(Urgency.URGENT);
            assertThat(referral.getTwitchIds()).containsExactly("t1");
            assertThat(referral.getReasons())
                    .extracting(Finding.Reason::getRuleId, Finding.Reason::getUrgency, Finding.Reason::getExplanation)
                    .containsExactlyInAnyOrder(
                            tuple("FIX-MERGE-SOON", Urgency.SOON, "A nerve cause should be excluded."),
                            tuple("FIX-MERGE-URGENT", Urgency.URGENT, "Weakness needs a doctor now."));
            assertThat(referral.getExplanation())
                    .contains("A nerve cause should be excluded.")
                    .contains("Weakness needs a doctor now.");
        }

        @Test
        @DisplayName("are presented by urgency first, then kind, then code")
        void findings_inPresentationOrder() {
            TriageDecision decision = DrlFixtures.engine("findings.drl").evaluate(calfTwitch());

            assertThat(decision.findings()).extracting(Finding::getCode).containsExactly(
                    FindingCode.RED_FLAG_PARALYSIS,   // URGENT red flag
                    FindingCode.SEE_DOCTOR,           // URGENT referral
                    FindingCode.HISTORY,              // URGENT workup
                    FindingCode.RED_FLAG_PAIN,        // SOON red flag: urgency comes before kind
                    FindingCode.MAGNESIUM_DEFICIENCY, // ROUTINE hypotheses, in code order
                    FindingCode.STRESS,
                    FindingCode.USUALLY_HARMLESS);    // ROUTINE reassurance
            assertThat(decision.highestUrgency()).isEqualTo(Urgency.URGENT);
            assertThat(decision.firedRuleIds())
                    .containsExactlyInAnyOrder("FIX-MERGE-SOON", "FIX-MERGE-URGENT", "FIX-ORDER");
        }

        @Test
        @DisplayName("withdrawn by truth maintenance later in the same evaluation are not reported")
        void logicalConclusionLosingItsJustification_isNotReported() {
            TriageEngine engine = DrlFixtures.engine("truth-maintenance.drl");

            TriageDecision withPain = engine.evaluate(calfTwitch(Symptom.PAIN));

            assertThat(withPain.firedRuleIds()).containsExactly("FIX-TMS-REASSURE", "FIX-TMS-LATE-FLAG");
            assertThat(withPain.findings()).extracting(Finding::getCode).containsExactly(FindingCode.RED_FLAG_PAIN);
            assertThat(withPain.highestUrgency()).isEqualTo(Urgency.SOON);
        }

        @Test
        @DisplayName("keep a logical conclusion whose justification holds to the end")
        void logicalConclusionStillJustified_isReported() {
            TriageDecision withoutPain = DrlFixtures.engine("truth-maintenance.drl").evaluate(calfTwitch());

            assertThat(withoutPain.firedRuleIds()).containsExactly("FIX-TMS-REASSURE");
            assertThat(withoutPain.findings()).extracting(Finding::getCode)
                    .containsExactly(FindingCode.USUALLY_HARMLESS);
            assertThat(withoutPain.highestUrgency()).isEqualTo(Urgency.ROUTINE);
        }
    }
}
