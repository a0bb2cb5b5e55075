package org.twitchtriage.cdshooks.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import org.twitchtriage.audit.FeedbackRecord;
import org.twitchtriage.audit.FeedbackRecord.CardOutcome;
import org.twitchtriage.audit.FeedbackRecord.OverrideReason;
import org.twitchtriage.model.FindingCode;

/**
 * Reads a CDS Hooks feedback body ({@code {"feedback": [...]}}) into audit {@link FeedbackRecord}s. Every item is
 * checked before any is recorded, so a body is recorded whole or not at all: {@code card} a UUID,
 * {@code outcome} {@code accepted} (with at least one accepted suggestion) or {@code overridden} (optionally with an
 * {@code overrideReason} holding a coded {@code reason}, a {@code userComment}, or both), {@code outcomeTimestamp} an
 * ISO 8601 instant. For a card the service still remembers, accepted suggestions must be the card's own. The user
 * comment's text is never kept, only that there was one. Thread-safe.
 */
public final class FeedbackReader {
    private final IssuedCards issued;
    private final Supplier<String> ids;

    /**
     * @param issued the cards issued recently
     * @param ids    source of feedback record ids
     */
    public FeedbackReader(IssuedCards issued, Supplier<String> ids) {
        this.issued = issued;
        this.ids = ids;
    }

    /**
     * @param body   the request body
     * @param source what presented the cards, e.g. {@code cds-hooks/twitch-triage-patient-view}
     * @param now    the time of receipt
     * @return one record per feedback item, in order
     * @throws CdsError 400 naming every problem
     */
    public List<FeedbackRecord> read(JsonNode body, String source, Instant now) {
        List<String> problems = new ArrayList<>();
        JsonNode items = body.path("feedback");
        if (!body.isObject() || !items.isArray() || items.isEmpty()) {
            throw CdsError.of(400, "the feedback body is not valid",
                    "the body must be an object whose 'feedback' is a non-empty array");
        }
        List<FeedbackRecord> out = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            String at = "feedback[" + i + "]";
            JsonNode item = items.get(i);
            if (!item.isObject()) {
                problems.add(at + " must be an object");
                continue;
            }
            String card = text(item, "card");
            if (card == null || !isUuid(card)) {
                problems.add(at + ".card must be the uuid of a card");
            }
            String outcomeText = text(item, "outcome");
            CardOutcome outcome = "accepted".equals(outcomeText) ? CardOutcome.ACCEPTED
                    : "overridden".equals(outcomeText) ? CardOutcome.OVERRIDDEN : null;
            if (outcome == null) {
                problems.add(at + ".outcome must be 'accepted' or 'overridden'");
            }
            Instant acted = instant(text(item, "outcomeTimestamp"));
            if (acted == null) {
                problems.add(at + ".outcomeTimestamp must be an ISO 8601 date-time with offset, e.g. "
                        + "2025-11-25T10:15:00Z");
            }
            Optional<CardAssembler.IssuedCard> known = card == null ? Optional.empty() : issued.find(card);
            Set<String> accepted = new LinkedHashSet<>();
            JsonNode acceptedNode = item.get("acceptedSuggestions");
            if (acceptedNode != null) {
                if (!acceptedNode.isArray() || acceptedNode.isEmpty()) {
                    problems.add(at + ".acceptedSuggestions must be a non-empty array");
                } else {
                    for (int j = 0; j < acceptedNode.size(); j++) {
                        String id = text(acceptedNode.get(j), "id");
                        if (id == null) {
                            problems.add(at + ".acceptedSuggestions[" + j + "].id is required");
                        } else if (known.isPresent() && !known.get().suggestions().contains(id)) {
                            problems.add(at + ".acceptedSuggestions[" + j + "].id is not a suggestion of card "
                                    + card);
                        } else {
                            accepted.add(id);
                        }
                    }
                }
            }
            if (outcome == CardOutcome.OVERRIDDEN && acceptedNode != null) {
                problems.add(at + ".acceptedSuggestions is only for the outcome 'accepted'");
            }
            if (outcome == CardOutcome.ACCEPTED && accepted.isEmpty() && acceptedNode == null) {
                problems.add(at + ".acceptedSuggestions is required when the outcome is 'accepted'");
            }
            OverrideReason reason = null;
            boolean commented = false;
            JsonNode override = item.get("overrideReason");
            if (override != null) {
                if (outcome == CardOutcome.ACCEPTED) {
                    problems.add(at + ".overrideReason is only for the outcome 'overridden'");
                } else if (!override.isObject()) {
                    problems.add(at + ".overrideReason must be an object");
                } else {
                    JsonNode coded = override.get("reason");
                    String comment = text(override, "userComment");
                    commented = comment != null;
                    if (coded != null) {
                        String system = text(coded, "system");
                        String code = text(coded, "code");
                        if (system == null || code == null) {
                            problems.add(at + ".overrideReason.reason must be a Coding with system and code");
                        } else {
                            reason = new OverrideReason(system, code, text(coded, "display"));
                        }
                    } else if (!commented) {
                        problems.add(at + ".overrideReason needs a reason, a userComment, or both");
                    }
                }
            }
            if (problems.isEmpty()) {
                List<FindingCode> codes = known.map(CardAssembler.IssuedCard::codes).orElse(List.of());
                out.add(new FeedbackRecord(ids.get(), now, source, card,
                        known.map(CardAssembler.IssuedCard::decisionId).orElse(null), codes, outcome,
                        List.copyOf(accepted), reason, commented, acted));
            }
        }
        if (!problems.isEmpty()) {
            throw CdsError.of(400, "the feedback is not valid; nothing was recorded", problems);
        }
        return out;
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        return v != null && v.isTextual() && !v.asText().isBlank() ? v.asText() : null;
    }

    private static boolean isUuid(String s) {
        try {
            return UUID.fromString(s).toString().equalsIgnoreCase(s);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static Instant instant(String s) {
        if (s == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(s).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** @return a new random id for a feedback record */
    public static String randomId() {
        return UUID.randomUUID().toString();
    }
}
