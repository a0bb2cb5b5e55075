package org.twitchtriage.audit;

import org.twitchtriage.engine.TriageDecision;

/**
 * A decision together with the audit record that was stored for it before it was returned.
 *
 * @param decision the decision
 * @param record   its audit record
 */
public record AuditedDecision(TriageDecision decision, AuditRecord record) {
}
