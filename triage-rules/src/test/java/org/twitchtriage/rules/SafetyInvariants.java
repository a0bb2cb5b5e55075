package org.twitchtriage.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.twitchtriage.engine.TriageDecision;
import org.twitchtriage.model.Finding;
import org.twitchtriage.model.FindingKind;
import org.twitchtriage.model.Urgency;

/** Properties every decision must have, whatever the input. */
final class SafetyInvariants {
    private SafetyInvariants() {
    }

    static void check(TriageDecision d, String description) {
        Set<String> reassured = twitches(d, FindingKind.REASSURANCE);
        Set<String> redFlagged = twitches(d, FindingKind.RED_FLAG);
        Set<String> referred = twitches(d, FindingKind.REFERRAL);

        Set<String> both = new HashSet<>(reassured);
        both.retainAll(union(redFlagged, referred));
        assertThat(both).as("twitches both reassured and escalated in: %s", description).isEmpty();

        assertThat(referred).as("every red-flagged twitch is referred to a doctor in: %s", description)
                .containsAll(redFlagged);

        if (!redFlagged.isEmpty()) {
            assertThat(d.highestUrgency()).as("a red flag raises the urgency in: %s", description)
                    .isGreaterThanOrEqualTo(Urgency.SOON);
        }
        for (Finding f : d.findings()) {
            assertThat(f.getPassages()).as("finding %s cites the guideline in: %s", f.getCode(), description)
                    .isNotEmpty();
            assertThat(f.getRules()).as("finding %s names its rules in: %s", f.getCode(), description).isNotEmpty();
        }
    }

    private static Set<String> twitches(TriageDecision d, FindingKind kind) {
        Set<String> ids = new HashSet<>();
        d.findings(kind).forEach(f -> f.getReasons().forEach(r -> ids.add(r.getTwitchId())));
        return ids;
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> u = new HashSet<>(a);
        u.addAll(b);
        return u;
    }
}
