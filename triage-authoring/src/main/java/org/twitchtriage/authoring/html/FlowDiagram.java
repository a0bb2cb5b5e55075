package org.twitchtriage.authoring.html;

import static org.twitchtriage.authoring.html.Html.anchor;
import static org.twitchtriage.authoring.html.Html.escape;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.twitchtriage.authoring.source.RuleSource;
import org.twitchtriage.guideline.Guideline;
import org.twitchtriage.guideline.Passage;
import org.twitchtriage.model.FindingCode;

/**
 * The diagram of one group as inline SVG, in three layers: the guideline passages its rules cite (left), the rules
 * (middle, in the order written) and the findings they conclude (right), with an edge for every citation and every
 * conclusion. Passages and findings sit at the height of the rules they connect to, as far as space allows, which
 * keeps most edges short and level. Every node links to its entry in the catalogue. Sizes are fixed; long labels
 * are shortened, and the full text shows as a tooltip.
 */
final class FlowDiagram {
    private static final int PITCH = 26;
    private static final int NODE_HEIGHT = 20;
    private static final int TOP = 30;
    private static final int BOTTOM = 8;
    private static final int PASSAGE_X = 8;
    private static final int PASSAGE_WIDTH = 92;
    private static final int RULE_X = 190;
    private static final int RULE_WIDTH = 390;
    private static final int FINDING_X = 670;
    private static final int FINDING_WIDTH = 320;
    private static final int WIDTH = FINDING_X + FINDING_WIDTH + 8;
    /** Characters that fit in a node, at the diagram's 12px font (about 7px a character on average). */
    private static final double CHAR_WIDTH = 7.0;

    private FlowDiagram() {
    }

    /**
     * @param group     the group to draw
     * @param citations the passage IDs a rule cites (known passages only)
     * @param guideline the guideline, for the passages' summaries
     * @return an {@code <svg>} element
     */
    static String svg(RuleGroup group, Function<RuleSource, List<String>> citations, Guideline guideline) {
        List<RuleSource> rules = group.rules();
        Map<String, List<Integer>> passageRules = new LinkedHashMap<>();
        Map<FindingCode, List<Integer>> findingRules = new LinkedHashMap<>();
        for (int i = 0; i < rules.size(); i++) {
            for (String p : citations.apply(rules.get(i))) {
                passageRules.computeIfAbsent(p, k -> new ArrayList<>()).add(i);
            }
            for (FindingCode c : rules.get(i).conclusions()) {
                findingRules.computeIfAbsent(c, k -> new ArrayList<>()).add(i);
            }
        }
        int slots = Math.max(rules.size(), Math.max(passageRules.size(), findingRules.size()));
        int height = TOP + slots * PITCH + BOTTOM;

        double[] ruleY = new double[rules.size()];
        double ruleOffset = (slots - rules.size()) * PITCH / 2.0;
        for (int i = 0; i < rules.size(); i++) {
            ruleY[i] = TOP + ruleOffset + i * PITCH;
        }
        Map<String, Double> passageY = place(passageRules, ruleY, slots);
        Map<FindingCode, Double> findingY = place(findingRules, ruleY, slots);

        StringBuilder svg = new StringBuilder();
        String titleId = anchor("diagram-title-", group.topic());
        svg.append("<svg class=\"flow\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(height)
           .append("\" width=\"").append(WIDTH).append("\" height=\"").append(height)
           .append("\" role=\"img\" aria-labelledby=\"").append(titleId).append("\">\n")
           .append("<title id=\"").append(titleId).append("\">").append(escape(group.title()))
           .append(": guideline passages, the rules citing them, and what the rules conclude</title>\n")
           .append(header(PASSAGE_X, "Guideline passages"))
           .append(header(RULE_X, "Rules"))
           .append(header(FINDING_X, "Conclusions"));

        svg.append("<g class=\"edges\">\n");
        passageRules.forEach((p, using) -> using.forEach(i -> svg.append(edge("edge cites",
                PASSAGE_X + PASSAGE_WIDTH, passageY.get(p), RULE_X, ruleY[i]))));
        findingRules.forEach((c, using) -> using.forEach(i -> svg.append(edge("edge " + kindClass(c),
                RULE_X + RULE_WIDTH, ruleY[i], FINDING_X, findingY.get(c)))));
        svg.append("</g>\n");

        passageRules.keySet().forEach(p -> {
            String summary = guideline.passage(p).map(FlowDiagram::describe).orElse(p);
            svg.append(node(anchor("passage-", p), "node passage", "data-diagram-passage", p,
                    PASSAGE_X, passageY.get(p), PASSAGE_WIDTH, escape(p), summary));
        });
        for (int i = 0; i < rules.size(); i++) {
            RuleSource r = rules.get(i);
            String id = r.id() == null ? "(no id)" : r.id();
            String label = "<tspan class=\"nid\">" + escape(id) + "</tspan> "
                    + escape(shorten(r.name(), fits(RULE_WIDTH) - id.length() - 1));
            svg.append(node(RuleCatalogueHtml.ruleAnchor(r), "node rule", "data-diagram-rule", id,
                    RULE_X, ruleY[i], RULE_WIDTH, label, id + ": " + r.name()));
        }
        findingRules.keySet().forEach(c -> svg.append(node(anchor("finding-", c.name()),
                "node " + kindClass(c), "data-diagram-finding", c.name(), FINDING_X, findingY.get(c), FINDING_WIDTH,
                escape(shorten(c.display(), fits(FINDING_WIDTH))),
                c.display() + " (" + c.name() + ", " + RuleCatalogueHtml.kindWords(c.kind()) + ")")));
        return svg.append("</svg>\n").toString();
    }

    /**
     * Places the nodes of a side layer: each wants the mean height of the rules it connects to; in that order they
     * are pushed down where they would overlap, then up where they would run past the bottom.
     */
    private static <K> Map<K, Double> place(Map<K, List<Integer>> links, double[] ruleY, int slots) {
        List<K> keys = new ArrayList<>(links.keySet());
        Map<K, Double> wanted = new LinkedHashMap<>();
        for (K k : keys) {
            wanted.put(k, links.get(k).stream().mapToDouble(i -> ruleY[i]).average().orElse(TOP));
        }
        // a stable sort: ties keep the order of first use, which follows the rules' order
        keys.sort(Comparator.comparingDouble(wanted::get));
        double[] y = new double[keys.size()];
        double lowest = TOP + (slots - 1) * PITCH;
        for (int i = 0; i < y.length; i++) {
            y[i] = Math.max(wanted.get(keys.get(i)), i == 0 ? TOP : y[i - 1] + PITCH);
        }
        for (int i = y.length - 1; i >= 0; i--) {
            y[i] = Math.min(y[i], i == y.length - 1 ? lowest : y[i + 1] - PITCH);
        }
        Map<K, Double> out = new LinkedHashMap<>();
        for (int i = 0; i < y.length; i++) {
            out.put(keys.get(i), y[i]);
        }
        return out;
    }

    private static String header(int x, String text) {
        return "<text class=\"layer\" x=\"" + x + "\" y=\"16\">" + escape(text) + "</text>\n";
    }

    private static String edge(String cssClass, double x1, double y1, double x2, double y2) {
        double midY1 = y1 + NODE_HEIGHT / 2.0;
        double midY2 = y2 + NODE_HEIGHT / 2.0;
        double bend = (x2 - x1) / 2;
        return "<path class=\"" + cssClass + "\" d=\"M" + num(x1) + ' ' + num(midY1) + " C" + num(x1 + bend) + ' '
                + num(midY1) + ' ' + num(x2 - bend) + ' ' + num(midY2) + ' ' + num(x2) + ' ' + num(midY2) + "\"/>\n";
    }

    private static String node(String href, String cssClass, String dataName, String dataValue, int x, double y,
                               int width, String labelHtml, String tooltip) {
        return "<a href=\"#" + href + "\"><g class=\"" + cssClass + "\" " + dataName + "=\"" + escape(dataValue)
                + "\"><title>" + escape(tooltip) + "</title><rect x=\"" + x + "\" y=\"" + num(y) + "\" width=\""
                + width + "\" height=\"" + NODE_HEIGHT + "\" rx=\"4\"/><text x=\"" + (x + 6) + "\" y=\""
                + num(y + 14) + "\">" + labelHtml + "</text></g></a>\n";
    }

    private static String describe(Passage p) {
        return p.id() + " (" + p.section() + "): " + p.summary();
    }

    private static String kindClass(FindingCode c) {
        return RuleCatalogueHtml.kindClass(c.kind());
    }

    private static int fits(int width) {
        return (int) ((width - 12) / CHAR_WIDTH);
    }

    /** @return the text, cut at a word boundary with an ellipsis when longer than {@code max} characters */
    static String shorten(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        int cut = Math.max(1, max - 1);
        int space = text.lastIndexOf(' ', cut);
        if (space > cut / 2) {
            cut = space;
        }
        return text.substring(0, cut).stripTrailing() + "\u2026";
    }

    /** @return a coordinate with one decimal at most, without a trailing {@code .0}, the same on every locale */
    private static String num(double v) {
        String s = String.format(Locale.ROOT, "%.1f", v);
        return s.endsWith(".0") ? s.substring(0, s.length() - 2) : s;
    }
}
