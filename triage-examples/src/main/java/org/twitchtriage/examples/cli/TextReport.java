package org.twitchtriage.examples.cli;

import java.io.PrintWriter;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.twitchtriage.engine.FiredRule;
import org.twitchtriage.engine.KnowledgeBaseInfo;
import org.twitchtriage.engine.TriageDecision;
import org.twitchtriage.guideline.Guideline;
import org.twitchtriage.json.DecisionWriter;
import org.twitchtriage.model.Finding;
import org.twitchtriage.model.FindingKind;
import org.twitchtriage.model.Urgency;
import org.twitchtriage.validation.SafeText;

/**
 * Renders a decision for people: the notice that this is decision support, the highest urgency, the findings grouped
 * by kind (red flags first, reassurance last) each with its urgency, text, explanation and cited passages, then the
 * rules that fired and the knowledge base that decided. Plain ASCII layout, no colours; text from input or from a
 * rules folder (ids, rule names, explanations) goes through {@link SafeText}. Not thread-safe.
 */
final class TextReport {
    private static final Map<FindingKind, String> HEADINGS = new EnumMap<>(Map.of(
            FindingKind.OUTSIDE_GUIDELINE, "Outside what the guideline covers",
            FindingKind.RED_FLAG, "Red flags",
            FindingKind.REFERRAL, "Referrals",
            FindingKind.WORKUP, "Workup the doctor may do",
            FindingKind.HYPOTHESIS, "Possible causes (hypotheses, not diagnoses)",
            FindingKind.SELF_CARE, "Self-care",
            FindingKind.REASSURANCE, "Reassurance"));

    private static final Map<Urgency, String> URGENCY_MEANING = new EnumMap<>(Map.of(
            Urgency.ROUTINE, "no time pressure",
            Urgency.SOON, "see a doctor within days",
            Urgency.URGENT, "see a doctor without delay"));

    /** Width of the urgency column, the longest urgency name plus a gap. */
    private static final int URGENCY_WIDTH = 9;
    private static final String INDENT = "  ";
    private static final String DETAIL = INDENT + " ".repeat(URGENCY_WIDTH);

    private final PrintWriter out;

    TextReport(PrintWriter out) {
        this.out = out;
    }

    void print(TriageDecision decision) {
        out.println(DecisionWriter.NOTICE);
        out.println();
        out.println("Highest urgency: " + decision.highestUrgency() + " ("
                + URGENCY_MEANING.get(decision.highestUrgency()) + ")");
        if (decision.findings().isEmpty()) {
            out.println();
            out.println("No findings: the rules reached no conclusion for this case.");
        }
        for (FindingKind kind : FindingKind.values()) {
            List<Finding> findings = decision.findings(kind);
            if (findings.isEmpty()) {
                continue;
            }
            out.println();
            out.println(HEADINGS.get(kind));
            findings.forEach(this::printFinding);
        }
        printFiredRules(decision.firedRules());
        KnowledgeBaseInfo kb = decision.knowledgeBase();
        if (kb != null) {
            out.println();
            out.println("Knowledge base: " + kb.kieBase() + " (" + kb.releaseId() + "), " + kb.ruleCount() + " rules");
        }
    }

    private void printFinding(Finding f) {
        String urgency = String.format("%-" + URGENCY_WIDTH + "s", f.getUrgency());
        out.println(INDENT + urgency + f.getCode().display() + SafeText.line(twitches(f.getTwitchIds())));
        out.println(DETAIL + SafeText.line(f.getExplanation()));
        out.println(DETAIL + "Guideline: " + citations(f.getPassages()));
    }

    private void printFiredRules(List<FiredRule> fired) {
        out.println();
        if (fired.isEmpty()) {
            out.println("No rule fired.");
            return;
        }
        out.println("Rules that fired, in order (" + fired.size() + "):");
        int width = fired.stream().mapToInt(r -> r.id().length()).max().orElse(0) + 2;
        for (FiredRule r : fired) {
            out.println(INDENT + SafeText.line(String.format("%-" + width + "s", r.id()) + r.name()));
            String matched = r.matched().isEmpty() ? "" : "matched " + String.join(", ", r.matched()) + "; ";
            out.println(INDENT + " ".repeat(width) + SafeText.line(matched + "cites " + citations(r.passages())));
            if (r.withdrawn()) {
                out.println(INDENT + " ".repeat(width)
                        + "(withdrawn: what it concluded lost its justification later in this evaluation)");
            }
        }
    }

    private static String twitches(Collection<String> ids) {
        if (ids.isEmpty()) {
            return "";
        }
        return (ids.size() == 1 ? "  (twitch " : "  (twitches ") + String.join(", ", ids) + ")";
    }

    private static String citations(Collection<String> passages) {
        return passages.stream().map(id -> "[" + Guideline.MUSCLE_TWITCHING + "#" + id + "]")
                .collect(Collectors.joining(" "));
    }
}
