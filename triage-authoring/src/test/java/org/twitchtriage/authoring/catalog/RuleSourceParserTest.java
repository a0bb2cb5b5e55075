package org.twitchtriage.authoring.catalog;

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

@DisplayName("Reading rule declarations from DRL, rule-language files and decision tables")
class RuleSourceParserTest {
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
        List<RuleSource> rules = RuleSourceParser.parse("calf/x.drl", DRL);

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
        RuleSource second = RuleSourceParser.parse("calf/x.drl", DRL).get(1);

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

        assertThat(RuleSourceParser.parse("r.drl", drl).get(0).conclusions()).containsExactly(FindingCode.SEE_DOCTOR);
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

        List<RuleSource> rules = RuleSourceParser.parseDslr("calf/x.dslr", DSLR, dsl);

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

        RuleSource r = RuleSourceParser.parseDslr("calf/x.dslr", commented, dsl).get(0);

        assertThat(r.conclusions()).containsExactly(FindingCode.HERNIATED_DISC_BACK);
        assertThat(r.sentences().then()).containsExactly("suggest a disc: \"A disc, perhaps.\"");
    }

    @Test
    @DisplayName("a line the rule language cannot express is reported with the file")
    void unknownSentenceIsReported() {
        DslExpander dsl = DslExpander.of(Map.of("calf.dsl", DSL));

        assertThatThrownBy(() -> RuleSourceParser.parseDslr("calf/x.dslr",
                DSLR.replace("- it comes with back pain", "- it comes with a headache"), dsl))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("calf/x.dslr").hasMessageContaining("it comes with a headache");
    }

    @Test
    @DisplayName("a decision table is read through the DRL Drools makes of it; a rule's line is its row")
    void readsDecisionTable() {
        String csv = String.join("\n",
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

        List<RuleSource> rules = RuleSourceParser.parseDecisionTable("referral/t.drl.csv",
                csv.getBytes(StandardCharsets.UTF_8));

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

        assertThat(RuleSourceParser.parseTree(root)).extracting(RuleSource::file, RuleSource::format)
                .containsExactly(tuple("calf/a.dslr", RuleSource.Format.DSL),
                        tuple("calf/b.drl", RuleSource.Format.DRL),
                        tuple("calf/b.drl", RuleSource.Format.DRL));
    }
}
