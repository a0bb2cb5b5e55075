package org.twitchtriage.testkit;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.twitchtriage.engine.TriageDecision;
import org.twitchtriage.model.Finding;
import org.twitchtriage.model.FindingCode;

/**
 * Compares a decision with a scenario's expectation and describes each difference in a sentence. The semantics are
 * those documented on {@link ScenarioExpectation} and {@link ExpectedFinding}. Stateless.
 */
final class ScenarioComparison {
    private final ScenarioExpectation expected;
    private final TriageDecision decision;
    private final Set<String> knownRules;
    private final Set<String> standingRules;
    private final List<String> differences = new ArrayList<>();

    /**
     * @param knownRules the rule ids of the knowledge base, to point out a misspelt id; empty when unknown
     */
    private ScenarioComparison(ScenarioExpectation expected, TriageDecision decision, Set<String> knownRules) {
        this.expected = expected;
        this.decision = decision;
        this.knownRules = knownRules;
        this.standingRules = DecisionText.standingRules(decision);
    }

    /** @return every difference, in the order highest urgency, findings, absent findings, fired rules */
    static List<String> differences(ScenarioExpectation expected, TriageDecision decision, Set<String> knownRules) {
        ScenarioComparison c = new ScenarioComparison(expected, decision, knownRules);
        c.compare();
        return List.copyOf(c.differences);
    }

    private void compare() {
        if (expected.highestUrgency() != null && expected.highestUrgency() != decision.highestUrgency()) {
            differences.add("Highest urgency: expected " + DecisionText.urgency(expected.highestUrgency())
                    + ", but the decision says " + DecisionText.urgency(decision.highestUrgency()) + ".");
        }
        for (ExpectedFinding e : expected.findings()) {
            Optional<Finding> actual = decision.finding(e.code());
            if (actual.isEmpty()) {
                differences.add("Missing finding: " + DecisionText.code(e.code()) + " is expected"
                        + (e.urgency() == null ? "" : " with urgency " + e.urgency()) + ", but it is not concluded.");
            } else {
                compare(e, actual.get());
            }
        }
        for (FindingCode code : expected.absentFindings()) {
            decision.finding(code).ifPresent(f -> differences.add("Finding that must be absent: "
                    + DecisionText.code(code) + " is concluded (" + details(f) + ")."));
        }
        if (expected.exactFindings()) {
            Set<FindingCode> listed = new TreeSet<>();
            expected.findings().forEach(e -> listed.add(e.code()));
            decision.findings().stream()
                    .filter(f -> !listed.contains(f.getCode()) && !expected.absentFindings().contains(f.getCode()))
                    .forEach(f -> differences.add("Unexpected finding (exactFindings is true): "
                            + DecisionText.code(f.getCode()) + " is concluded but not listed (" + details(f) + ")."));
        }
        if (expected.firedRules() != null) {
            // a firing whose conclusions truth maintenance withdrew changed nothing and depends on agenda order
            List<String> fired = decision.firedRuleIds().stream().filter(standingRules::contains).toList();
            List<String> missing = expected.firedRules().stream().filter(id -> !fired.contains(id)).toList();
            List<String> extra = fired.stream().filter(id -> !expected.firedRules().contains(id)).toList();
            if (!missing.isEmpty()) {
                differences.add("Rules expected to fire that did not fire: " + ruleList(missing) + ".");
            }
            if (!extra.isEmpty()) {
                differences.add("Rules that fired but are not listed in firedRules: " + ruleList(extra) + ".");
            }
        }
    }

    private void compare(ExpectedFinding e, Finding f) {
        String name = DecisionText.code(f.getCode());
        if (e.urgency() != null && e.urgency() != f.getUrgency()) {
            differences.add(name + ": expected urgency " + DecisionText.urgency(e.urgency()) + ", but it is "
                    + DecisionText.urgency(f.getUrgency()) + "; " + contributions(f) + ".");
        }
        if (e.rules() != null) {
            List<String> missing = missing(e.rules(), f.getRules());
            if (!missing.isEmpty()) {
                differences.add(name + ": expected to be concluded by " + ruleList(missing) + ", but it is"
                        + " concluded by " + DecisionText.list(f.getRules()) + ".");
            }
            List<String> extra = missing(f.getRules(), e.rules());
            if (expected.exactFindings() && !extra.isEmpty()) {
                differences.add(name + ": also concluded by rules not listed (exactFindings is true): "
                        + DecisionText.list(extra) + ".");
            }
        }
        if (e.passages() != null) {
            List<String> missing = missing(e.passages(), f.getPassages());
            if (!missing.isEmpty()) {
                differences.add(name + ": expected to cite guideline passage" + plural(missing) + " "
                        + DecisionText.list(missing) + ", but it cites " + DecisionText.list(f.getPassages()) + ".");
            }
            List<String> extra = missing(f.getPassages(), e.passages());
            if (expected.exactFindings() && !extra.isEmpty()) {
                differences.add(name + ": also cites passages not listed (exactFindings is true): "
                        + DecisionText.list(extra) + ".");
            }
        }
        if (e.twitchIds() != null) {
            List<String> missing = missing(e.twitchIds(), f.getTwitchIds());
            if (!missing.isEmpty()) {
                differences.add(name + ": expected for twitch" + (missing.size() == 1 ? " " : "es ")
                        + DecisionText.list(missing) + ", but it concerns " + DecisionText.twitches(f.getTwitchIds())
                        + ".");
            }
            List<String> extra = missing(f.getTwitchIds(), e.twitchIds());
            if (expected.exactFindings() && !extra.isEmpty()) {
                differences.add(name + ": also concerns twitches not listed (exactFindings is true): "
                        + DecisionText.list(extra) + ".");
            }
        }
    }

    /** Rule ids, each marked when it is not in the knowledge base or fired without a standing conclusion. */
    private String ruleList(Collection<String> ids) {
        List<String> out = new ArrayList<>();
        for (String id : ids) {
            if (!knownRules.isEmpty() && !knownRules.contains(id)) {
                out.add(id + " (no rule with this id in the knowledge base)");
            } else if (decision.firedRuleIds().contains(id) && !standingRules.contains(id)) {
                out.add(id + " (it fired, but truth maintenance withdrew its conclusions)");
            } else {
                out.add(id);
            }
        }
        return String.join(", ", out);
    }

    private static String details(Finding f) {
        return f.getUrgency() + ", " + DecisionText.twitches(f.getTwitchIds()) + ", rules "
                + DecisionText.list(f.getRules());
    }

    private static String contributions(Finding f) {
        List<String> parts = new ArrayList<>();
        f.getReasons().forEach(r -> parts.add(r.getRuleId() + " gave " + r.getUrgency()));
        return String.join(", ", parts);
    }

    private static List<String> missing(Collection<String> wanted, Collection<String> present) {
        return wanted.stream().filter(w -> !present.contains(w)).toList();
    }

    private static String plural(Collection<?> values) {
        return values.size() == 1 ? "" : "s";
    }
}
