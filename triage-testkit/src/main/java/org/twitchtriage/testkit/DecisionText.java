package org.twitchtriage.testkit;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.twitchtriage.engine.TriageDecision;
import org.twitchtriage.guideline.Guideline;
import org.twitchtriage.model.Finding;
import org.twitchtriage.model.FindingCode;
import org.twitchtriage.model.Urgency;

/** Renders decisions and findings as plain text for failure messages. Stateless. */
final class DecisionText {
    private static final String CITATION_PREFIX = Guideline.MUSCLE_TWITCHING + "#";

    private DecisionText() {
    }

    /** @return the code with its display text, e.g. {@code SEE_DOCTOR (See a doctor)} */
    static String code(FindingCode code) {
        return code.name() + " (" + code.display() + ")";
    }

    /** @return the urgency with its meaning, e.g. {@code URGENT (see a doctor without delay)} */
    static String urgency(Urgency urgency) {
        return urgency + switch (urgency) {
            case ROUTINE -> " (no time pressure)";
            case SOON -> " (see a doctor within days)";
            case URGENT -> " (see a doctor without delay)";
        };
    }

    /** @return one line: code, urgency, twitches, rules and passages of the finding */
    static String finding(Finding f) {
        return code(f.getCode()) + ": " + f.getUrgency() + ", " + twitches(f.getTwitchIds()) + ", rules "
                + list(f.getRules()) + ", passages " + list(f.getPassages());
    }

    /** @return one line per contributing rule: rule id, urgency, twitch and explanation */
    static String reasons(Finding f) {
        return f.getReasons().stream()
                .map(r -> "    " + r.getRuleId() + ": " + r.getUrgency() + ", "
                        + (r.getTwitchId() == null ? "whole patient" : "twitch " + r.getTwitchId()) + ", \""
                        + r.getExplanation() + "\"")
                .collect(Collectors.joining(System.lineSeparator()));
    }

    /** @return the whole decision: highest urgency, every finding, and the fired rules */
    static String decision(TriageDecision d) {
        String nl = System.lineSeparator();
        StringBuilder out = new StringBuilder("The decision (highest urgency ").append(d.highestUrgency())
                .append(") has ").append(d.findings().size())
                .append(d.findings().size() == 1 ? " finding" : " findings")
                .append(d.findings().isEmpty() ? "." : ":");
        for (Finding f : d.findings()) {
            out.append(nl).append("  - ").append(finding(f));
        }
        out.append(nl).append("Rules fired, in order: ").append(firedRules(d)).append('.');
        return out.toString();
    }

    /** @return the distinct ids of the fired rules in firing order, marking those whose conclusions were withdrawn */
    static String firedRules(TriageDecision d) {
        if (d.firedRuleIds().isEmpty()) {
            return "none";
        }
        Set<String> standing = standingRules(d);
        return d.firedRuleIds().stream()
                .map(id -> standing.contains(id) ? id : id + " (conclusions withdrawn)")
                .collect(Collectors.joining(", "));
    }

    /** @return the ids of the rules that concluded some finding of the decision */
    static Set<String> standingRules(TriageDecision d) {
        Set<String> ids = new TreeSet<>();
        d.findings().forEach(f -> ids.addAll(f.getRules()));
        return ids;
    }

    /** @return a twitch description such as {@code twitch t1}, {@code twitches t1, t2} or {@code whole patient} */
    static String twitches(Collection<String> ids) {
        if (ids.isEmpty()) {
            return "whole patient";
        }
        return (ids.size() == 1 ? "twitch " : "twitches ") + list(ids);
    }

    /** @return the values joined with commas, or {@code none} */
    static String list(Collection<?> values) {
        return values.isEmpty() ? "none"
                : values.stream().map(String::valueOf).collect(Collectors.joining(", "));
    }

    /** @return a passage ID without the guideline prefix ({@code muscle-twitching#UARM-10} becomes {@code UARM-10}) */
    static String passageId(String passage) {
        return passage.startsWith(CITATION_PREFIX) ? passage.substring(CITATION_PREFIX.length()) : passage;
    }

    /** @return the passage IDs without the guideline prefix, in the given order, without repeats */
    static Set<String> passageIds(List<String> passages) {
        Set<String> ids = new LinkedHashSet<>();
        passages.forEach(p -> ids.add(passageId(p)));
        return ids;
    }
}
