package org.twitchtriage.authoring.lint;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.twitchtriage.authoring.source.RuleProblem;
import org.twitchtriage.authoring.source.RuleSource;
import org.twitchtriage.engine.TriageDecision;
import org.twitchtriage.engine.TriageEngine;
import org.twitchtriage.model.Finding;
import org.twitchtriage.model.FindingKind;

/**
 * Finds rules that reassure a twitch which other rules escalate: the knowledge base is tried on generated situations
 * ({@link Probes}); wherever one twitch ends up both with a reassurance and with a red flag or a referral, the pair of
 * rules is reported once, at the reassuring rule, with the first situation that shows it. Stateless.
 */
final class ConflictCheck {
    private ConflictCheck() {
    }

    /** A reassuring rule and an escalating rule that met on one twitch. */
    private record Pair(String reassuring, String escalating) {
    }

    /** The first situation a pair met in, and what the escalating rule concluded there. */
    private record Example(String situation, Set<String> codes) {
    }

    static List<RuleProblem> check(TriageEngine engine, Map<String, RuleSource> rulesById) {
        Map<Pair, Example> found = new LinkedHashMap<>();
        for (Probes.Probe probe : Probes.all()) {
            TriageDecision decision = engine.evaluate(probe.request());
            Map<String, Set<String>> reassuring = new LinkedHashMap<>();
            Map<String, Map<String, Set<String>>> escalating = new LinkedHashMap<>();
            for (Finding f : decision.findings()) {
                for (Finding.Reason r : f.getReasons()) {
                    if (f.getKind() == FindingKind.REASSURANCE) {
                        reassuring.computeIfAbsent(r.getTwitchId(), t -> new LinkedHashSet<>()).add(r.getRuleId());
                    } else if (f.getKind() == FindingKind.RED_FLAG || f.getKind() == FindingKind.REFERRAL) {
                        escalating.computeIfAbsent(r.getTwitchId(), t -> new LinkedHashMap<>())
                                .computeIfAbsent(r.getRuleId(), id -> new LinkedHashSet<>()).add(f.getCode().name());
                    }
                }
            }
            reassuring.forEach((twitch, reassurers) -> escalating.getOrDefault(twitch, Map.of())
                    .forEach((escalator, codes) -> reassurers.forEach(reassurer -> found.putIfAbsent(
                            new Pair(reassurer, escalator), new Example(probe.description(), codes)))));
        }
        List<RuleProblem> problems = new ArrayList<>();
        found.forEach((pair, example) -> {
            RuleSource reassuring = rulesById.get(pair.reassuring());
            RuleSource escalating = rulesById.get(pair.escalating());
            String file = reassuring == null ? "" : reassuring.file();
            int line = reassuring == null ? 0 : reassuring.line();
            problems.add(new RuleProblem(file, line, "rule " + describe(pair.reassuring(), reassuring)
                    + " reassures a twitch that rule " + describe(pair.escalating(), escalating)
                    + (escalating == null ? "" : " (" + escalating.location() + ")") + " escalates with "
                    + String.join(", ", example.codes()) + ", for example " + example.situation()
                    + "; reassure only a twitch that has no red flag and no referral"));
        });
        return problems;
    }

    private static String describe(String id, RuleSource rule) {
        return rule == null ? id : "\"" + rule.name() + "\"";
    }
}
