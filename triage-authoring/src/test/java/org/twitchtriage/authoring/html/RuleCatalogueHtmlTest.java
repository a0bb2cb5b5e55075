package org.twitchtriage.authoring.html;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.twitchtriage.authoring.source.RuleSource;
import org.twitchtriage.guideline.Guideline;
import org.twitchtriage.guideline.Passage;
import org.twitchtriage.model.FindingCode;

@DisplayName("The HTML rule catalogue")
class RuleCatalogueHtmlTest {
    private static final Guideline GUIDELINE = Guideline.muscleTwitching();
    private static final Pattern TAG = Pattern.compile("<(/?)([a-zA-Z][a-zA-Z0-9]*)\\b[^>]*?(/?)>");
    private static final Set<String> VOID = Set.of("meta", "br", "hr", "img", "input", "link", "wbr");

    private static RuleSource dsl(String pkg, String id, String name, String source, List<String> when,
                                  List<String> then, FindingCode... codes) {
        return new RuleSource(pkg.replace('.', '/') + "/x.dslr", 10, pkg, name, id, source, List.of(codes),
                RuleSource.Format.DSL, new RuleSource.Sentences(when, then));
    }

    private static final RuleSource CALF = dsl("org.twitchtriage.rules.calf", "CALF-MG",
            "Calf: no warning sign -> take magnesium", "muscle-twitching#CALF-8",
            List.of("there is a twitch in the calf", "the twitch has no red flag"),
            List.of("advise magnesium tablets: \"Take magnesium first.\""), FindingCode.MAGNESIUM_SUPPLEMENT);
    private static final RuleSource RED_FLAG = dsl("org.twitchtriage.rules.redflags", "RF-X",
            "Red flag: twitch with pain", "muscle-twitching#UARM-6, muscle-twitching#KNEE-2",
            List.of("there is a twitch at any body site", "- it comes with pain"),
            List.of("flag pain: \"Pain can mean an irritated nerve.\""), FindingCode.RED_FLAG_PAIN);
    private static final RuleSource LEGS = dsl("org.twitchtriage.rules.legs", "LEG-X",
            "Leg: before sleep -> harmless", "muscle-twitching#LEG-1",
            List.of("there is a twitch in the leg", ">   $t : Twitch( beforeSleep )"),
            List.of("reassure: \"Harmless.\""), FindingCode.USUALLY_HARMLESS);

    private static String render(RuleSource... rules) {
        return new RuleCatalogueHtml(GUIDELINE, List.of(rules), Map.of(), Map.of("EYE-1", "only describes"))
                .render();
    }

    private static List<String> all(Pattern pattern, String text) {
        List<String> found = new ArrayList<>();
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }

    /** @return the first tag that does not close what it should, or {@code null} when all nest properly */
    private static String unbalancedTag(String html) {
        Deque<String> open = new ArrayDeque<>();
        Matcher m = TAG.matcher(html.replaceAll("(?s)<style>.*?</style>", ""));
        while (m.find()) {
            String name = m.group(2).toLowerCase();
            if (VOID.contains(name) || !m.group(3).isEmpty()) {
                continue;
            }
            if (m.group(1).isEmpty()) {
                open.push(name);
            } else if (open.isEmpty() || !open.pop().equals(name)) {
                return m.group() + " at " + m.start();
            }
        }
        return open.isEmpty() ? null : "unclosed <" + open.peek() + ">";
    }

    @Test
    @DisplayName("each rule appears once as an entry and once as a diagram node, with its id, name and passages")
    void everyRuleHasAnEntryAndANode() {
        String html = render(CALF, RED_FLAG, LEGS);

        assertThat(all(Pattern.compile("<article class=\"rule\"[^>]* data-rule-id=\"([^\"]*)\""), html))
                .containsExactly("CALF-MG", "LEG-X", "RF-X");
        assertThat(all(Pattern.compile("data-diagram-rule=\"([^\"]*)\""), html))
                .containsExactlyInAnyOrder("CALF-MG", "LEG-X", "RF-X");
        assertThat(html).contains("Calf: no warning sign -&gt; take magnesium")
                .contains("<a href=\"#passage-CALF-8\">CALF-8</a> "
                        + Html.escape(GUIDELINE.passage("CALF-8").orElseThrow().summary()))
                .contains("<code>MAGNESIUM_SUPPLEMENT</code></a> Magnesium tablets")
                .contains("<span class=\"kind k-self-care\">self-care</span>");
    }

    @Test
    @DisplayName("sentences are shown as written: qualifiers, DRL lines and explanations apart")
    void sentencesAsWritten() {
        String html = render(CALF, RED_FLAG, LEGS);

        assertThat(html).contains("<li><span class=\"phrase\">there is a twitch in the calf</span></li>")
                .contains("<li class=\"qualifier\"><span class=\"phrase\">- it comes with pain</span></li>")
                .contains("<li class=\"drl\" title=\"DRL written by the author\"><code>&gt;   $t : Twitch( "
                        + "beforeSleep )</code></li>")
                .contains("<span class=\"phrase\">advise magnesium tablets:</span> "
                        + "<span class=\"explanation\">&quot;Take magnesium first.&quot;</span>");
    }

    @Test
    @DisplayName("body sites come first, in the model's order, then the topics across body sites")
    void groupsInOrder() {
        RuleCatalogueHtml catalogue = new RuleCatalogueHtml(GUIDELINE, List.of(RED_FLAG, LEGS, CALF), Map.of(),
                Map.of());

        assertThat(catalogue.groups()).extracting(RuleGroup::title).containsExactly("Calf", "Leg", "Red flags");
        String html = catalogue.render();
        assertThat(html.indexOf("id=\"group-calf\"")).isLessThan(html.indexOf("id=\"group-legs\""));
        assertThat(html.indexOf("id=\"group-legs\"")).isLessThan(html.indexOf("id=\"group-redflags\""));
    }

    @Test
    @DisplayName("text from rule files is escaped everywhere: a rule cannot inject markup")
    void escapesEverything() {
        RuleSource hostile = dsl("org.twitchtriage.rules.calf", "X<1>&\"'", "<script>alert('x')</script> & co",
                "muscle-twitching#CALF-8", List.of("there is <b>bold</b> & \"quoted\""),
                List.of("reassure: \"</li></ul><img src=x onerror=alert(1)>\""), FindingCode.USUALLY_HARMLESS);

        String html = render(hostile);

        assertThat(html).doesNotContain("<script", "<b>", "<img", "onerror=alert(1)>")
                .contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; co")
                .contains("data-rule-id=\"X&lt;1&gt;&amp;&quot;&#39;\"");
        assertThat(unbalancedTag(html)).isNull();
    }

    @Test
    @DisplayName("the page is self-contained: no scripts, no external addresses, every link lands on the page")
    void selfContained() {
        String html = render(CALF, RED_FLAG, LEGS);

        assertThat(html).doesNotContain("<script", "<link", "src=", "http:", "https:", "url(", "@import");
        Set<String> ids = new HashSet<>(all(Pattern.compile("\\bid=\"([^\"]+)\""), html));
        assertThat(all(Pattern.compile("href=\"([^\"]*)\""), html))
                .allSatisfy(href -> assertThat(href).startsWith("#").satisfies(h ->
                        assertThat(ids).as("anchor of %s", h).contains(h.substring(1))));
        assertThat(unbalancedTag(html)).isNull();
    }

    @Test
    @DisplayName("every passage is listed with the rules that cite it, the reason it is descriptive, or a problem")
    void passagesSection() {
        String html = render(CALF, RED_FLAG, LEGS);

        for (Passage p : GUIDELINE.passages()) {
            assertThat(html).contains("<tr id=\"passage-" + p.id() + "\">");
        }
        assertThat(html).contains("<a href=\"#rule-CALF-MG\"><code>CALF-MG</code></a>")
                .contains("<em>Nothing to encode:</em> only describes")
                .contains("<span class=\"problem\">Not encoded by any rule.</span>");
    }

    @Test
    @DisplayName("a rule without @source, or with a citation that cannot be read, is shown as a problem")
    void citationProblems() {
        RuleSource none = dsl("org.twitchtriage.rules.calf", "A", "A", null, List.of(), List.of());
        RuleSource broken = dsl("org.twitchtriage.rules.calf", "B", "B", "muscle-twitching#NOPE-1", List.of(),
                List.of());

        String html = render(none, broken);

        assertThat(html).contains("No <code>@source</code>: the rule cites no passage.")
                .contains("The citation <code>muscle-twitching#NOPE-1</code> cannot be read.");
    }

    @Test
    @DisplayName("a decision-table rule shows its row in words; a DRL rule says where to read it")
    void tableRowsAndDrl() {
        RuleSource row = new RuleSource("referral/t.drl.xlsx", 12, "org.twitchtriage.rules.referral",
                "Referral: pain -> doctor", "REF-1", "muscle-twitching#UARM-6", List.of(FindingCode.SEE_DOCTOR),
                RuleSource.Format.DECISION_TABLE, null);
        RuleSource drl = new RuleSource("workup/w.drl", 3, "org.twitchtriage.rules.workup", "Workup: something",
                "WU-1", "muscle-twitching#DX-1", List.of(FindingCode.HISTORY));
        TableRow words = new TableRow("referral/t.drl.xlsx", 12,
                List.of(new TableRow.Cell("Red flag (any of)", "PAIN", "Twitching with pain")),
                List.of(new TableRow.Cell("Referral", "SEE_DOCTOR", "See a doctor")), "Pain means a nerve.");

        String html = new RuleCatalogueHtml(GUIDELINE, List.of(row, drl), Map.of(row.location(), words), Map.of())
                .render();

        assertThat(html).contains("Decision table, <code>referral/t.drl.xlsx</code> row 12")
                .contains("<li><span class=\"column\">Red flag (any of)</span> Twitching with pain "
                        + "<code class=\"raw\">PAIN</code></li>")
                .contains("<p class=\"why\"><span class=\"column\">Why</span> Pain means a nerve.</p>")
                .contains("DRL, <code>workup/w.drl</code> line 3")
                .contains("Written in DRL, not in sentences");
    }

    @Test
    @DisplayName("the same rules always give the same page, and the page carries no date")
    void deterministic() {
        String first = render(CALF, RED_FLAG, LEGS);

        assertThat(render(CALF, RED_FLAG, LEGS)).isEqualTo(first);
        assertThat(first).doesNotContainPattern("20\\d\\d-\\d\\d-\\d\\d");
    }

    @Test
    @DisplayName("read from a rules folder: rule-language files, and decision tables through their rows")
    void readsAFolder(@TempDir Path root) throws Exception {
        Files.createDirectories(root.resolve("referral"));
        Files.writeString(root.resolve("referral/t.drl.csv"), String.join("\n",
                "RuleSet,org.twitchtriage.rules.referral",
                "Import,\"org.twitchtriage.model.Conclusion, org.twitchtriage.model.FindingCode\"",
                "",
                "RuleTable Referral",
                "NAME,METADATA,METADATA,CONDITION,ACTION,DESCRIPTION",
                ",,,$t : Twitch,,",
                ",\"id(\"\"$param\"\")\",\"source(\"\"$param\"\")\",site == BodySite.$param,"
                        + "\"insertLogical(Conclusion.referral(FindingCode.$param, Urgency.SOON, $t, \"\"x\"\"));\",",
                "Rule,Id,Passages,Site,Referral,Why",
                "Hand -> doctor,T-1,muscle-twitching#HAND-3,HAND,SEE_DOCTOR,It should have passed.",
                ""), StandardCharsets.UTF_8);

        RuleCatalogueHtml catalogue = RuleCatalogueHtml.read(root, GUIDELINE, Map.of());

        assertThat(catalogue.groups()).extracting(RuleGroup::title).containsExactly("Referral");
        assertThat(catalogue.render()).contains("data-rule-id=\"T-1\"")
                .contains("<span class=\"column\">Site</span> hand or thumb <code class=\"raw\">HAND</code>")
                .contains("<span class=\"column\">Referral</span> See a doctor <code class=\"raw\">SEE_DOCTOR"
                        + "</code>")
                .contains("It should have passed.");
    }

    @Test
    @DisplayName("a rule that goes beyond the guideline shows why, escaped; a rule that does not shows nothing of it")
    void extensionIsShown() {
        RuleSource beyond = new RuleSource("calf/x.drl", 3, "org.twitchtriage.rules.calf", "Calf: low serum magnesium",
                List.of(new RuleSource.Annotation(RuleSource.ID, "CALF-LOW-MG", 4),
                        new RuleSource.Annotation(RuleSource.SOURCE, "muscle-twitching#CALF-8", 5),
                        new RuleSource.Annotation(RuleSource.EXTENSION, "measured values <below range> are ours", 6)),
                List.of(FindingCode.MAGNESIUM_DEFICIENCY), RuleSource.Format.DRL, null, null);

        String html = render(CALF, beyond);

        assertThat(html).contains("<p class=\"why extension\"><span class=\"column\">Beyond the guideline</span> "
                + "measured values &lt;below range&gt; are ours</p>");
        assertThat(html.split("class=\"why extension\"", -1)).hasSize(2);
    }
}
