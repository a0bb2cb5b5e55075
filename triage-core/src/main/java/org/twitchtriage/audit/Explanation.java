package org.twitchtriage.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.twitchtriage.engine.FiredRule;
import org.twitchtriage.engine.MatchedFact;
import org.twitchtriage.engine.TriageDecision;
import org.twitchtriage.guideline.Guideline;
import org.twitchtriage.model.Finding;

/**
 * Why a decision says what it says: for every finding, each rule firing that concluded it, the facts that firing
 * matched and, for a matched fact that was itself derived, the firing that derived it, down to the input facts.
 * Immutable.
 *
 * @param findings one explanation per finding, in the decision's order
 */
public record Explanation(List<FindingExplanation> findings) {
    public Explanation {
        findings = List.copyOf(findings);
    }

    /**
     * @param finding the finding
     * @param because one node per contributing rule firing
     */
    public record FindingExplanation(Finding finding, List<Node> because) {
        public FindingExplanation {
            because = List.copyOf(because);
        }
    }

    /**
     * One rule firing in the chain.
     *
     * @param index       the firing's index in the decision's fired rules
     * @param rule        the firing
     * @param explanation the rule's own words for this conclusion, or {@code null} for an intermediate step
     * @param facts       what it matched: input facts as leaves, derived facts with the node that derived them
     */
    public record Node(int index, FiredRule rule, String explanation, List<Fact> facts) {
        public Node {
            facts = List.copyOf(facts);
        }
    }

    /**
     * @param fact       the matched fact
     * @param derivation the firing that derived it, or {@code null} for an input fact
     */
    public record Fact(MatchedFact fact, Node derivation) {
    }

    /** @return the explanation of every finding of the decision */
    public static Explanation of(TriageDecision decision) {
        Objects.requireNonNull(decision, "decision");
        List<FindingExplanation> out = new ArrayList<>();
        for (Finding f : decision.findings()) {
            List<Node> nodes = new ArrayList<>();
            for (Finding.Reason r : f.getReasons()) {
                nodes.add(node(decision, r.getFiring(), r.getExplanation()));
            }
            out.add(new FindingExplanation(f, nodes));
        }
        return new Explanation(out);
    }

    private static Node node(TriageDecision d, int index, String explanation) {
        FiredRule rule = d.firedRules().get(index);
        List<Fact> facts = new ArrayList<>();
        for (MatchedFact m : rule.facts()) {
            // a derived fact always comes from an earlier firing, so the recursion ends
            facts.add(new Fact(m, m.isInput() ? null : node(d, m.derivedBy(), null)));
        }
        return new Node(index, rule, explanation, facts);
    }

    /** @return the whole explanation as indented plain text, citing passages with their summaries */
    public String render(Guideline guideline) {
        StringBuilder sb = new StringBuilder();
        for (FindingExplanation fe : findings) {
            Finding f = fe.finding();
            sb.append(f.getUrgency()).append("  ").append(f.getKind()).append("  ").append(f.getCode())
              .append(": ").append(f.getCode().display()).append('\n');
            for (Node n : fe.because()) {
                render(sb, n, 1, guideline);
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    private static void render(StringBuilder sb, Node n, int depth, Guideline guideline) {
        String pad = "  ".repeat(depth);
        sb.append(pad).append("rule ").append(n.rule().id()).append(" \"").append(n.rule().name()).append("\"\n");
        if (n.explanation() != null) {
            sb.append(pad).append("  says: ").append(n.explanation()).append('\n');
        }
        for (String id : n.rule().passages()) {
            sb.append(pad).append("  cites ").append(guideline.name()).append('#').append(id);
            guideline.passage(id).ifPresent(p -> sb.append(" (").append(p.summary()).append(')'));
            sb.append('\n');
        }
        for (Fact fact : n.facts()) {
            sb.append(pad).append("  matched ").append(fact.fact().reference());
            if (fact.derivation() == null) {
                sb.append(" [input: ").append(fact.fact().detail()).append("]\n");
            } else {
                sb.append(", derived by:\n");
                render(sb, fact.derivation(), depth + 2, guideline);
            }
        }
    }
}
