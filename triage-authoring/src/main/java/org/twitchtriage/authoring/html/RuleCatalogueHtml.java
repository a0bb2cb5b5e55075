package org.twitchtriage.authoring.html;

import static org.twitchtriage.authoring.html.Html.anchor;
import static org.twitchtriage.authoring.html.Html.escape;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.twitchtriage.authoring.catalog.RuleSource;
import org.twitchtriage.authoring.catalog.RuleSourceParser;
import org.twitchtriage.guideline.Guideline;
import org.twitchtriage.guideline.Passage;
import org.twitchtriage.model.FindingCode;
import org.twitchtriage.model.FindingKind;

/**
 * The rule catalogue as one self-contained HTML page, for clinical reviewers: the rules grouped by body site (and
 * the topics that span body sites), each shown as its author wrote it (the sentences of the rule language, or the
 * decision-table row in words) with its id, name, the guideline passages it cites and the findings it concludes;
 * per group, a diagram passage &rarr; rule &rarr; conclusion; at the end, every passage and every finding with the
 * rules that use it.
 *
 * <p>The page needs nothing else: styles are inline, the diagrams are inline SVG, there are no scripts, fonts or
 * external addresses, and a content security policy forbids loading anything. Each rule is an {@code <article>}
 * with a {@code data-rule-id} attribute, each diagram node carries {@code data-diagram-rule},
 * {@code data-diagram-passage} or {@code data-diagram-finding}. All text is escaped. The output depends only on the
 * inputs (no dates), so a committed copy can be compared with a fresh one. Immutable and thread-safe.
 */
public final class RuleCatalogueHtml {
    private static final Pattern EXPLAINED = Pattern.compile("^(.*?:)\\s*(\".*\")\\s*$");

    private final Guideline guideline;
    private final List<RuleSource> rules;
    private final Map<String, TableRow> tableRows;
    private final Map<String, String> descriptive;
    private final List<RuleGroup> groups;

    /**
     * @param guideline   the passage index the rules cite
     * @param rules       the rules, in the order read
     * @param tableRows   {@link RuleSource#location()} to the row of a decision-table rule (see
     *                    {@link TableRow#read})
     * @param descriptive passage ID to the reason it holds nothing to encode; may be empty
     */
    public RuleCatalogueHtml(Guideline guideline, List<RuleSource> rules, Map<String, TableRow> tableRows,
                             Map<String, String> descriptive) {
        this.guideline = Objects.requireNonNull(guideline, "guideline");
        this.rules = List.copyOf(rules);
        this.tableRows = Map.copyOf(tableRows);
        this.descriptive = Map.copyOf(descriptive);
        this.groups = RuleGroup.of(this.rules);
    }

    /**
     * Reads every rule file and decision table below a rules folder.
     *
     * @param rulesRoot   the folder (e.g. {@code triage-rules/src/main/resources}), or the root of a kjar opened as
     *                    a file system
     * @param guideline   the passage index the rules cite
     * @param descriptive passage ID to the reason it holds nothing to encode; may be empty
     * @throws IllegalArgumentException when a rule file cannot be read as what its name says
     */
    public static RuleCatalogueHtml read(Path rulesRoot, Guideline guideline, Map<String, String> descriptive) {
        List<RuleSource> rules = RuleSourceParser.parseTree(rulesRoot);
        return new RuleCatalogueHtml(guideline, rules, TableRow.read(rulesRoot, rules), descriptive);
    }

    /** @return the groups the page shows, in its order */
    public List<RuleGroup> groups() {
        return groups;
    }

    /** @return the page */
    public String render() {
        StringBuilder html = new StringBuilder(256 * 1024);
        html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
            .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; ")
            .append("style-src 'unsafe-inline'\">\n")
            .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .append("<title>Rule catalogue: ").append(escape(guideline.name())).append("</title>\n")
            .append("<style>\n").append(CatalogueStyle.CSS).append("</style>\n</head>\n<body>\n");
        header(html);
        html.append("<main>\n");
        groups.forEach(g -> group(html, g));
        passages(html);
        findings(html);
        html.append("</main>\n</body>\n</html>\n");
        return html.toString();
    }

    private void header(StringBuilder html) {
        long sites = groups.stream().filter(RuleGroup::isBodySite).count();
        html.append("<header>\n<h1>Rule catalogue</h1>\n")
            .append("<p class=\"disclaimer\"><strong>Decision support, not a diagnosis and not a medical device.")
            .append("</strong> The rules encode a patient-information guideline; they have not been clinically ")
            .append("validated.</p>\n")
            .append("<p>Generated from the rule files; do not edit by hand. ").append(rules.size())
            .append(" rules in ").append(groups.size()).append(" groups (").append(sites)
            .append(" body sites, ").append(groups.size() - sites).append(" topics across body sites). ")
            .append("They cite the guideline <code>").append(escape(guideline.name())).append("</code>, ")
            .append(guideline.passages().size()).append(" passages, summarised in this project's own words.</p>\n")
            .append("<p>Rules in the rule language show their sentences as written: conditions under ")
            .append("<em>when</em>, conclusions under <em>then</em>, each conclusion with its explanation for the ")
            .append("patient. A line starting with <code>&gt;</code> is DRL the author wrote where no sentence fits. ")
            .append("Rules from a decision table show their row: each filled cell under its column label.</p>\n")
            .append("<nav>\n<h2>Contents</h2>\n<div class=\"toc\">\n");
        toc(html, "Body sites", true);
        toc(html, "Across body sites", false);
        html.append("<div><h3>Reference</h3><ul>\n")
            .append("<li><a href=\"#passages\">Guideline passages</a></li>\n")
            .append("<li><a href=\"#findings\">Findings</a></li>\n</ul></div>\n</div>\n</nav>\n")
            .append("<p class=\"legend\">Kinds of conclusion:");
        for (FindingKind k : FindingKind.values()) {
            html.append(" <span class=\"kind ").append(kindClass(k)).append("\">").append(kindWords(k))
                .append("</span>");
        }
        html.append("</p>\n</header>\n");
    }

    private void toc(StringBuilder html, String heading, boolean bodySites) {
        html.append("<div><h3>").append(heading).append("</h3><ul>\n");
        for (RuleGroup g : groups) {
            if (g.isBodySite() == bodySites) {
                html.append("<li><a href=\"#").append(groupAnchor(g)).append("\">").append(escape(g.title()))
                    .append("</a> <span class=\"count\">").append(count(g.rules().size(), "rule"))
                    .append("</span></li>\n");
            }
        }
        html.append("</ul></div>\n");
    }

    private void group(StringBuilder html, RuleGroup g) {
        html.append("<section class=\"group\" id=\"").append(groupAnchor(g)).append("\" data-topic=\"")
            .append(escape(g.topic())).append("\">\n<h2>").append(escape(g.title()))
            .append(" <span class=\"count\">").append(count(g.rules().size(), "rule")).append("</span></h2>\n")
            .append("<p class=\"files\">From ");
        List<String> files = g.rules().stream().map(RuleSource::file).distinct().toList();
        for (int i = 0; i < files.size(); i++) {
            html.append(i == 0 ? "" : ", ").append("<code>").append(escape(files.get(i))).append("</code>");
        }
        html.append(".</p>\n<figure class=\"diagram\">\n")
            .append(FlowDiagram.svg(g, this::citedIds, guideline))
            .append("<figcaption>").append(escape(g.title()))
            .append(": guideline passages (left), the rules citing them (middle) and what each rule concludes ")
            .append("(right). Select a box to go to its entry.</figcaption>\n</figure>\n");
        g.rules().forEach(r -> rule(html, r));
        html.append("</section>\n");
    }

    private void rule(StringBuilder html, RuleSource r) {
        html.append("<article class=\"rule\" id=\"").append(ruleAnchor(r)).append("\" data-rule-id=\"")
            .append(escape(r.id() == null ? "" : r.id())).append("\">\n<h3><code class=\"rule-id\">")
            .append(escape(r.id() == null ? "(no @id)" : r.id())).append("</code> <span class=\"rule-name\">")
            .append(escape(r.name())).append("</span></h3>\n<p class=\"where\">");
        TableRow row = tableRows.get(r.location());
        switch (r.format()) {
            case DSL -> html.append("Rule language, <code>").append(escape(r.file())).append("</code> line ")
                            .append(r.line());
            case DECISION_TABLE -> html.append("Decision table, <code>").append(escape(r.file()))
                                       .append("</code> row ").append(r.line());
            default -> html.append("DRL, <code>").append(escape(r.file())).append("</code> line ").append(r.line());
        }
        html.append("</p>\n");
        if (r.sentences() != null) {
            sentences(html, r.sentences());
        } else if (row != null) {
            tableRow(html, row);
        } else {
            html.append("<p class=\"plain-drl\">Written in DRL, not in sentences: read it in the file above.</p>\n");
        }
        html.append("<div class=\"facts\">\n<div>\n<h4>Guideline passages</h4>\n");
        citations(html, r);
        html.append("</div>\n<div>\n<h4>Concludes</h4>\n");
        if (r.conclusions().isEmpty()) {
            html.append("<p class=\"none\">No finding.</p>\n");
        } else {
            html.append("<ul class=\"concludes\">\n");
            for (FindingCode c : r.conclusions()) {
                html.append("<li><span class=\"kind ").append(kindClass(c.kind())).append("\">")
                    .append(kindWords(c.kind())).append("</span> <a href=\"#").append(anchor("finding-", c.name()))
                    .append("\"><code>").append(c.name()).append("</code></a> ").append(escape(c.display()))
                    .append("</li>\n");
            }
            html.append("</ul>\n");
        }
        html.append("</div>\n</div>\n</article>\n");
    }

    private void citations(StringBuilder html, RuleSource r) {
        List<String> ids = citedIds(r);
        if (ids.isEmpty()) {
            html.append("<p class=\"problem\">").append(r.source() == null
                    ? "No <code>@source</code>: the rule cites no passage."
                    : "The citation <code>" + escape(r.source()) + "</code> cannot be read.").append("</p>\n");
            return;
        }
        html.append("<ul class=\"cites\">\n");
        for (String id : ids) {
            html.append("<li><a href=\"#").append(anchor("passage-", id)).append("\">").append(escape(id))
                .append("</a> ").append(escape(guideline.passage(id).map(Passage::summary).orElse("")))
                .append("</li>\n");
        }
        html.append("</ul>\n");
    }

    private static void sentences(StringBuilder html, RuleSource.Sentences s) {
        html.append("<div class=\"text sentences\">\n<p class=\"kw\">when</p>\n<ul>\n");
        s.when().forEach(line -> sentence(html, line));
        html.append("</ul>\n<p class=\"kw\">then</p>\n<ul>\n");
        s.then().forEach(line -> sentence(html, line));
        html.append("</ul>\n</div>\n");
    }

    private static void sentence(StringBuilder html, String line) {
        if (line.startsWith(">")) {
            html.append("<li class=\"drl\" title=\"DRL written by the author\"><code>").append(escape(line))
                .append("</code></li>\n");
            return;
        }
        html.append(line.startsWith("-") ? "<li class=\"qualifier\">" : "<li>");
        Matcher m = EXPLAINED.matcher(line);
        if (m.matches()) {
            html.append("<span class=\"phrase\">").append(escape(m.group(1))).append("</span> ")
                .append("<span class=\"explanation\">").append(escape(m.group(2))).append("</span>");
        } else {
            html.append("<span class=\"phrase\">").append(escape(line)).append("</span>");
        }
        html.append("</li>\n");
    }

    private static void tableRow(StringBuilder html, TableRow row) {
        html.append("<div class=\"text table-row\">\n<p class=\"kw\">when</p>\n<ul>\n");
        row.conditions().forEach(c -> cell(html, c));
        html.append("</ul>\n<p class=\"kw\">then</p>\n<ul>\n");
        row.actions().forEach(c -> cell(html, c));
        html.append("</ul>\n");
        if (!row.note().isEmpty()) {
            html.append("<p class=\"why\"><span class=\"column\">Why</span> ").append(escape(row.note()))
                .append("</p>\n");
        }
        html.append("</div>\n");
    }

    private static void cell(StringBuilder html, TableRow.Cell c) {
        html.append("<li><span class=\"column\">").append(escape(c.label())).append("</span> ")
            .append(escape(c.words()));
        if (!c.words().equals(c.value())) {
            html.append(" <code class=\"raw\">").append(escape(c.value())).append("</code>");
        }
        html.append("</li>\n");
    }

    private void passages(StringBuilder html) {
        Map<String, List<RuleSource>> citing = new LinkedHashMap<>();
        for (RuleSource r : rules) {
            citedIds(r).forEach(id -> citing.computeIfAbsent(id, k -> new ArrayList<>()).add(r));
        }
        html.append("<section id=\"passages\">\n<h2>Guideline passages</h2>\n")
            .append("<p>Every passage of <code>").append(escape(guideline.name()))
            .append("</code>, in the guideline's order, summarised in this project's own words (the guideline's ")
            .append("text is not reproduced), with the rules that encode it or why it holds nothing to encode.</p>\n")
            .append("<table>\n<thead><tr><th>Passage</th><th>Section</th><th>Summary</th><th>Encoded by</th>")
            .append("</tr></thead>\n<tbody>\n");
        for (Passage p : guideline.passages()) {
            html.append("<tr id=\"").append(anchor("passage-", p.id())).append("\"><td><code>")
                .append(escape(p.id())).append("</code></td><td>").append(escape(p.section())).append("</td><td>")
                .append(escape(p.summary())).append("</td><td>");
            List<RuleSource> by = citing.getOrDefault(p.id(), List.of());
            if (!by.isEmpty()) {
                ruleLinks(html, by);
            } else if (descriptive.containsKey(p.id())) {
                html.append("<em>Nothing to encode:</em> ").append(escape(descriptive.get(p.id())));
            } else {
                html.append("<span class=\"problem\">Not encoded by any rule.</span>");
            }
            html.append("</td></tr>\n");
        }
        html.append("</tbody>\n</table>\n</section>\n");
    }

    private void findings(StringBuilder html) {
        html.append("<section id=\"findings\">\n<h2>Findings</h2>\n")
            .append("<p>Every finding the knowledge base can conclude, with the rules that conclude it.</p>\n")
            .append("<table>\n<thead><tr><th>Code</th><th>Kind</th><th>Shown as</th><th>Concluded by</th>")
            .append("</tr></thead>\n<tbody>\n");
        for (FindingCode c : FindingCode.values()) {
            html.append("<tr id=\"").append(anchor("finding-", c.name())).append("\"><td><code>").append(c.name())
                .append("</code></td><td><span class=\"kind ").append(kindClass(c.kind())).append("\">")
                .append(kindWords(c.kind())).append("</span></td><td>").append(escape(c.display()))
                .append("</td><td>");
            List<RuleSource> by = rules.stream().filter(r -> r.conclusions().contains(c)).toList();
            if (by.isEmpty()) {
                html.append("<span class=\"none\">no rule</span>");
            } else {
                ruleLinks(html, by);
            }
            html.append("</td></tr>\n");
        }
        html.append("</tbody>\n</table>\n</section>\n");
    }

    private static void ruleLinks(StringBuilder html, List<RuleSource> by) {
        for (int i = 0; i < by.size(); i++) {
            RuleSource r = by.get(i);
            html.append(i == 0 ? "" : ", ").append("<a href=\"#").append(ruleAnchor(r)).append("\"><code>")
                .append(escape(r.id() == null ? r.location() : r.id())).append("</code></a>");
        }
    }

    private List<String> citedIds(RuleSource r) {
        if (r.source() == null) {
            return List.of();
        }
        try {
            return guideline.parseCitations(r.source());
        } catch (IllegalArgumentException e) {
            return List.of();
        }
    }

    /** @return the anchor of a rule's entry: from its id, or from its file and line when it has none */
    static String ruleAnchor(RuleSource r) {
        return r.id() == null ? anchor("rule-at-", r.location()) : anchor("rule-", r.id());
    }

    private static String groupAnchor(RuleGroup g) {
        return anchor("group-", g.topic());
    }

    /** @return the CSS class that colours a kind of finding */
    static String kindClass(FindingKind k) {
        return "k-" + k.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** @return a kind of finding in words */
    static String kindWords(FindingKind k) {
        return switch (k) {
            case OUTSIDE_GUIDELINE -> "outside the guideline";
            case RED_FLAG -> "red flag";
            case REFERRAL -> "referral";
            case WORKUP -> "workup";
            case HYPOTHESIS -> "possible cause";
            case SELF_CARE -> "self-care";
            case REASSURANCE -> "reassurance";
        };
    }

    private static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
