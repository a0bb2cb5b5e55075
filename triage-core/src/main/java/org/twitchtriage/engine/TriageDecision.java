package org.twitchtriage.engine;

import java.util.List;
import java.util.Optional;
import org.twitchtriage.model.Finding;
import org.twitchtriage.model.FindingCode;
import org.twitchtriage.model.FindingKind;
import org.twitchtriage.model.Urgency;

/**
 * The immutable result of one evaluation.
 *
 * @param findings       merged findings in {@link Finding#PRESENTATION_ORDER}
 * @param highestUrgency the highest urgency of any finding; {@link Urgency#ROUTINE} when there is none
 * @param firedRules     every rule firing in order
 * @param knowledgeBase  the knowledge base that decided
 */
public record TriageDecision(List<Finding> findings, Urgency highestUrgency, List<FiredRule> firedRules,
                             KnowledgeBaseInfo knowledgeBase) {
    public TriageDecision {
        findings = List.copyOf(findings);
        firedRules = List.copyOf(firedRules);
    }

    /** @return the finding with this code, if any */
    public Optional<Finding> finding(FindingCode code) {
        return findings.stream().filter(f -> f.getCode() == code).findFirst();
    }

    /** @return true when a finding with this code was concluded */
    public boolean has(FindingCode code) {
        return finding(code).isPresent();
    }

    /** @return the findings of one kind, in presentation order */
    public List<Finding> findings(FindingKind kind) {
        return findings.stream().filter(f -> f.getKind() == kind).toList();
    }

    /** @return the ids of the rules that fired, in firing order, without repeats */
    public List<String> firedRuleIds() {
        return firedRules.stream().map(FiredRule::id).distinct().toList();
    }
}
