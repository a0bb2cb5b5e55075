package org.twitchtriage.engine;

/**
 * Thrown when one evaluation reaches the configured bound on rule firings, which means the knowledge base loops.
 * Names the rule that fired most often, the usual culprit. No decision is returned.
 */
public class RuleLoopException extends TriageEngineException {
    private static final long serialVersionUID = 1L;

    private final String ruleId;
    private final String ruleName;
    private final int firings;

    public RuleLoopException(String ruleId, String ruleName, int firings, int limit) {
        super("rule firing limit of " + limit + " reached: the knowledge base probably loops; rule '" + ruleName
                + "' (@id " + ruleId + ") fired " + firings + " times");
        this.ruleId = ruleId;
        this.ruleName = ruleName;
        this.firings = firings;
    }

    /** @return the {@code @id} of the rule that fired most often */
    public String getRuleId() {
        return ruleId;
    }

    /** @return the name of the rule that fired most often */
    public String getRuleName() {
        return ruleName;
    }

    /** @return how often that rule fired before the evaluation was stopped */
    public int getFirings() {
        return firings;
    }
}
