package org.twitchtriage.engine;

/**
 * A fact one rule firing matched.
 *
 * @param reference short reference, e.g. {@code patient}, {@code twitch t1} or {@code RED_FLAG_PAIN on twitch t1};
 *                  safe to log
 * @param detail    the clinically relevant content, e.g. {@code calf; course INCREASING; symptoms PARALYSIS}; may
 *                  hold personal data such as age (never logged)
 * @param derivedBy for a conclusion, the index in {@link TriageDecision#firedRules()} of the firing that derived it;
 *                  {@code null} for an input fact
 */
public record MatchedFact(String reference, String detail, Integer derivedBy) {
    /** @return true when this fact came from the input rather than from a rule */
    public boolean isInput() {
        return derivedBy == null;
    }
}
