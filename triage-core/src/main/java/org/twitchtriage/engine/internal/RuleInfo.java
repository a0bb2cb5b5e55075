package org.twitchtriage.engine.internal;

import java.util.List;

/**
 * A rule's identity and citations, read once from its metadata when the engine starts.
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
