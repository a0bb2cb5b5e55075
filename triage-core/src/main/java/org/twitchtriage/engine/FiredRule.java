package org.twitchtriage.engine;

import java.util.List;

/**
 * One rule firing, in firing order, with the rule's metadata and the facts it matched.
 *
 * @param id          the rule's {@code @id}
 * @param name        the rule's name
 * @param packageName the DRL package
 * @param passages    the guideline passage IDs from the rule's {@code @source}
 * @param facts       the facts the firing matched, in pattern order
 * @param withdrawn   true when everything this firing concluded was withdrawn later in the same evaluation (truth
 *                    maintenance: a rule such as a reassurance fired before a red flag was known, and its conclusion
 *                    lost its justification); such a firing contributes nothing to the decision
 */
public record FiredRule(String id, String name, String packageName, List<String> passages, List<MatchedFact> facts,
                        boolean withdrawn) {
    public FiredRule {
        passages = List.copyOf(passages);
        facts = List.copyOf(facts);
    }

    /** A firing whose conclusions (if any) stand. */
    public FiredRule(String id, String name, String packageName, List<String> passages, List<MatchedFact> facts) {
        this(id, name, packageName, passages, facts, false);
    }

    /** @return a copy of this firing marked as withdrawn */
    public FiredRule asWithdrawn() {
        return new FiredRule(id, name, packageName, passages, facts, true);
    }

    /** @return the short references of the matched facts (for example {@code twitch t1}); never personal data */
    public List<String> matched() {
        return facts.stream().map(MatchedFact::reference).toList();
    }
}
