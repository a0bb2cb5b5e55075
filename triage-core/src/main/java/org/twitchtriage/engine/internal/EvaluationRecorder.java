package org.twitchtriage.engine.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.kie.api.definition.rule.Rule;
import org.kie.api.event.rule.AfterMatchFiredEvent;
import org.kie.api.event.rule.BeforeMatchFiredEvent;
import org.kie.api.event.rule.DefaultAgendaEventListener;
import org.kie.api.event.rule.ObjectDeletedEvent;
import org.kie.api.event.rule.ObjectInsertedEvent;
import org.kie.api.event.rule.ObjectUpdatedEvent;
import org.kie.api.event.rule.RuleRuntimeEventListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.twitchtriage.engine.FiredRule;
import org.twitchtriage.model.Conclusion;
import org.twitchtriage.model.Patient;
import org.twitchtriage.model.Twitch;

/**
 * Records one evaluation: every rule firing with the facts it matched, and every conclusion with the rule that
 * inserted it. One instance per session; not thread-safe (a session fires on one thread).
 */
public final class EvaluationRecorder extends DefaultAgendaEventListener implements RuleRuntimeEventListener {
    private static final Logger LOG = LoggerFactory.getLogger(EvaluationRecorder.class);

    /** A conclusion together with the rule that inserted it. */
    public record Attributed(Conclusion conclusion, RuleInfo rule) {
    }

    private final RuleCatalog catalog;
    private final List<FiredRule> fired = new ArrayList<>();
    private final List<Attributed> conclusions = new ArrayList<>();
    private final Map<String, Integer> firingsPerRule = new HashMap<>();
    private RuleInfo current;

    public EvaluationRecorder(RuleCatalog catalog) {
        this.catalog = catalog;
    }

    @Override
    public void beforeMatchFired(BeforeMatchFiredEvent event) {
        current = catalog.info(event.getMatch().getRule());
    }

    @Override
    public void afterMatchFired(AfterMatchFiredEvent event) {
        RuleInfo info = catalog.info(event.getMatch().getRule());
        List<String> matched = event.getMatch().getObjects().stream().map(EvaluationRecorder::describe).toList();
        fired.add(new FiredRule(info.id(), info.name(), info.packageName(), info.passages(), matched));
        firingsPerRule.merge(info.id(), 1, Integer::sum);
        LOG.debug("fired {} '{}' on {}", info.id(), info.name(), matched);
        current = null;
    }

    @Override
    public void objectInserted(ObjectInsertedEvent event) {
        if (event.getObject() instanceof Conclusion c) {
            Rule rule = event.getRule();
            if (rule == null) {
                throw new IllegalStateException("a conclusion was inserted from outside the rules: " + c);
            }
            conclusions.add(new Attributed(c, catalog.info(rule)));
        }
    }

    @Override
    public void objectUpdated(ObjectUpdatedEvent event) {
        // facts are immutable: nothing is ever updated
    }

    @Override
    public void objectDeleted(ObjectDeletedEvent event) {
        // a logically inserted conclusion is withdrawn when the condition that justified it no longer holds
        Object old = event.getOldObject();
        if (old instanceof Conclusion) {
            conclusions.removeIf(a -> a.conclusion() == old);
        }
    }

    /** @return the rule firing now, or {@code null} between firings */
    public RuleInfo currentRule() {
        return current;
    }

    /** @return all firings in order */
    public List<FiredRule> firedRules() {
        return List.copyOf(fired);
    }

    /** @return all conclusions with their rules, in insertion order */
    public List<Attributed> conclusions() {
        return List.copyOf(conclusions);
    }

    /** @return the rule that fired most often so far, or {@code null} when none fired */
    public RuleInfo mostFired() {
        return firingsPerRule.entrySet().stream()
                .max(Map.Entry.<String, Integer>comparingByValue().thenComparing(Map.Entry.comparingByKey()))
                .flatMap(e -> fired.stream().filter(f -> f.id().equals(e.getKey())).findFirst())
                .map(f -> new RuleInfo(f.id(), f.name(), f.packageName(), f.passages()))
                .orElse(null);
    }

    /** @return how many rule firings have completed so far */
    public int firingCount() {
        return fired.size();
    }

    /** @return how often the given rule fired */
    public int firings(String ruleId) {
        return firingsPerRule.getOrDefault(ruleId, 0);
    }

    /** A short description of a fact that names no personal data. */
    static String describe(Object fact) {
        if (fact instanceof Patient) {
            return "patient";
        }
        if (fact instanceof Twitch t) {
            return "twitch " + t.getId() + " (" + (t.getSite() == null ? "?" : t.getSite().display()) + ")";
        }
        if (fact instanceof Conclusion c) {
            return "conclusion " + c.getCode() + (c.getTwitchId() == null ? "" : " on twitch " + c.getTwitchId());
        }
        return fact == null ? "null" : fact.getClass().getSimpleName();
    }
}
