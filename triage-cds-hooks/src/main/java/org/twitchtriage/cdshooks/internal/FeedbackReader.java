package org.twitchtriage.cdshooks.internal;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
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
import org.twitchtriage.json.JsonBinder;
import org.twitchtriage.model.FindingCode;
import org.twitchtriage.validation.Violation;

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
     * @throws CdsError 400 naming every problem, each as {@code path: message}
     */
    public List<FeedbackRecord> read(JsonNode body, String source, Instant now) {
        JsonBinder binder = new JsonBinder("body");
        Body dto = body.isObject() ? binder.bind(body, Body.class) : null;
        if (dto == null || dto.feedback() == null || dto.feedback().isEmpty()) {
            throw CdsError.of(400, "the feedback body is not valid",
                    "the body must be an object whose 'feedback' is a non-empty array");
        }
        List<FeedbackRecord> out = new ArrayList<>();
        for (int i = 0; i < dto.feedback().size(); i++) {
            Item item = dto.feedback().get(i);
            if (item != null) {
                FeedbackRecord r = record(item, "feedback[" + i + "]", binder, source, now);
                out.add(r);
            }
        }
        if (!binder.isClean()) {
            throw CdsError.of(400, "the feedback is not valid; nothing was recorded",
                    binder.violations().stream().map(Violation::toString).toList());
        }
        return out;
    }

    private FeedbackRecord record(Item item, String at, JsonBinder binder, String source, Instant now) {
        if (item.card() != null && !isUuid(item.card())) {
            binder.report(at + ".card", "must be the uuid of a card");
        }
        CardOutcome outcome = "accepted".equals(item.outcome()) ? CardOutcome.ACCEPTED
                : "overridden".equals(item.outcome()) ? CardOutcome.OVERRIDDEN : null;
        if (outcome == null && item.outcome() != null) {
            binder.report(at + ".outcome", "must be 'accepted' or 'overridden'");
        }
        Optional<CardAssembler.IssuedCard> known = item.card() == null ? Optional.empty() : issued.find(item.card());
        Set<String> accepted = new LinkedHashSet<>();
        List<Suggestion> suggestions = item.acceptedSuggestions();
        if (suggestions != null && suggestions.isEmpty()) {
            binder.report(at + ".acceptedSuggestions", "must not be empty");
        }
        for (int j = 0; suggestions != null && j < suggestions.size(); j++) {
            String id = suggestions.get(j) == null ? null : suggestions.get(j).id();
            if (id != null && known.isPresent() && !known.get().suggestions().contains(id)) {
                binder.report(at + ".acceptedSuggestions[" + j + "].id", "is not a suggestion of this card");
            } else if (id != null) {
                accepted.add(id);
            }
        }
        if (outcome == CardOutcome.OVERRIDDEN && suggestions != null) {
            binder.report(at + ".acceptedSuggestions", "is only for the outcome 'accepted'");
        }
        if (outcome == CardOutcome.ACCEPTED && suggestions == null) {
            binder.report(at + ".acceptedSuggestions", "is required when the outcome is 'accepted'");
        }
        OverrideReasonPart override = item.overrideReason();
        OverrideReason reason = null;
        if (override != null && outcome == CardOutcome.ACCEPTED) {
            binder.report(at + ".overrideReason", "is only for the outcome 'overridden'");
        } else if (override != null && override.reason() == null && override.userComment() == null
                && !binder.reported(at + ".overrideReason.reason")) {
            binder.report(at + ".overrideReason", "needs a reason, a userComment, or both");
        } else if (override != null && override.reason() != null) {
            Coding c = override.reason();
            reason = c.system() == null || c.code() == null ? null : new OverrideReason(c.system(), c.code(),
                    c.display());
        }
        List<FindingCode> codes = known.map(CardAssembler.IssuedCard::codes).orElse(List.of());
        return binder.isClean() ? new FeedbackRecord(ids.get(), now, source, item.card(),
                known.map(CardAssembler.IssuedCard::decisionId).orElse(null), codes, outcome, List.copyOf(accepted),
                reason, override != null && override.userComment() != null && !override.userComment().isBlank(),
                item.outcomeTimestamp()) : null;
    }

    private static boolean isUuid(String s) {
        try {
            return UUID.fromString(s).toString().equalsIgnoreCase(s);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** @return a new random id for a feedback record */
    public static String randomId() {
        return UUID.randomUUID().toString();
    }

    // The CDS Hooks feedback format: component names are the JSON field names. Fields this service does not use
    // (extensions, a coding's version) are allowed, as the specification lets clients send them.

    @JsonIgnoreProperties(ignoreUnknown = true)
    private record Body(@JsonProperty(required = true) List<Item> feedback) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    private record Item(@JsonProperty(required = true) String card, @JsonProperty(required = true) String outcome,
                        List<Suggestion> acceptedSuggestions, OverrideReasonPart overrideReason,
                        @JsonProperty(required = true) Instant outcomeTimestamp) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    private record Suggestion(@JsonProperty(required = true) String id) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    private record OverrideReasonPart(Coding reason, String userComment) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    private record Coding(@JsonProperty(required = true) String system, @JsonProperty(required = true) String code,
                          String display) {
    }
}
