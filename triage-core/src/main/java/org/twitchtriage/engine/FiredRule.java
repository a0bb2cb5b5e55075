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
 */
public record FiredRule(String id, String name, String packageName, List<String> passages, List<MatchedFact> facts) {
    public FiredRule {
        passages = List.copyOf(passages);
        facts = List.copyOf(facts);
    }

    /** @return the short references of the matched facts (for example {@code twitch t1}); never personal data */
    public List<String> matched() {
        return facts.stream().map(MatchedFact::reference).toList();
    }
}
