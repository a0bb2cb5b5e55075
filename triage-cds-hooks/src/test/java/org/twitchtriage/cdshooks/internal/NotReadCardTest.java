package org.twitchtriage.cdshooks.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.twitchtriage.fhir.NotRead;

class NotReadCardTest {
    private static final CardAssembler.Source SOURCE = new CardAssembler.Source("twitch-triage", null);

    @Test
    @DisplayName("the card names what was not read in plain words, counted, and never quotes a value or an id")
    void plainWords_noValuesNoIds() {
        ObjectNode card = Json.MAPPER.createObjectNode();
        List<NotRead> notRead = List.of(
                new NotRead(NotRead.Part.LAB_RESULT, "Bundle.entry[3].resource.valueQuantity.code",
                        "the serum sodium result is left out: '[iU]/L' is not an amount of substance per volume"),
                new NotRead(NotRead.Part.LAB_RESULT, "Bundle.entry[4].resource.valueQuantity.code",
                        "Observation/lab-pseudo-77 has no unit"),
                new NotRead(NotRead.Part.COURSE, "Bundle.entry[1].resource.extension('x')", "missing"));

        NotReadCard.fill(card, "00000000-0000-4000-8000-000000000001", SOURCE, notRead, true);

        assertThat(card.path("indicator").asText()).isEqualTo("info");
        assertThat(card.path("summary").asText()).hasSizeLessThan(140).contains("could not be read");
        String detail = card.path("detail").asText();
        assertThat(detail).contains("a laboratory result (2 places)", "left out; the other results were used",
                "how a twitch has developed (course)", "read as not improving");
        assertThat(detail).doesNotContain("iU", "lab-pseudo-77", "Bundle.entry", "sodium");
        assertThat(card.path("source").path("label").asText()).isEqualTo("twitch-triage");
    }

    @Test
    @DisplayName("without any decision the card says that no guidance could be given, not that nothing was found")
    void noDecision_saysCouldNotRead() {
        ObjectNode card = Json.MAPPER.createObjectNode();

        NotReadCard.fill(card, "00000000-0000-4000-8000-000000000002", SOURCE,
                List.of(new NotRead(NotRead.Part.RECORD, "Bundle.entry[1].resource.code", "text only")), false);

        assertThat(card.path("summary").asText()).contains("could not be read", "no guidance");
        assertThat(card.path("detail").asText()).contains("not the same as no twitching",
                "a recorded condition or observation whose code could not be read");
    }
}
