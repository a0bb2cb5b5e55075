package org.twitchtriage.model;

import java.util.Comparator;
import java.util.List;
import java.util.Set;
import lombok.Builder;
import lombok.Singular;
import lombok.Value;

/**
 * What the knowledge base concludes, merged over all rules that concluded the same code in one evaluation.
 * Immutable.
 *
 * <p>{@code urgency} is the highest urgency any contributing rule gave; {@code passages} are the guideline passage IDs
 * (for example {@code PREG-2}) cited by all contributing rules; {@code rules} are their {@code @id}s;
 * {@code reasons} keep each contribution separately, in firing order.
 */
@Value
@Builder
public class Finding {
    /** Presentation order: urgency (highest first), then kind, then code. */
    public static final Comparator<Finding> PRESENTATION_ORDER = Comparator
            .comparing(Finding::getUrgency, Comparator.reverseOrder())
            .thenComparing(Finding::getKind)
            .thenComparing(Finding::getCode);

    FindingCode code;
    Urgency urgency;
    /** Guideline passage IDs, sorted. */
    @Singular
    Set<String> passages;
    /** Rule ids that contributed, sorted. */
    @Singular
    Set<String> rules;
    /** Ids of the twitches concerned, sorted; empty when the finding concerns the patient as a whole. */
    @Singular
    Set<String> twitchIds;
    /** Each contributing rule's reason, in firing order. */
    @Singular
    List<Reason> reasons;

    /** @return the kind of this finding */
    public FindingKind getKind() {
        return code.kind();
    }

    /**
     * @return the explanations of all contributions, distinct, joined into one text. When the finding concerns more
     *         than one twitch, each explanation is preceded by the id of its twitch ({@code "t1: ..."}), so that the
     *         advice for one twitch is not read as advice for another.
     */
    public String getExplanation() {
        if (twitchIds.size() <= 1) {
            return String.join(" ", reasons.stream().map(Reason::getExplanation).distinct().toList());
        }
        return String.join(" ", reasons.stream()
                .map(r -> (r.getTwitchId() == null ? "" : r.getTwitchId() + ": ") + r.getExplanation())
                .distinct().toList());
    }

    /** One rule's contribution to a finding. */
    @Value
    public static class Reason {
        /** The rule's {@code @id}. */
        String ruleId;
        /** The twitch concerned, or {@code null} for the patient as a whole. */
        String twitchId;
        Urgency urgency;
        String explanation;
        /** The passage IDs the rule cites. */
        List<String> passages;
        /** Index of the rule firing that concluded this, in the decision's list of fired rules. */
        int firing;
    }
}
