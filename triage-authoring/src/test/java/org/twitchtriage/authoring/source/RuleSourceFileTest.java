package org.twitchtriage.authoring.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.twitchtriage.authoring.dsl.DslExpander;
import org.twitchtriage.model.FindingCode;

@DisplayName("Reading rules with Drools' parser from DRL, rule-language files and decision tables")
class RuleSourceFileTest {
    private static final String DRL = String.join("\n",
            "package org.example.calf;",
            "",
            "rule \"Calf: back pain -> disc\"",
            "    @id(\"X-1\")",
            "    @source(\"muscle-twitching#CALF-5, muscle-twitching#CALF-6\")",
            "when",
            "    $t : Twitch()",
            "then",
            "    insertLogical(Conclusion.hypothesis(FindingCode.HERNIATED_DISC_BACK, $t, \"a\"));",
            "    insertLogical(Conclusion.hypothesis(FindingCode.SPINAL_CANAL_STENOSIS, $t, \"b\"));",
            "    insertLogical(Conclusion.hypothesis(FindingCode.HERNIATED_DISC_BACK, $t, \"c\"));",
            "end",
            "",
            "rule \"No metadata\"",
            "when",
            "    $t : Twitch( site == BodySite.CALF )",
            "then",
            "    insertLogical(Conclusion.reassurance($t, \"fine\"));",
            "end",
            "");

    @Test
    @DisplayName("finds each rule with its package, line, id, citations and conclusions")
    void readsRules() {
        List<RuleSource> rules = RuleSourceFile.drl("calf/x.drl", DRL).rules();

        assertThat(rules).hasSize(2);
        RuleSource first = rules.get(0);
        assertThat(first.packageName()).isEqualTo("org.example.calf");
        assertThat(first.name()).isEqualTo("Calf: back pain -> disc");
        assertThat(first.location()).isEqualTo("calf/x.drl:3");
        assertThat(first.id()).isEqualTo("X-1");
        assertThat(first.source()).isEqualTo("muscle-twitching#CALF-5, muscle-twitching#CALF-6");
        assertThat(first.conclusions())
                .containsExactly(FindingCode.HERNIATED_DISC_BACK, FindingCode.SPINAL_CANAL_STENOSIS);
    }

    @Test
    @DisplayName("a rule without metadata is reported with null id and source; reassurance counts as a conclusion")
    void missingMetadataIsNull() {
        RuleSource second = RuleSourceFile.drl("calf/x.drl", DRL).rules().get(1);

        assertThat(second.line()).isEqualTo(14);
        assertThat(second.id()).isNull();
        assertThat(second.source()).isNull();
        assertThat(second.conclusions()).containsExactly(FindingCode.USUALLY_HARMLESS);
    }

    @Test
    @DisplayName("codes named in conditions are not conclusions")
    void conditionsAreNotConclusions() {
        String drl = "rule \"r\"\n @id(\"A\")\nwhen\n Conclusion( code == FindingCode.RED_FLAG_PAIN )\nthen\n"
                + " insertLogical(Conclusion.referral(FindingCode.SEE_DOCTOR, Urgency.SOON, null, \"x\"));\nend\n";

        assertThat(RuleSourceFile.drl("r.drl", drl).rules().get(0).conclusions()).containsExactly(FindingCode.SEE_DOCTOR);
    }

    private static final String DSL = String.join("\n",
            "[when]there is a twitch in the calf=$t : Twitch( site == BodySite.CALF )",
            "[when]- it comes with back pain=symptoms contains Symptom.BACK_PAIN",
            "[then]suggest a disc: {explanation}="
                    + "insertLogical(Conclusion.hypothesis(FindingCode.HERNIATED_DISC_BACK, $t, {explanation}));",
            "");
    private static final String DSLR = String.join("\n",
            "package org.example.calf;",
            "",
            "expander calf.dsl",
            "",
            "rule \"Calf: back pain -> disc\"",
            "    @id(\"X-2\")",
            "    @source(\"muscle-twitching#CALF-5\")",
            "when",
            "    // a comment is not a sentence",
            "    there is a twitch in the calf",
            "    - it comes with back pain",
            ">   Patient( pregnant )",
            "then",
            "    suggest a disc: \"A disc, perhaps.\"",
            "end",
            "");

    @Test
    @DisplayName("a rule-language file is read through its expansion, with its sentences and DRL lines as written")
    void readsRuleLanguage() {
        DslExpander dsl = DslExpander.of(Map.of("calf.dsl", DSL));

        List<RuleSource> rules = RuleSourceFile.dslr("calf/x.dslr", DSLR, dsl, "calf.dsl").rules();

        assertThat(rules).hasSize(1);
        RuleSource r = rules.get(0);
        assertThat(r.format()).isEqualTo(RuleSource.Format.DSL);
        assertThat(r.location()).isEqualTo("calf/x.dslr:5");
        assertThat(r.id()).isEqualTo("X-2");
        assertThat(r.source()).isEqualTo("muscle-twitching#CALF-5");
        assertThat(r.conclusions()).containsExactly(FindingCode.HERNIATED_DISC_BACK);
        assertThat(r.sentences().when())
                .containsExactly("there is a twitch in the calf", "- it comes with back pain",
                        ">   Patient( pregnant )");
        assertThat(r.sentences().then()).containsExactly("suggest a disc: \"A disc, perhaps.\"");
    }

    @Test
    @DisplayName("a comment right after 'then' does not hide a rule's conclusions")
    void commentAfterThen() {
        DslExpander dsl = DslExpander.of(Map.of("calf.dsl", DSL));
        String commented = DSLR.replace("then\n", "then\n    // why the disc is suggested\n");

        RuleSource r = RuleSourceFile.dslr("calf/x.dslr", commented, dsl, "calf.dsl").rules().get(0);

        assertThat(r.conclusions()).containsExactly(FindingCode.HERNIATED_DISC_BACK);
        assertThat(r.sentences().then()).containsExactly("suggest a disc: \"A disc, perhaps.\"");
    }

    @Test
    @DisplayName("a line the rule language cannot express is a problem on its line; a folder holding it is refused")
    void unknownSentenceIsReported(@TempDir Path root) throws Exception {
        DslExpander dsl = DslExpander.of(Map.of("calf.dsl", DSL));
        String broken = DSLR.replace("- it comes with back pain", "- it comes with a headache");

        assertThat(RuleSourceFile.dslr("calf/x.dslr", broken, dsl, "calf.dsl").problems())
                .extracting(RuleProblem::line, RuleProblem::file).containsExactly(tuple(11, "calf/x.dslr"));
        Files.createDirectories(root.resolve("calf"));
        Files.writeString(root.resolve("calf.dsl"), DSL);
        Files.writeString(root.resolve("calf/x.dslr"), broken);
        assertThatThrownBy(() -> SourceFolder.at(root).rules())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("calf/x.dslr:11").hasMessageContaining("it comes with a headache");
    }

    private static final String TABLE = String.join("\n",
            "RuleSet,org.example.referral",
            "Import,\"org.twitchtriage.model.Conclusion, org.twitchtriage.model.FindingCode\"",
            "",
            "RuleTable Referral",
            "NAME,METADATA,METADATA,CONDITION,ACTION",
            ",,,$t : Twitch,",
            ",\"id(\"\"$param\"\")\",\"source(\"\"$param\"\")\",site == $param,"
                    + "\"insertLogical(Conclusion.referral(FindingCode.$param, Urgency.SOON, $t, \"\"x\"\"));\"",
            "Rule,Id,Passages,Site,Referral",
            "Hand -> doctor,T-1,muscle-twitching#HAND-3,BodySite.HAND,SEE_DOCTOR",
            "Eye -> eye doctor,T-2,muscle-twitching#EYE-3,BodySite.EYE,SEE_EYE_DOCTOR",
            "");


    @Test
    @DisplayName("a decision table is read through the DRL Drools makes of it; a rule's line is its row")
    void readsDecisionTable() {
        List<RuleSource> rules = RuleSourceFile.decisionTable("referral/t.drl.csv",
                TABLE.getBytes(StandardCharsets.UTF_8)).rules();

        assertThat(rules).extracting(RuleSource::id).containsExactly("T-1", "T-2");
        assertThat(rules).extracting(RuleSource::line).containsExactly(9, 10);
        assertThat(rules.get(1).packageName()).isEqualTo("org.example.referral");
        assertThat(rules.get(1).source()).isEqualTo("muscle-twitching#EYE-3");
        assertThat(rules.get(1).conclusions()).containsExactly(FindingCode.SEE_EYE_DOCTOR);
        assertThat(rules.get(1).format()).isEqualTo(RuleSource.Format.DECISION_TABLE);
        assertThat(rules.get(1).sentences()).isNull();
    }

    @Test
    @DisplayName("a folder is read with every kind of rule file, the rule language from its .dsl files")
    void readsATree(@TempDir Path root) throws Exception {
        Files.createDirectories(root.resolve("calf"));
        Files.writeString(root.resolve("calf.dsl"), DSL);
        Files.writeString(root.resolve("calf/a.dslr"), DSLR);
        Files.writeString(root.resolve("calf/b.drl"), DRL);
        Files.writeString(root.resolve("calf/notes.txt"), "rule \"not a rule file\"");

        assertThat(SourceFolder.at(root).rules()).extracting(RuleSource::file, RuleSource::format)
                .containsExactly(tuple("calf/a.dslr", RuleSource.Format.DSL),
                        tuple("calf/b.drl", RuleSource.Format.DRL),
                        tuple("calf/b.drl", RuleSource.Format.DRL));
    }

    @Test
    @DisplayName("each annotation is placed on the line where it is written, also below a joined qualifying line")
    void annotationLines() {
        DslExpander dsl = DslExpander.of(Map.of("calf.dsl", DSL));
        String twoRules = DSLR + DSLR.substring(DSLR.indexOf("rule ")).replace("X-2", "X-3")
                .replace("Calf: back pain -> disc", "Calf: back pain again");

        RuleSourceFile file = RuleSourceFile.dslr("calf/x.dslr", twoRules, dsl, "calf.dsl");
        RuleSource second = file.rules().get(1);

        assertThat(RuleSourceFile.drl("calf/x.drl", DRL).rules().get(0).lineOf(RuleSource.SOURCE)).isEqualTo(5);
        assertThat(second.line()).isEqualTo(16);
        assertThat(second.lineOf(RuleSource.ID)).isEqualTo(17);
        assertThat(second.lineOf(RuleSource.SOURCE)).isEqualTo(18);
        assertThat(second.descr().getLhs().getDescrs()).hasSize(2);
        // the line without an annotation falls back to the rule's line
        assertThat(second.lineOf(RuleSource.EXTENSION)).isEqualTo(16);
        // the condition below the joined qualifying line is on its written line
        assertThat(file.lineOf("Patient( pregnant )")).isEqualTo(12);
    }

    @Test
    @DisplayName("a rule that goes beyond the guideline carries its reason in @extension, beside its other metadata")
    void extensionIsRead() {
        String drl = DRL.replace("    @id(\"X-1\")\n", "    @id(\"X-1\")\n    @extension(\"measured values are not in the guideline\")\n");

        RuleSource r = RuleSourceFile.drl("calf/x.drl", drl).rules().get(0);

        assertThat(r.extension()).isEqualTo("measured values are not in the guideline");
        assertThat(r.lineOf(RuleSource.EXTENSION)).isEqualTo(5);
        assertThat(r.annotations()).extracting(RuleSource.Annotation::name).containsExactly("id", "extension", "source");
        assertThat(RuleSourceFile.drl("calf/x.drl", DRL).rules().get(0).extension()).isNull();
    }

    @Test
    @DisplayName("DRL the parser cannot read has no rules and its errors; a folder holding it is refused, naming it")
    void unparseableDrl(@TempDir Path root) throws Exception {
        String broken = DRL.replace("when\n    $t : Twitch()\n", "when\n    $t : Twitch(\n");

        RuleSourceFile file = RuleSourceFile.drl("calf/x.drl", broken);

        assertThat(file.rules()).isEmpty();
        assertThat(file.parseErrors()).isNotEmpty();
        Files.writeString(root.resolve("x.drl"), broken);
        assertThatThrownBy(() -> SourceFolder.at(root).rules()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("x.drl: the DRL parser cannot read it");
    }

    @Test
    @DisplayName("a DRL line of a decision table maps to the spreadsheet row of its rule")
    void tableLinesMapToRows() {
        RuleSourceFile table = RuleSourceFile.decisionTable("referral/t.drl.csv", TABLE.getBytes(StandardCharsets.UTF_8));
        int secondRuleLine = table.rules().get(1).descr().getLine();

        assertThat(table.fileLine(secondRuleLine + 2)).isEqualTo(10);
        assertThat(table.fileLine(1)).isZero();
    }
}
