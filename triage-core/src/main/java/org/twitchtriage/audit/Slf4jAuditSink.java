package org.twitchtriage.audit;

import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.twitchtriage.engine.FiredRule;

/**
 * Logs one INFO line per record on the logger {@code org.twitchtriage.audit}: decision id, outcome, urgency, the
 * knowledge-base digest and the rules that fired. No personal data: neither the pseudonym, nor the input, nor the
 * violation messages (which may quote values) are logged. Feedback gets one INFO line too: card, decision, outcome and
 * reason code. Thread-safe.
 */
public final class Slf4jAuditSink implements AuditSink {
    private static final Logger AUDIT = LoggerFactory.getLogger("org.twitchtriage.audit");

    @Override
    public void write(AuditRecord r) {
        if (!AUDIT.isInfoEnabled()) {
            // the joined rule and field lists cost more than the rest of this sink: not built for nothing
            return;
        }
        AUDIT.info("decision {} {} urgency={} kb={}@{} rules=[{}] findings={} invalidFields=[{}]",
                r.decisionId(), r.outcome(), r.highestUrgency(), r.knowledgeBase().releaseId(),
                r.knowledgeBase().rulesSha256(),
                r.firedRules().stream().map(FiredRule::id).distinct().collect(Collectors.joining(",")),
                r.findings().size(),
                r.violations().stream().map(v -> v.field()).collect(Collectors.joining(",")));
    }

    @Override
    public void writeFeedback(FeedbackRecord r) {
        if (!AUDIT.isInfoEnabled()) {
            return;
        }
        AUDIT.info("feedback {} {} card={} decision={} findings=[{}] acceptedSuggestions={} reason={}",
                r.feedbackId(), r.outcome(), r.cardId(), r.decisionId(),
                r.findingCodes().stream().map(Enum::name).collect(Collectors.joining(",")),
                r.acceptedSuggestions().size(),
                r.overrideReason() == null ? null : r.overrideReason().system() + "|" + r.overrideReason().code());
    }
}
