package org.twitchtriage.engine;

import lombok.Builder;
import lombok.Value;

/** Settings of a {@link TriageEngine}. Immutable. */
@Value
@Builder
public class EngineOptions {
    /** Default bound on rule firings per evaluation; the whole knowledge base fires far fewer. */
    public static final int DEFAULT_MAX_RULE_FIRINGS = 10_000;

    /** Name of the KieBase to load from the kjar's {@code kmodule.xml}. */
    @Builder.Default
    String kieBaseName = TriageEngine.DEFAULT_KIE_BASE;

    /** An evaluation that reaches this many rule firings is stopped with a {@link RuleLoopException}; at least 1. */
    @Builder.Default
    int maxRuleFirings = DEFAULT_MAX_RULE_FIRINGS;

    /**
     * Whether evaluations reuse rule sessions: a finished session is reset (facts, agenda, listeners cleared) and
     * kept in a pool for the next evaluation, instead of being built anew. Decisions are the same either way; reuse
     * saves building the session's node memories, most of what a short evaluation allocates. Off only to measure
     * the difference or to rule the pool out when investigating.
     */
    @Builder.Default
    boolean reuseSessions = true;

    /** @return the defaults */
    public static EngineOptions defaults() {
        return builder().build();
    }
}
