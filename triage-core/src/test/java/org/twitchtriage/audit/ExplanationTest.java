package org.twitchtriage.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.twitchtriage.audit.AuditFixtures.REFERENCE;
import static org.twitchtriage.audit.AuditFixtures.calfWithParalysis;
import static org.twitchtriage.audit.AuditFixtures.engineV1;

import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.twitchtriage.engine.TriageDecision;
import org.twitchtriage.guideline.Guideline;
import org.twitchtriage.model.BodySite;
import org.twitchtriage.model.Course;
import org.twitchtriage.model.FindingCode;
import org.twitchtriage.model.Twitch;

/**
 * The explanation chain on the audit fixture, where the referral to a neurologist rests on the paralysis red flag
 * that another rule derived from the input.
 */
class ExplanationTest {
    private static final Guideline GUIDELINE = Guideline.muscleTwitching();
    private static TriageDecision decision;
    private static Explanation explanation;

    @BeforeAll
    static void evaluate() {
        decision = engineV1().evaluate(calfWithParalysis());
        explanation = Explanation.of(decision);
    }

    private static Explanation.FindingExplanation of(FindingCode code) {
        return explanation.findings().stream().filter(f -> f.finding().getCode() == code).findFirst()
                .orElseThrow(() -> new AssertionError("no explanation for " + code + " in " + explanation));
    }

    private static String summary(String passage) {
        return GUIDELINE.passage(passage).orElseThrow().summary();
    }

    @Test
    @DisplayName("one explanation per finding, in the decision's order")
    void everyFinding_isExplained() {
        assertThat(explanation.findings()).extracting(Explanation.FindingExplanation::finding)
                .containsExactlyElementsOf(decision.findings());
        assertThat(decision.findings()).extracting(f -> f.getCode())
                .contains(FindingCode.SEE_NEUROLOGIST, FindingCode.RED_FLAG_PARALYSIS, FindingCode.SEE_DOCTOR);
    }

    @Test
    @DisplayName("neurologist: referral rule -> paralysis red flag -> red-flag rule -> the twitch as entered")
    void derivedFinding_chainsDownToTheInput() {
        Explanation.FindingExplanation neurologist = of(FindingCode.SEE_NEUROLOGIST);

        assertThat(neurologist.because()).hasSize(1);
        Explanation.Node referral = neurologist.because().get(0);
        assertThat(referral.rule().id()).isEqualTo("FIX-AUD-NEURO");
        assertThat(referral.rule().passages()).containsExactly("BODY-4", "DX-3");
        assertThat(referral.explanation()).isEqualTo("A neurologist should examine the weakness.");
        assertThat(decision.firedRules().get(referral.index())).isEqualTo(referral.rule());
        assertThat(referral.facts()).extracting(f -> f.fact().reference())
                .containsExactly("RED_FLAG_PARALYSIS on twitch t1", "twitch t1");

        Explanation.Fact flag = referral.facts().get(0);
        assertThat(flag.fact().isInput()).isFalse();
        Explanation.Node flagRule = flag.derivation();
        assertThat(flagRule).isNotNull();
        assertThat(flagRule.rule().id()).isEqualTo("FIX-AUD-FLAG");
        assertThat(flagRule.rule().passages()).containsExactly("CALF-6");
        assertThat(flagRule.explanation()).as("an intermediate step has no words of its own").isNull();
        assertThat(flagRule.index()).isEqualTo(flag.fact().derivedBy()).isLessThan(referral.index());
        assertThat(decision.firedRules().get(flagRule.index()).id()).isEqualTo("FIX-AUD-FLAG");

        assertThat(flagRule.facts()).hasSize(1);
        Explanation.Fact twitch = flagRule.facts().get(0);
        assertThat(twitch.fact().reference()).isEqualTo("twitch t1");
        assertThat(twitch.fact().isInput()).isTrue();
        assertThat(twitch.derivation()).isNull();
        assertThat(twitch.fact().detail()).contains("course INCREASING").contains("symptoms PARALYSIS");

        Explanation.Fact directTwitch = referral.facts().get(1);
        assertThat(directTwitch.derivation()).isNull();
    }

    @Test
    @DisplayName("the red flag itself: one step, from its rule straight to the input")
    void inputFinding_hasOneStep() {
        Explanation.FindingExplanation flag = of(FindingCode.RED_FLAG_PARALYSIS);

        assertThat(flag.because()).hasSize(1);
        Explanation.Node node = flag.because().get(0);
        assertThat(node.rule().id()).isEqualTo("FIX-AUD-FLAG");
        assertThat(node.explanation()).isEqualTo("Weakness with twitching.");
        assertThat(node.facts()).allSatisfy(f -> assertThat(f.derivation()).isNull());
    }

    @Test
    @DisplayName("the text names each rule, its passages with their summaries, and the input facts, nested")
    void render_namesRulesPassagesAndInputFacts() {
        String text = explanation.render(GUIDELINE);

        int section = text.indexOf("URGENT  REFERRAL  SEE_NEUROLOGIST: See a neurologist");
        assertThat(section).as(text).isNotNegative();
        String neurologist = text.substring(section, text.indexOf("\n\n", section));
        List<String> lines = neurologist.lines().toList();
        assertThat(lines).contains(
                "  rule FIX-AUD-NEURO \"Paralysis red flag -> see a neurologist\"",
                "    says: A neurologist should examine the weakness.",
                "    cites muscle-twitching#BODY-4 (" + summary("BODY-4") + ")",
                "    cites muscle-twitching#DX-3 (" + summary("DX-3") + ")",
                "    matched RED_FLAG_PARALYSIS on twitch t1, derived by:",
                "      rule FIX-AUD-FLAG \"Any twitch with paralysis -> red flag\"",
                "        cites muscle-twitching#CALF-6 (" + summary("CALF-6") + ")");
        assertThat(neurologist).containsPattern("\n {8}matched twitch t1 \\[input: [^\\]]*symptoms PARALYSIS\\]")
                .containsPattern("\n {4}matched twitch t1 \\[input: ");
        // the chain reads top-down: the concluding rule, then what it rests on, then the input
        assertThat(neurologist.indexOf("rule FIX-AUD-NEURO")).isLessThan(neurologist.indexOf("rule FIX-AUD-FLAG"));
        assertThat(neurologist.indexOf("rule FIX-AUD-FLAG")).isLessThan(neurologist.indexOf("[input: "));
        assertThat(text).contains("SOON  REFERRAL  SEE_DOCTOR: See a doctor")
                .contains("rule FIX-AUD-CALF")
                .doesNotContain(REFERENCE);
    }

    @Test
    @DisplayName("a decision without findings has nothing to explain")
    void noFindings_renderNothing() {
        TriageDecision none = engineV1().evaluate(AuditFixtures.request(
                Twitch.builder().id("t1").site(BodySite.HAND).course(Course.NEW).build()));

        Explanation empty = Explanation.of(none);

        assertThat(none.findings()).isEmpty();
        assertThat(empty.findings()).isEmpty();
        assertThat(empty.render(GUIDELINE)).isEmpty();
    }
}
