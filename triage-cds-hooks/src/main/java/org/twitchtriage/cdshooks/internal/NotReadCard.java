package org.twitchtriage.cdshooks.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.twitchtriage.fhir.NotRead;

/**
 * The information card that tells a clinician what in the patient's record could not be read, so that "nothing
 * found" (no card) and "could not read" (this card) differ. It names kinds of data in plain words and what the
 * decision did without them; it never quotes a value, a code or an identifier from the record (those are in the
 * OperationOutcome of the FHIR mapping, for the integrator). Stateless.
 */
final class NotReadCard {
    private NotReadCard() {
    }

    /**
     * @param card    the card object to fill
     * @param uuid    the card's uuid
     * @param source  the source the card names
     * @param notRead what could not be read; not empty
     * @param decided whether a decision was made on the rest (false: no twitch could be read at all)
     */
    static void fill(ObjectNode card, String uuid, CardAssembler.Source source, List<NotRead> notRead,
                     boolean decided) {
        Map<NotRead.Part, Integer> counts = new EnumMap<>(NotRead.Part.class);
        notRead.forEach(n -> counts.merge(n.part(), 1, Integer::sum));
        card.put("uuid", uuid);
        card.put("summary", CardText.fit(decided
                ? "Part of the record could not be read; the guidance is based on the rest"
                : "Twitching may be recorded but could not be read; no guidance could be given"));
        card.put("indicator", "info");
        StringBuilder md = new StringBuilder(decided
                ? "twitch-triage decided on what it could read. These parts of the record could not be read:\n\n"
                : "No twitch could be read from the record, so twitch-triage gave no guidance. This is not the same "
                        + "as no twitching: these parts of the record could not be read:\n\n");
        counts.forEach((part, n) -> md.append("- ").append(CardText.md(part.display())).append(n > 1 ? " (" + n
                + " places)" : "").append(": ").append(CardText.md(CardText.consequence(part))).append('\n'));
        md.append("\nThe service's FHIR OperationOutcome names each element and the reason, for whoever maintains "
                + "the interface.");
        card.put("detail", md.toString());
        ObjectNode src = card.putObject("source");
        src.put("label", source.label());
        if (source.url() != null) {
            src.put("url", source.url());
        }
    }
}
