package org.twitchtriage.audit;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.twitchtriage.model.FindingCode;

/**
 * What the audit keeps of a clinician's reaction to a presented recommendation (for example a CDS Hooks card):
 * accepted, or overridden with an optional coded reason. Feedback records go into the same log and hash chain as the
 * {@link AuditRecord}s of the decisions they react to (see {@link AuditSink#writeFeedback}), so a reviewer sees what
 * was suggested and what was done with it.
 *
 * <p>No personal data: no patient reference or pseudonym, no user identity, and no free text. A comment the user typed
 * may name the patient, so only whether there was one is kept ({@code userCommented}). The JSON form
 * ({@link #toJson()}) carries {@code "recordType": "FEEDBACK"}, which decision records do not have. Immutable.
 *
 * @param feedbackId          unique id of this record
 * @param time                when the feedback was received, from the configured clock
 * @param source              what presented the recommendation, e.g. {@code cds-hooks/twitch-triage-patient-view}
 * @param cardId              identifier of the presented card (a CDS Hooks {@code card.uuid})
 * @param decisionId          the decision the card was built from, or {@code null} when the receiver no longer knows
 *                            it (the card identifier then still allows the link to be recomputed, see the receiver)
 * @param findingCodes        the findings the card presented; empty when unknown
 * @param outcome             accepted or overridden
 * @param acceptedSuggestions identifiers of the accepted suggestions; empty unless accepted
 * @param overrideReason      the coded reason for an override, or {@code null} when none was given
 * @param userCommented       whether the user added a free-text comment (the text is not kept)
 * @param outcomeTime         when the user acted, as the client reported it, or {@code null} when not reported
 */
public record FeedbackRecord(String feedbackId, Instant time, String source, String cardId, String decisionId,
                             List<FindingCode> findingCodes, CardOutcome outcome, List<String> acceptedSuggestions,
                             OverrideReason overrideReason, boolean userCommented, Instant outcomeTime) {
    /** Version of the feedback record format; changes when a field changes meaning or is removed. */
    public static final String FORMAT_VERSION = "1";
    /** Value of {@code recordType} in the JSON form, telling feedback lines from decision lines. */
    public static final String RECORD_TYPE = "FEEDBACK";

    /** What the user did with a card. */
    public enum CardOutcome {
        /** One or more of the card's suggestions were accepted. */
        ACCEPTED,
        /** The card was dismissed, with or without a reason. */
        OVERRIDDEN
    }

    /**
     * A coded reason for overriding a card.
     *
     * @param system  the code system
     * @param code    the code
     * @param display the display text, or {@code null} when the client sent none
     */
    public record OverrideReason(String system, String code, String display) {
        public OverrideReason {
            Objects.requireNonNull(system, "system");
            Objects.requireNonNull(code, "code");
        }
    }

    /**
     * @throws NullPointerException     when a required field is {@code null}
     * @throws IllegalArgumentException when an accepted card carries an override reason
     */
    public FeedbackRecord {
        Objects.requireNonNull(feedbackId, "feedbackId");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(cardId, "cardId");
        Objects.requireNonNull(outcome, "outcome");
        findingCodes = List.copyOf(findingCodes);
        acceptedSuggestions = List.copyOf(acceptedSuggestions);
        if (outcome == CardOutcome.ACCEPTED && overrideReason != null) {
            throw new IllegalArgumentException("an accepted card has no override reason");
        }
    }

    /** @return the record as JSON (without hash-chain fields), keys as documented in {@code docs/cds-hooks.md} */
    public ObjectNode toJson() {
        ObjectNode o = CanonicalJson.MAPPER.createObjectNode();
        o.put("formatVersion", FORMAT_VERSION);
        o.put("recordType", RECORD_TYPE);
        o.put("feedbackId", feedbackId);
        o.put("time", time.toString());
        o.put("source", source);
        o.put("cardId", cardId);
        o.put("decisionId", decisionId);
        ArrayNode codes = o.putArray("findingCodes");
        findingCodes.forEach(c -> codes.add(c.name()));
        o.put("feedbackOutcome", outcome.name());
        ArrayNode accepted = o.putArray("acceptedSuggestions");
        acceptedSuggestions.forEach(accepted::add);
        if (overrideReason == null) {
            o.putNull("overrideReason");
        } else {
            o.putObject("overrideReason").put("system", overrideReason.system()).put("code", overrideReason.code())
                    .put("display", overrideReason.display());
        }
        o.put("userCommented", userCommented);
        o.put("outcomeTime", outcomeTime == null ? null : outcomeTime.toString());
        return o;
    }
}
