package org.twitchtriage.cdshooks.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;

/**
 * The {@code info} card saying which requested data could not be read and were decided without
 * ({@link UnreadData}), so that a clinician can tell "nothing found" from "could not read". Its text names prefetch
 * keys and reasons only, never patient data. Immutable.
 */
public final class UnreadDataCard {
    private final CardAssembler.Source source;

    /** @param source the source the card names */
    public UnreadDataCard(CardAssembler.Source source) {
        this.source = source;
    }

    /**
     * @param hookInstance the call's {@code hookInstance}, from which the card's uuid is derived
     * @param unread       what was not read
     * @return the card, or empty when everything was read
     */
    public Optional<ObjectNode> build(String hookInstance, List<UnreadData> unread) {
        if (unread.isEmpty()) {
            return Optional.empty();
        }
        ObjectNode card = Json.MAPPER.createObjectNode();
        card.put("uuid", Uuids.of("card/unread/" + hookInstance).toString());
        card.put("summary", unread.size() == 1 ? "Decided without some data: the EHR could not supply 1 requested "
                + "item" : "Decided without some data: the EHR could not supply " + unread.size() + " requested items");
        card.put("indicator", "info");
        StringBuilder detail = new StringBuilder("The guidance on this patient was decided without these data, "
                + "because they could not be read. A warning sign recorded only there cannot have been seen; check "
                + "them in the chart.\n");
        for (UnreadData u : unread) {
            detail.append("\n- `").append(u.key()).append("`: ").append(u.reason().replace("`", "'"));
        }
        card.put("detail", detail.toString());
        ObjectNode src = card.putObject("source");
        src.put("label", source.label());
        if (source.url() != null) {
            src.put("url", source.url());
        }
        return Optional.of(card);
    }
}
