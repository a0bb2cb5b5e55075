package org.twitchtriage.cdshooks.internal;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;
import java.util.List;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.twitchtriage.engine.KnowledgeBaseInfo;
import org.twitchtriage.engine.TriageDecision;
import org.twitchtriage.fhir.FhirDecisionMapper;
import org.twitchtriage.model.Finding;
import org.twitchtriage.model.FindingCode;
import org.twitchtriage.model.FindingKind;
import org.twitchtriage.model.Urgency;

/**
 * Card building on decisions made by hand, for shapes the current rules do not produce: a warning sign without a
 * referral, examinations without a referral, urgencies below URGENT, and many findings on one card.
 */
class CardAssemblerTest {
    static final CardAssembler CARDS = new CardAssembler(FhirContext.forR4Cached(),
            new CardAssembler.Source("test source", "https://example.test/about"));

    static Finding finding(FindingCode code, Urgency urgency) {
        return Finding.builder().code(code).urgency(urgency).passage("CALF-6").rule("R-" + code.name())
                .twitchId("t1").reason(new Finding.Reason("R-" + code.name(), "t1", urgency,
                        "Because of *this* [case].", List.of("CALF-6"), 0)).build();
    }

    static JsonNode cards(Finding... findings) {
        List<Finding> sorted = Arrays.stream(findings).sorted(Finding.PRESENTATION_ORDER).toList();
        Urgency highest = sorted.stream().map(Finding::getUrgency).reduce(Urgency.ROUTINE, Urgency::max);
        TriageDecision decision = new TriageDecision(sorted, highest, List.of(),
                new KnowledgeBaseInfo("test:kb:1", "kb", 1, "00"));
        return CARDS.build("d-1", decision, new FhirDecisionMapper().toFhir(decision, new Reference("Patient/p")))
                .cards();
    }

    @Test
    @DisplayName("a twitch id with a lone surrogate (from a hostile Condition id): the cards still write as JSON")
    void loneSurrogateTwitchId_cardsStillWrite() {
        // found by CdsHooksFuzzTest: HAPI writes the suggested ServiceRequest's reason reference with the lone
        // surrogate unescaped; embedded as raw text, Jackson refused to write the answer (a 500)
        Finding referral = Finding.builder().code(FindingCode.SEE_NEUROLOGIST).urgency(Urgency.URGENT)
                .passage("DX-3").rule("R-SEE_NEUROLOGIST").twitchId("\ud800").reason(new Finding.Reason(
                        "R-SEE_NEUROLOGIST", "\ud800", Urgency.URGENT, "Because.", List.of("DX-3"), 0)).build();

        JsonNode cards = cards(referral);

        assertThat(cards).hasSize(1);
        assertThat(cards.get(0).path("suggestions")).isNotEmpty();
        assertThat(Json.bytes(cards)).isNotEmpty();
    }

    @Test
    @DisplayName("a decision without findings gives no cards")
    void noFindings_noCards() {
        assertThat(cards()).isEmpty();
    }

    @Test
    @DisplayName("a routine warning sign without a referral still gets its own card, at least a warning")
    void redFlagWithoutReferral_ownWarningCard() {
        JsonNode cards = cards(finding(FindingCode.RED_FLAG_PERSISTING, Urgency.ROUTINE));

        assertThat(cards).hasSize(1);
        assertThat(cards.get(0).path("indicator").asText()).isEqualTo("warning");
        assertThat(cards.get(0).path("summary").asText()).startsWith("Warning sign: Twitching that persists");
        assertThat(cards.get(0).path("source").path("url").asText()).isEqualTo("https://example.test/about");
    }

    @Test
    @DisplayName("examinations without a referral are proposed together on one card")
    void workupsWithoutReferral_oneCardWithSuggestions() {
        JsonNode cards = cards(finding(FindingCode.EYE_EXAMINATION, Urgency.SOON),
                finding(FindingCode.HISTORY, Urgency.SOON));

        assertThat(cards).hasSize(1);
        JsonNode card = cards.get(0);
        assertThat(card.path("indicator").asText()).isEqualTo("warning");
        assertThat(card.path("summary").asText()).startsWith("Examinations to consider: ");
        assertThat(card.path("suggestions")).hasSize(2);
        assertThat(card.path("selectionBehavior").asText()).isEqualTo("any");
        assertThat(card.path("uuid").asText()).isEqualTo(Uuids.card("d-1", "HISTORY"));
    }

    @Test
    @DisplayName("the eye examination goes with an eye-doctor referral, history with the doctor's assessment")
    void workups_goWithTheFittingReferral() {
        JsonNode cards = cards(finding(FindingCode.SEE_EYE_DOCTOR, Urgency.SOON),
                finding(FindingCode.SEE_DOCTOR, Urgency.ROUTINE), finding(FindingCode.EYE_EXAMINATION, Urgency.SOON),
                finding(FindingCode.HISTORY, Urgency.ROUTINE));

        assertThat(cards).hasSize(2);
        JsonNode eye = cards.get(0);
        assertThat(eye.path("summary").asText()).isEqualTo("Refer to an eye doctor (ophthalmologist) first within "
                + "days");
        assertThat(eye.path("indicator").asText()).isEqualTo("warning");
        assertThat(eye.path("suggestions").toString()).contains("EYE_EXAMINATION").doesNotContain("\"HISTORY\"");
        JsonNode doctor = cards.get(1);
        assertThat(doctor.path("indicator").asText()).isEqualTo("info");
        assertThat(doctor.path("summary").asText()).isEqualTo("Needs a doctor's assessment at a routine appointment");
        assertThat(doctor.path("suggestions").toString()).contains("\"HISTORY\"");
    }

    @Test
    @DisplayName("a long list of findings is cut with 'and N more' below 140 characters")
    void manyFindings_summaryStaysShort() {
        JsonNode cards = cards(Arrays.stream(FindingCode.values()).filter(c -> c.kind() == FindingKind.HYPOTHESIS)
                .map(c -> finding(c, Urgency.ROUTINE)).toArray(Finding[]::new));

        String summary = cards.get(0).path("summary").asText();
        assertThat(summary.length()).isLessThan(140);
        assertThat(summary).startsWith("Possible causes to consider: ").containsPattern("and \\d+ more$");
    }

    @Test
    @DisplayName("rule texts are escaped so that Markdown shows them as written")
    void markdown_isEscaped() {
        assertThat(CardText.md("a *b* [c] <d> `e` #f")).isEqualTo("a \\*b\\* \\[c\\] \\<d\\> \\`e\\` \\#f");
        assertThat(cards(finding(FindingCode.STRESS, Urgency.ROUTINE)).get(0).path("detail").asText())
                .contains("Because of \\*this\\* \\[case\\].");
    }

    @Test
    @DisplayName("a text over the limit is cut at a word and marked")
    void fit_cutsAtAWord() {
        String cut = CardText.fit("word ".repeat(40).trim());

        assertThat(cut.length()).isLessThan(140);
        assertThat(cut).endsWith("word\u2026");
    }
}
