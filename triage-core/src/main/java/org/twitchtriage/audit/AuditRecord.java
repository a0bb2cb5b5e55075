package org.twitchtriage.audit;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.twitchtriage.engine.FiredRule;
import org.twitchtriage.engine.KnowledgeBaseInfo;
import org.twitchtriage.engine.MatchedFact;
import org.twitchtriage.model.Finding;
import org.twitchtriage.model.Urgency;
import org.twitchtriage.validation.Violation;

/**
 * What the audit keeps of one evaluation. The JSON form ({@link #toJson()}) is documented by
 * {@code docs/audit-record.schema.json} and carries {@link #FORMAT_VERSION}. It never contains the patient
 * reference: only its keyed pseudonym, and (when configured) the input without the reference. Immutable.
 *
 * @param decisionId       unique id of this evaluation
 * @param time             when it was evaluated, from the configured clock
 * @param outcome          decided, rejected (invalid input) or failed
 * @param knowledgeBase    the kjar release and the SHA-256 of its rule resources
 * @param engineVersion    version of the library
 * @param inputDigest      SHA-256 of the canonical input without the patient reference
 * @param patientPseudonym keyed hash of the patient reference, or {@code null} when the input had none
 * @param highestUrgency   the decision's highest urgency; {@code null} unless decided
 * @param firedRules       the firings in order, with the facts each matched; empty unless decided
 * @param findings         the findings; empty unless decided
 * @param violations       the input problems when rejected; empty otherwise
 * @param error            the failure message when failed; {@code null} otherwise
 * @param input            the canonical input without the patient reference, when input capture is configured;
 *                         otherwise {@code null}
 */
public record AuditRecord(String decisionId, Instant time, Outcome outcome, KnowledgeBaseInfo knowledgeBase,
                          String engineVersion, String inputDigest, String patientPseudonym,
                          Urgency highestUrgency, List<FiredRule> firedRules, List<Finding> findings,
                          List<Violation> violations, String error, ObjectNode input) {
    /** Version of the record format; changes when a field changes meaning or is removed. */
    public static final String FORMAT_VERSION = "1";

    public AuditRecord {
        Objects.requireNonNull(decisionId, "decisionId");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(knowledgeBase, "knowledgeBase");
        firedRules = List.copyOf(firedRules);
        findings = List.copyOf(findings);
        violations = List.copyOf(violations);
        input = input == null ? null : input.deepCopy();
    }

    /** @return the stored input (a copy), or {@code null} when input capture was off */
    @Override
    public ObjectNode input() {
        return input == null ? null : input.deepCopy();
    }

    /** @return the record as JSON, in the documented format (without hash-chain fields) */
    public ObjectNode toJson() {
        ObjectNode o = CanonicalJson.MAPPER.createObjectNode();
        o.put("formatVersion", FORMAT_VERSION);
        o.put("decisionId", decisionId);
        o.put("time", time.toString());
        o.put("outcome", outcome.name());
        ObjectNode kb = o.putObject("knowledgeBase");
        kb.put("releaseId", knowledgeBase.releaseId());
        kb.put("kieBase", knowledgeBase.kieBase());
        kb.put("ruleCount", knowledgeBase.ruleCount());
        kb.put("rulesSha256", knowledgeBase.rulesSha256());
        o.put("engineVersion", engineVersion);
        o.put("inputDigest", inputDigest);
        o.put("patientPseudonym", patientPseudonym);
        o.put("highestUrgency", highestUrgency == null ? null : highestUrgency.name());
        ArrayNode fired = o.putArray("firedRules");
        for (int i = 0; i < firedRules.size(); i++) {
            FiredRule r = firedRules.get(i);
            ObjectNode f = fired.addObject();
            f.put("index", i);
            f.put("id", r.id());
            f.put("name", r.name());
            r.passages().forEach(f.putArray("passages")::add);
            f.put("withdrawn", r.withdrawn());
            ArrayNode facts = f.putArray("facts");
            for (MatchedFact m : r.facts()) {
                ObjectNode fact = facts.addObject().put("reference", m.reference());
                if (m.derivedBy() != null) {
                    fact.put("derivedBy", m.derivedBy());
                }
            }
        }
        ArrayNode fs = o.putArray("findings");
        for (Finding f : findings) {
            ObjectNode n = fs.addObject();
            n.put("code", f.getCode().name());
            n.put("kind", f.getKind().name());
            n.put("urgency", f.getUrgency().name());
            f.getPassages().forEach(n.putArray("passages")::add);
            f.getRules().forEach(n.putArray("rules")::add);
            f.getTwitchIds().forEach(n.putArray("twitchIds")::add);
            ArrayNode reasons = n.putArray("reasons");
            for (Finding.Reason r : f.getReasons()) {
                reasons.addObject().put("ruleId", r.getRuleId()).put("firing", r.getFiring())
                        .put("twitchId", r.getTwitchId()).put("urgency", r.getUrgency().name())
                        .put("explanation", r.getExplanation());
            }
        }
        ArrayNode vs = o.putArray("violations");
        violations.forEach(v -> vs.addObject().put("field", v.field()).put("message", v.message()));
        o.put("error", error);
        o.set("input", input == null ? null : input.deepCopy());
        return o;
    }
}
