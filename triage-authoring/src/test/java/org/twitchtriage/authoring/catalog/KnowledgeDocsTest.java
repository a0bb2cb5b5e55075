package org.twitchtriage.authoring.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.twitchtriage.authoring.source.RuleSource;
import org.twitchtriage.guideline.Guideline;
import org.twitchtriage.guideline.Passage;
import org.twitchtriage.model.FindingCode;

@DisplayName("Guideline coverage and rule catalogue documents")
class KnowledgeDocsTest {
    private static final Guideline GUIDELINE = Guideline.muscleTwitching();

    private static RuleSource rule(String id, String source) {
        return new RuleSource("calf/calf.drl", 3, "p", "Rule " + id, id, source, List.of(FindingCode.SEE_DOCTOR));
    }

    @Test
    @DisplayName("a passage that no rule cites and that is not marked descriptive is a problem")
    void uncitedPassageIsAProblem() {
        KnowledgeDocs docs = new KnowledgeDocs(GUIDELINE, List.of(rule("A", "muscle-twitching#CALF-6")), Map.of());

        assertThat(docs.problems())
                .contains("PREG-1: neither cited by a rule nor marked descriptive")
                .noneMatch(p -> p.startsWith("CALF-6"))
                .hasSize(GUIDELINE.passages().size() - 1);
    }

    @Test
    @DisplayName("full coverage when every passage is cited or marked; marking a cited passage is a problem")
    void fullCoverageAndContradictions() {
        String all = String.join(", ", GUIDELINE.passages().stream().map(p -> "muscle-twitching#" + p.id()).toList());
        KnowledgeDocs covered = new KnowledgeDocs(GUIDELINE, List.of(rule("A", all)), Map.of());
        KnowledgeDocs contradictory = new KnowledgeDocs(GUIDELINE, List.of(rule("A", all)),
                Map.of("LIP-1", "says nothing", "NOPE-9", "unknown"));

        assertThat(covered.problems()).isEmpty();
        assertThat(contradictory.problems()).containsExactlyInAnyOrder(
                "LIP-1: marked descriptive but cited by A",
                "NOPE-9: marked descriptive but the guideline has no such passage");
    }

    @Test
    @DisplayName("the coverage report lists every passage with the rules citing it or the descriptive reason")
    void coverageReportRows() {
        KnowledgeDocs docs = new KnowledgeDocs(GUIDELINE,
                List.of(rule("A", "muscle-twitching#CALF-6"), rule("B", "muscle-twitching#CALF-6, muscle-twitching#LIP-1")),
                Map.of("EYE-1", "only describes"));

        String report = docs.coverageReport();

        for (Passage p : GUIDELINE.passages()) {
            assertThat(report).contains("| " + p.id() + " | ");
        }
        assertThat(report).contains("| CALF-6 | Calf | ").contains("| `A`, `B` |");
        assertThat(report).contains("*descriptive:* only describes");
        assertThat(report).contains("*descriptive:* **NOT COVERED**");
    }

    @Test
    @DisplayName("the catalogue shows each rule's id, name, passages and conclusions")
    void catalogueRows() {
        String md = new KnowledgeDocs(GUIDELINE, List.of(rule("A", "muscle-twitching#CALF-6")), Map.of())
                .ruleCatalogue();

        assertThat(md).contains("## calf/calf.drl").contains("| `A` | Rule A | CALF-6 | SEE_DOCTOR |");
    }

    @Test
    @DisplayName("the descriptive list rejects malformed lines and repeated IDs, naming the line")
    void descriptiveListParsing() {
        assertThat(KnowledgeDocs.parseDescriptive("# c\nEYE-1\tbecause\n\n")).containsEntry("EYE-1", "because");
        assertThatThrownBy(() -> KnowledgeDocs.parseDescriptive("EYE-1 no tab\n"))
                .hasMessageContaining("line 1");
        assertThatThrownBy(() -> KnowledgeDocs.parseDescriptive("EYE-1\ta\nEYE-1\tb\n"))
                .hasMessageContaining("line 2").hasMessageContaining("twice");
    }

    @Test
    @DisplayName("the catalogue shows the sentences of a rule written in the rule language, and marks decision tables")
    void catalogueShowsSentences() {
        RuleSource dsl = new RuleSource("calf/calf.dslr", 5, "p", "Calf: no warning sign", "C-1",
                "muscle-twitching#CALF-8", List.of(FindingCode.MAGNESIUM_SUPPLEMENT), RuleSource.Format.DSL,
                new RuleSource.Sentences(List.of("there is a twitch in the calf", "the twitch has no red flag"),
                        List.of("advise magnesium tablets: \"Take magnesium.\"")));
        RuleSource table = new RuleSource("referral/referral.drl.xlsx", 12, "p", "Referral", "R-1",
                "muscle-twitching#HAND-3", List.of(FindingCode.SEE_DOCTOR), RuleSource.Format.DECISION_TABLE, null);

        String md = new KnowledgeDocs(GUIDELINE, List.of(dsl, table), Map.of()).ruleCatalogue();

        assertThat(md).contains("## calf/calf.dslr\n\nWritten in the rule language")
                .contains("| `C-1` | Calf: no warning sign | CALF-8 | MAGNESIUM_SUPPLEMENT |")
                .contains("`C-1` Calf: no warning sign\n\n```text\nwhen\n    there is a twitch in the calf\n"
                        + "    the twitch has no red flag\nthen\n"
                        + "    advise magnesium tablets: \"Take magnesium.\"\n```\n")
                .contains("## referral/referral.drl.xlsx\n\nA decision table: each rule is one row");
    }

    @Test
    @DisplayName("rules beyond the guideline are listed apart in the coverage report and named in the catalogue")
    void extensionsAreListedApart() {
        RuleSource beyond = new RuleSource("calf/calf.drl", 9, "p", "Calf: low magnesium measured",
                List.of(new RuleSource.Annotation(RuleSource.ID, "C-LOW", 10),
                        new RuleSource.Annotation(RuleSource.SOURCE, "muscle-twitching#CALF-8", 11),
                        new RuleSource.Annotation(RuleSource.EXTENSION, "the guideline names no lab values", 12)),
                List.of(FindingCode.MAGNESIUM_DEFICIENCY), RuleSource.Format.DRL, null, null);
        KnowledgeDocs docs = new KnowledgeDocs(GUIDELINE, List.of(rule("A", "muscle-twitching#CALF-6"), beyond),
                Map.of());

        assertThat(docs.coverageReport()).contains("\n## Rules beyond the guideline\n")
                .contains("| `C-LOW` | Calf: low magnesium measured | the guideline names no lab values | CALF-8 |")
                .doesNotContain("| `A` | Rule A | ");
        assertThat(docs.ruleCatalogue()).contains("\nBeyond the guideline:\n\n- `C-LOW` the guideline names no lab "
                + "values\n");
        KnowledgeDocs plain = new KnowledgeDocs(GUIDELINE, List.of(rule("A", "muscle-twitching#CALF-6")), Map.of());
        assertThat(plain.coverageReport()).doesNotContain("beyond the guideline");
        assertThat(plain.ruleCatalogue()).doesNotContain("Beyond the guideline");
    }
}
