package org.twitchtriage.testkit;

import java.util.Collections;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.twitchtriage.model.FindingCode;
import org.twitchtriage.model.Urgency;

/**
 * One finding a scenario expects. Only the code is required; each other part is checked only when it is not
 * {@code null}. Immutable.
 *
 * <p>The finding must be concluded; its urgency (the highest any contributing rule gave) must equal {@code urgency};
 * it must be concluded by every rule in {@code rules}, cite every passage in {@code passages} (IDs such as
 * {@code UARM-10}) and concern every twitch in {@code twitchIds}. When the scenario sets {@code exactFindings}, those
 * three sets must match the finding's exactly.
 *
 * @param code      the finding's code
 * @param urgency   the urgency expected, or {@code null}
 * @param rules     rule ids expected among its rules, or {@code null}
 * @param passages  passage IDs expected among its passages, or {@code null}
 * @param twitchIds twitch ids expected among the twitches it concerns, or {@code null}
 */
public record ExpectedFinding(FindingCode code, Urgency urgency, Set<String> rules, Set<String> passages,
                              Set<String> twitchIds) {
    /** Requires the code; copies the sets, sorted and unmodifiable. */
    public ExpectedFinding {
        Objects.requireNonNull(code, "code");
        rules = rules == null ? null : Collections.unmodifiableSortedSet(new TreeSet<>(rules));
        passages = passages == null ? null : Collections.unmodifiableSortedSet(new TreeSet<>(passages));
        twitchIds = twitchIds == null ? null : Collections.unmodifiableSortedSet(new TreeSet<>(twitchIds));
    }
}
