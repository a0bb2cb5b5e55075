package org.twitchtriage.authoring.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.twitchtriage.model.FindingCode;

@DisplayName("Reading rule declarations from DRL text")
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
}
