package org.twitchtriage.engine;

import java.util.List;

/**
 * A rule of the knowledge base: its identity and citations, read once from its metadata when the engine starts.
 * Immutable.
 *
 * @param id          the {@code @id}
 * @param name        the rule name
 * @param packageName the DRL package
 * @param passages    passage IDs from {@code @source}
 */
public record RuleInfo(String id, String name, String packageName, List<String> passages) {
    public RuleInfo {
        passages = List.copyOf(passages);
    }
}
