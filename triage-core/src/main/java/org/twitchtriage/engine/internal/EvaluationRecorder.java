package org.twitchtriage.engine.internal;

import org.twitchtriage.engine.RuleInfo;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.stream.Collectors;
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
import org.twitchtriage.engine.MatchedFact;
import org.twitchtriage.model.Conclusion;
import org.twitchtriage.model.Patient;
import org.twitchtriage.model.SelfCare;
import org.twitchtriage.model.Twitch;

/**
 * Records one evaluation: every rule firing with the facts it matched, and every conclusion with the rule that
 * inserted it. One instance per session; not thread-safe (a session fires on one thread).
 */
public final class EvaluationRecorder extends DefaultAgendaEventListener implements RuleRuntimeEventListener {
    private static final Logger LOG = LoggerFactory.getLogger(EvaluationRecorder.class);

    /**
     * A conclusion together with the rule that inserted it.
     *
     * @param conclusion the derived fact
     * @param rule       the rule that derived it
     * @param firing     index of that firing in {@link #firedRules()}
     */
    public record Attributed(Conclusion conclusion, RuleInfo rule, int firing) {
    }

    private final RuleCatalog catalog;
    private final List<FiredRule> fired = new ArrayList<>();
    private final List<Attributed> conclusions = new ArrayList<>();
    /** Sized for a typical evaluation (a few to a few dozen conclusions); grows when needed. */
    private final Map<Conclusion, Integer> derivedBy = new IdentityHashMap<>(16);
    /**
     * Each fact described once per evaluation: the same patient and twitch are matched by most firings, and facts
     * never change, so their descriptions do not either (a conclusion's firing index is fixed when it is inserted).
     */
    private final Map<Object, MatchedFact> described = new IdentityHashMap<>(16);
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
        RuleInfo info = current != null ? current : catalog.info(event.getMatch().getRule());
        List<? extends Object> objects = event.getMatch().getObjects();
        MatchedFact[] facts = new MatchedFact[objects.size()];
        for (int i = 0; i < facts.length; i++) {
            facts[i] = described.computeIfAbsent(objects.get(i), this::fact);
        }
        FiredRule firing = new FiredRule(info.id(), info.name(), info.packageName(), info.passages(), List.of(facts));
        fired.add(firing);
        if (LOG.isDebugEnabled()) {
            LOG.debug("fired {} '{}' on {}", info.id(), info.name(), firing.matched());
        }
        current = null;
    }

    @Override
    public void objectInserted(ObjectInsertedEvent event) {
        if (event.getObject() instanceof Conclusion c) {
            Rule rule = event.getRule();
            if (rule == null) {
                throw new IllegalStateException("a conclusion was inserted from outside the rules: " + c);
            }
            // the firing in progress gets the next index once it completes
            int firing = fired.size();
            derivedBy.put(c, firing);
            conclusions.add(new Attributed(c, catalog.info(rule), firing));
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

    /** @return all firings in order; a firing all of whose conclusions were withdrawn is marked so */
    public List<FiredRule> firedRules() {
        // indexes of firings: those that derived a conclusion, and those with a conclusion still standing
        boolean[] derived = new boolean[fired.size()];
        boolean[] standing = new boolean[fired.size()];
        for (int firing : derivedBy.values()) {
            if (firing < derived.length) {
                derived[firing] = true;
            }
        }
        for (Attributed a : conclusions) {
            if (a.firing() < standing.length) {
                standing[a.firing()] = true;
            }
        }
        FiredRule[] out = new FiredRule[fired.size()];
        for (int i = 0; i < out.length; i++) {
            FiredRule f = fired.get(i);
            out[i] = derived[i] && !standing[i] ? f.asWithdrawn() : f;
        }
        return List.of(out);
    }

    /** @return all conclusions with their rules, in insertion order */
    public List<Attributed> conclusions() {
        return List.copyOf(conclusions);
    }

    /** @return the rule that fired most often so far, or {@code null} when none fired */
    public RuleInfo mostFired() {
        // counted only when asked (a rule loop), not on every firing
        Map<String, Integer> perRule = new HashMap<>();
        for (FiredRule f : fired) {
            perRule.merge(f.id(), 1, Integer::sum);
        }
        return perRule.entrySet().stream()
                .max(Map.Entry.<String, Integer>comparingByValue().thenComparing(Map.Entry::getKey))
                .flatMap(e -> catalog.rules().stream().filter(r -> r.id().equals(e.getKey())).findFirst())
                .orElse(null);
    }

    /** @return how many rule firings have completed so far */
    public int firingCount() {
        return fired.size();
    }

    /** @return how often the given rule fired */
    public int firings(String ruleId) {
        int n = 0;
        for (FiredRule f : fired) {
            if (f.id().equals(ruleId)) {
                n++;
            }
        }
        return n;
    }

    private MatchedFact fact(Object o) {
        if (o instanceof Patient p) {
            return new MatchedFact("patient", describe(p), null);
        }
        if (o instanceof Twitch t) {
            return new MatchedFact("twitch " + t.getId(), describe(t), null);
        }
        if (o instanceof Conclusion c) {
            String ref = c.getCode() + (c.getTwitchId() == null ? "" : " on twitch " + c.getTwitchId());
            return new MatchedFact(ref, c.getUrgency() + ": " + c.getExplanation(), derivedBy.get(c));
        }
        return new MatchedFact(o == null ? "null" : o.getClass().getSimpleName(), String.valueOf(o), null);
    }

    /** The facts of a patient the rules can see; no reference. */
    static String describe(Patient p) {
        StringJoiner j = new StringJoiner("; ");
        j.add("age " + p.getAgeYears()).add(String.valueOf(p.getSex()));
        if (p.isPregnant()) {
            j.add("pregnant");
        }
        if (!p.getCircumstances().isEmpty()) {
            j.add("circumstances " + sorted(p.getCircumstances()));
        }
        p.getLabResults().forEach(l -> j.add(l.getAnalyte() + " " + l.getValue().toPlainString() + " "
                + l.getUnit().symbol() + (l.isBelowReference() ? " (low)" : "")));
        return j.toString();
    }

    /** The facts of a twitch the rules can see. */
    static String describe(Twitch t) {
        StringJoiner j = new StringJoiner("; ");
        j.add(t.getSite() == null ? "site ?" : t.getSite().display());
        j.add("course " + t.getCourse());
        if (t.getVisibility() != null) {
            j.add("visibility " + t.getVisibility());
        }
        if (t.isBeforeSleep()) {
            j.add("just before falling asleep");
        }
        if (t.getDurationDays() != null) {
            j.add(t.getDurationDays() + " days");
        }
        if (t.getSelfCare() != SelfCare.NOT_TRIED) {
            j.add("self-care " + t.getSelfCare());
        }
        if (!t.getSymptoms().isEmpty()) {
            j.add("symptoms " + sorted(t.getSymptoms()));
        }
        return j.toString();
    }

    private static <E extends Enum<E>> String sorted(Set<E> values) {
        return values.stream().sorted().map(Enum::name).collect(Collectors.joining(", "));
    }
}
