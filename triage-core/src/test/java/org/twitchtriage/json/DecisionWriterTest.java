package org.twitchtriage.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.twitchtriage.engine.FiredRule;
import org.twitchtriage.engine.MatchedFact;
import org.twitchtriage.engine.KnowledgeBaseInfo;
import org.twitchtriage.engine.TriageDecision;
import org.twitchtriage.model.Finding;
import org.twitchtriage.model.FindingCode;
import org.twitchtriage.model.Urgency;
import org.twitchtriage.validation.SafeText;

class DecisionWriterTest {
    private final DecisionWriter writer = new DecisionWriter();

    /** A small decision built by hand: one finding with two reasons, one patient-level finding, two firings. */
    private static TriageDecision decision() {
        Finding referral = Finding.builder()
                .code(FindingCode.SEE_DOCTOR)
                .urgency(Urgency.URGENT)
                .passage("UARM-6").passage("BODY-5")
                .rule("REF-INCREASING").rule("REF-PARALYSIS")
                .twitchId("t1")
                .reason(new Finding.Reason("REF-PARALYSIS", "t1", Urgency.URGENT, "Needs a doctor now.",
                        List.of("UARM-6"), 0))
                .reason(new Finding.Reason("REF-INCREASING", "t1", Urgency.SOON, "It keeps increasing.",
                        List.of("BODY-5"), 0))
                .build();
        Finding reassurance = Finding.builder()
                .code(FindingCode.USUALLY_HARMLESS)
                .urgency(Urgency.ROUTINE)
                .passage("LID-2")
                .rule("LID-REASSURE")
                .reason(new Finding.Reason("LID-REASSURE", null, Urgency.ROUTINE, "Usually settles.",
                        List.of("LID-2"), 1))
                .build();
        return new TriageDecision(List.of(referral, reassurance), Urgency.URGENT,
                List.of(new FiredRule("REF-PARALYSIS", "Referral: paralysis", "org.twitchtriage.rules.referral",
                                List.of("UARM-6"), List.of(new MatchedFact("twitch t1", "calf; course NEW", null))),
                        new FiredRule("LID-REASSURE", "Eyelid: reassure", "org.twitchtriage.rules.eyelid",
                                List.of("LID-2"), List.of())),
                new KnowledgeBaseInfo("org.twitchtriage:triage-rules:0.1.0-SNAPSHOT", "twitch-triage", 27, "ab12"));
    }

    @Test
    @DisplayName("the whole decision is written in the documented field order, byte for byte")
    void writesGoldenText() {
        String expected = """
                {
                  "formatVersion": 1,
                  "notice": "Decision support only, not a diagnosis: a doctor has to confirm or rule out every finding.",
                  "guideline": "muscle-twitching",
                  "knowledgeBase": {
                    "releaseId": "org.twitchtriage:triage-rules:0.1.0-SNAPSHOT",
                    "kieBase": "twitch-triage",
                    "ruleCount": 27,
                    "rulesSha256": "ab12"
                  },
                  "highestUrgency": "URGENT",
                  "findings": [
                    {
                      "code": "SEE_DOCTOR",
                      "kind": "REFERRAL",
                      "urgency": "URGENT",
                      "display": "See a doctor",
                      "explanation": "Needs a doctor now. It keeps increasing.",
                      "passages": [
                        "UARM-6",
                        "BODY-5"
                      ],
                      "rules": [
                        "REF-INCREASING",
                        "REF-PARALYSIS"
                      ],
                      "twitchIds": [
                        "t1"
                      ],
                      "reasons": [
                        {
                          "ruleId": "REF-PARALYSIS",
                          "firing": 0,
                          "twitchId": "t1",
                          "urgency": "URGENT",
                          "explanation": "Needs a doctor now.",
                          "passages": [
                            "UARM-6"
                          ]
                        },
                        {
                          "ruleId": "REF-INCREASING",
                          "firing": 0,
                          "twitchId": "t1",
                          "urgency": "SOON",
                          "explanation": "It keeps increasing.",
                          "passages": [
                            "BODY-5"
                          ]
                        }
                      ]
                    },
                    {
                      "code": "USUALLY_HARMLESS",
                      "kind": "REASSURANCE",
                      "urgency": "ROUTINE",
                      "display": "Usually harmless and passes by itself",
                      "explanation": "Usually settles.",
                      "passages": [
                        "LID-2"
                      ],
                      "rules": [
                        "LID-REASSURE"
                      ],
                      "twitchIds": [],
                      "reasons": [
                        {
                          "ruleId": "LID-REASSURE",
                          "firing": 1,
                          "twitchId": null,
                          "urgency": "ROUTINE",
                          "explanation": "Usually settles.",
                          "passages": [
                            "LID-2"
                          ]
                        }
                      ]
                    }
                  ],
                  "firedRules": [
                    {
                      "id": "REF-PARALYSIS",
                      "name": "Referral: paralysis",
                      "passages": [
                        "UARM-6"
                      ],
                      "matched": [
                        "twitch t1"
                      ],
                      "withdrawn": false
                    },
                    {
                      "id": "LID-REASSURE",
                      "name": "Eyelid: reassure",
                      "passages": [
                        "LID-2"
                      ],
                      "matched": [],
                      "withdrawn": false
                    }
                  ]
                }
                """;

        assertThat(writer.write(decision())).isEqualTo(expected);
    }

    @Test
    @DisplayName("the text parses back into the same tree the writer builds")
    void text_parsesBackToTree() throws IOException {
        JsonNode parsed = new ObjectMapper().readTree(writer.write(decision()));

        assertThat(parsed).isEqualTo(writer.toTree(decision()));
        assertThat(parsed.get("findings")).extracting(f -> f.get("code").asText())
                .containsExactly("SEE_DOCTOR", "USUALLY_HARMLESS");
    }

    @Test
    @DisplayName("writing to a Writer gives the same text as writing to a string")
    void writer_andString_agree() throws IOException {
        StringWriter out = new StringWriter();

        writer.write(decision(), out);

        assertThat(out).hasToString(writer.write(decision()));
    }

    @Test
    @DisplayName("a decision without findings still has every top-level field")
    void emptyDecision_keepsShape() {
        TriageDecision empty = new TriageDecision(List.of(), Urgency.ROUTINE, List.of(),
                new KnowledgeBaseInfo("classpath", "twitch-triage", 0, KnowledgeBaseInfo.UNKNOWN_DIGEST));

        JsonNode tree = writer.toTree(empty);

        assertThat(tree.fieldNames()).toIterable().containsExactly("formatVersion", "notice", "guideline",
                "knowledgeBase", "highestUrgency", "findings", "firedRules");
        assertThat(tree.get("findings").isArray()).isTrue();
        assertThat(tree.get("findings")).isEmpty();
        assertThat(tree.get("highestUrgency").asText()).isEqualTo("ROUTINE");
    }

    @Test
    @DisplayName("control and bidirectional characters from a twitch id are escaped in the JSON, and read back intact")
    void unsafeCharacters_areEscaped() throws IOException {
        String id = "t\u202Eevil\u2066x\u009B2J\u007F\u001B[31m\u200Fé";
        Finding f = Finding.builder().code(FindingCode.SEE_DOCTOR).urgency(Urgency.SOON).passage("UARM-6")
                .rule("R1").twitchId(id)
                .reason(new Finding.Reason("R1", id, Urgency.SOON, "Because.", List.of("UARM-6"), 0)).build();
        TriageDecision d = new TriageDecision(List.of(f), Urgency.SOON,
                List.of(new FiredRule("R1", "Rule \u202Eone", "p", List.of("UARM-6"),
                        List.of(new MatchedFact("twitch " + id, "calf", null)))),
                new KnowledgeBaseInfo("classpath", "twitch-triage", 1, KnowledgeBaseInfo.UNKNOWN_DIGEST));

        String json = writer.write(d);

        assertThat(json.codePoints().filter(c -> c != '\n' && SafeText.isUnsafe(c)))
                .as("no raw control or bidi character in %s", json).isEmpty();
        assertThat(json).contains("t\\u202Eevil\\u2066x\\u009B2J\\u007F\\u001B[31m\\u200Fé")
                .contains("Rule \\u202Eone");
        JsonNode parsed = new ObjectMapper().readTree(json);
        assertThat(parsed.at("/findings/0/twitchIds/0").asText()).isEqualTo(id);
        assertThat(parsed.at("/findings/0/reasons/0/twitchId").asText()).isEqualTo(id);
        assertThat(parsed.at("/firedRules/0/name").asText()).isEqualTo("Rule \u202Eone");
    }
}
