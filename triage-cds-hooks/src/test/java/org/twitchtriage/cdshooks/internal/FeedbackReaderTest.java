package org.twitchtriage.cdshooks.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.twitchtriage.audit.FeedbackRecord;
import org.twitchtriage.model.FindingCode;

/** Reading CDS Hooks feedback bodies into audit records. */
class FeedbackReaderTest {
    static final String CARD = "0069eedf-7cdf-5528-9f7b-788ea8c74b3a";
    static final Instant NOW = Instant.parse("2025-11-25T10:00:00Z");

    final IssuedCards issued = new IssuedCards(2);
    final FeedbackReader reader = new FeedbackReader(issued, () -> "fb");

    static JsonNode json(String text) {
        return Json.parse(text.replace('\'', '"').getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    @Test
    @DisplayName("feedback on a remembered card is linked to its decision and findings")
    void knownCard_isLinked() {
        issued.add(new CardAssembler.IssuedCard(CARD, "d-7", List.of(FindingCode.SEE_NEUROLOGIST), Set.of("s-1")));

        List<FeedbackRecord> records = reader.read(json("{'feedback':[{'card':'" + CARD + "','outcome':'accepted',"
                + "'acceptedSuggestions':[{'id':'s-1'}],'outcomeTimestamp':'2025-11-25T11:00:00+01:00'}]}"),
                "src", NOW);

        assertThat(records).singleElement().satisfies(r -> {
            assertThat(r.decisionId()).isEqualTo("d-7");
            assertThat(r.findingCodes()).containsExactly(FindingCode.SEE_NEUROLOGIST);
            assertThat(r.outcomeTime()).isEqualTo(NOW);
            assertThat(r.time()).isEqualTo(NOW);
        });
    }

    @Test
    @DisplayName("feedback on a forgotten card is still recorded, without the link")
    void unknownCard_isRecordedWithoutLink() {
        List<FeedbackRecord> records = reader.read(json("{'feedback':[{'card':'" + CARD + "','outcome':'overridden',"
                + "'overrideReason':{'userComment':'no'},'outcomeTimestamp':'2025-11-25T10:00:00Z'}]}"), "src", NOW);

        assertThat(records).singleElement().satisfies(r -> {
            assertThat(r.decisionId()).isNull();
            assertThat(r.overrideReason()).isNull();
            assertThat(r.userCommented()).isTrue();
        });
    }

    @Test
    @DisplayName("every rule of the feedback format is checked, and all problems are named")
    void invalidItems_allProblemsNamed() {
        issued.add(new CardAssembler.IssuedCard(CARD, "d-7", List.of(FindingCode.SEE_NEUROLOGIST), Set.of("s-1")));

        CdsError e = catchThrowableOfType(CdsError.class, () -> reader.read(json("{'feedback':["
                + "{'card':'" + CARD + "','outcome':'accepted','acceptedSuggestions':[{'id':'s-9'}],"
                + "'outcomeTimestamp':'2025-11-25T10:00:00Z'},"
                + "{'card':'" + CARD + "','outcome':'overridden','overrideReason':{},"
                + "'acceptedSuggestions':[{'id':'s-1'}],'outcomeTimestamp':'2025-11-25T10:00:00Z'},"
                + "{'card':'" + CARD + "','outcome':'accepted','overrideReason':{'userComment':'x'},"
                + "'outcomeTimestamp':'2025-11-25'},"
                + "{'card':'" + CARD + "','outcome':'ignored','outcomeTimestamp':'2025-11-25T10:00:00Z',"
                + "'overrideReason':{'reason':{'code':'x'}}},"
                + "'not an object']}"), "src", NOW));

        assertThat(e.status()).isEqualTo(400);
        assertThat(e.details()).containsExactlyInAnyOrder(
                "feedback[0].acceptedSuggestions[0].id: is not a suggestion of this card",
                "feedback[1].acceptedSuggestions: is only for the outcome 'accepted'",
                "feedback[1].overrideReason: needs a reason, a userComment, or both",
                "feedback[2].outcomeTimestamp: must be a date and time with its offset from UTC, such as"
                        + " 2026-01-01T09:00:00Z",
                "feedback[2].acceptedSuggestions: is required when the outcome is 'accepted'",
                "feedback[2].overrideReason: is only for the outcome 'overridden'",
                "feedback[3].outcome: must be 'accepted' or 'overridden'",
                "feedback[3].overrideReason.reason.system: is missing",
                "feedback[4]: must be an object, was text");
    }

    @Test
    @DisplayName("a body without a non-empty feedback array is refused")
    void emptyFeedback_isRefused() {
        assertThat(catchThrowableOfType(CdsError.class, () -> reader.read(json("{'feedback':[]}"), "s", NOW))
                .status()).isEqualTo(400);
        assertThat(catchThrowableOfType(CdsError.class, () -> reader.read(json("[]"), "s", NOW)).status())
                .isEqualTo(400);
    }

    @Test
    @DisplayName("the card memory forgets the oldest card first")
    void issuedCards_forgetTheOldest() {
        for (String id : List.of("a", "b", "c")) {
            issued.add(new CardAssembler.IssuedCard(id, "d", List.of(), Set.of()));
        }

        assertThat(issued.find("a")).isEmpty();
        assertThat(issued.find("c")).isPresent();
    }
}
