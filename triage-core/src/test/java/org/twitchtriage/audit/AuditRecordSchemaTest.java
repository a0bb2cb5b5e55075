package org.twitchtriage.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.twitchtriage.audit.AuditFixtures.audited;
import static org.twitchtriage.audit.AuditFixtures.engineV1;
import static org.twitchtriage.audit.AuditFixtures.parse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.twitchtriage.engine.DrlFixtures;
import org.twitchtriage.model.Analyte;
import org.twitchtriage.model.BodySite;
import org.twitchtriage.model.Circumstance;
import org.twitchtriage.model.Course;
import org.twitchtriage.model.FindingKind;
import org.twitchtriage.model.LabResult;
import org.twitchtriage.model.LabUnit;
import org.twitchtriage.model.Patient;
import org.twitchtriage.model.SelfCare;
import org.twitchtriage.model.Sex;
import org.twitchtriage.model.Symptom;
import org.twitchtriage.model.TriageRequest;
import org.twitchtriage.model.Twitch;
import org.twitchtriage.model.Urgency;
import org.twitchtriage.model.Visibility;

/**
 * {@code docs/audit-record.schema.json} describes the lines the sink really writes: every required property is
 * present, no line has a property the schema does not define, and every defined property occurs in some line. A
 * small structural checker (type, enum, const, pattern, required, properties, items, $ref, anyOf) stands in for a
 * full JSON Schema validator.
 */
class AuditRecordSchemaTest {
    private static final Path SCHEMA = Path.of(System.getProperty("basedir", "."))
            .resolve("../docs/audit-record.schema.json").normalize();

    @TempDir
    static Path dir;

    private static JsonNode schema;
    private static List<String> lines;

    @BeforeAll
    static void writeOneLineOfEachKind() throws IOException {
        schema = new ObjectMapper().readTree(SCHEMA.toFile());
        Path log = dir.resolve("audit.jsonl");
        TriageRequest everything = TriageRequest.builder()
                .patient(Patient.builder().reference("ref-schema").ageYears(33).sex(Sex.MALE)
                        .circumstance(Circumstance.STRESS)
                        .labResult(LabResult.builder().analyte(Analyte.MAGNESIUM).value(new BigDecimal("0.70"))
                                .unit(LabUnit.MMOL_PER_L).build())
                        .build())
                .twitch(Twitch.builder().id("t1").site(BodySite.CALF).visibility(Visibility.UNDER_SKIN)
                        .course(Course.INCREASING).beforeSleep(true).durationDays(12)
                        .selfCare(SelfCare.NO_IMPROVEMENT).symptom(Symptom.PARALYSIS).build())
                .build();
        try (JsonLinesAuditSink sink = JsonLinesAuditSink.open(log, JsonLinesAuditSink.Durability.FLUSH, AuditFixtures.KEY)) {
            AuditedTriageEngine capturing = audited(engineV1()).sink(sink).captureInput(true).build();
            capturing.evaluate(everything);
            audited(engineV1()).sink(sink).build().evaluate(AuditFixtures.eyelid());
            TriageRequest noPatient = TriageRequest.builder().twitch(Twitch.builder().id("t1").build()).build();
            assertThatThrownBy(() -> capturing.evaluate(noPatient)).isInstanceOf(RuntimeException.class);
            assertThatThrownBy(() -> capturing.evaluate(null)).isInstanceOf(RuntimeException.class);
            AuditedTriageEngine looping = audited(DrlFixtures.engine(20, "loop.drl")).sink(sink).build();
            assertThatThrownBy(() -> looping.evaluate(AuditFixtures.calf())).isInstanceOf(RuntimeException.class);
        }
        lines = AuditFixtures.lines(log);
        assertThat(lines).extracting(l -> parse(l).get("outcome").asText())
                .containsExactly("DECIDED", "DECIDED", "REJECTED", "REJECTED", "FAILED");
    }

    /** Checks instances against the schema and remembers which defined properties were seen. */
    private static final class Checker {
        final List<String> problems = new ArrayList<>();
        final Set<String> defined = new TreeSet<>();
        final Set<String> seen = new TreeSet<>();

        void check(JsonNode s, JsonNode node, String schemaPath, String path) {
            if (s.has("$ref")) {
                String ref = s.get("$ref").asText();
                check(schema.at(ref.substring(1)), node, ref, path);
                return;
            }
            if (s.has("anyOf")) {
                List<String> failures = new ArrayList<>();
                for (int i = 0; i < s.get("anyOf").size(); i++) {
                    Checker alternative = new Checker();
                    alternative.check(s.get("anyOf").get(i), node, schemaPath + "/anyOf/" + i, path);
                    if (alternative.problems.isEmpty()) {
                        seen.addAll(alternative.seen);
                        return;
                    }
                    failures.addAll(alternative.problems);
                }
                problems.add(path + ": matches no alternative: " + failures);
                return;
            }
            if (s.has("type") && !typeMatches(s.get("type"), node)) {
                problems.add(path + ": " + node.getNodeType() + " where " + s.get("type") + " is allowed");
                return;
            }
            if (s.has("const") && !s.get("const").equals(node)) {
                problems.add(path + ": " + node + " is not " + s.get("const"));
            }
            if (s.has("enum") && StreamSupport.stream(s.get("enum").spliterator(), false).noneMatch(node::equals)) {
                problems.add(path + ": " + node + " is not one of " + s.get("enum"));
            }
            if (s.has("pattern") && node.isTextual()
                    && !Pattern.compile(s.get("pattern").asText()).matcher(node.asText()).find()) {
                problems.add(path + ": '" + node.asText() + "' does not match " + s.get("pattern"));
            }
            if (node.isObject()) {
                JsonNode properties = s.path("properties");
                s.path("required").forEach(r -> {
                    if (!node.has(r.asText())) {
                        problems.add(path + ": required property " + r.asText() + " is missing");
                    }
                });
                for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
                    String name = it.next();
                    if (!properties.has(name)) {
                        problems.add(path + ": property " + name + " is not defined by the schema");
                    } else {
                        seen.add(schemaPath + "/" + name);
                        check(properties.get(name), node.get(name), schemaPath + "/" + name, path + "." + name);
                    }
                }
            }
            if (node.isArray() && s.has("items")) {
                for (int i = 0; i < node.size(); i++) {
                    check(s.get("items"), node.get(i), schemaPath + "[]", path + "[" + i + "]");
                }
            }
        }

        /** Collects every property the schema defines, under the same names {@link #check} records. */
        void define(JsonNode s, String schemaPath) {
            s.path("properties").properties().forEach(p -> {
                defined.add(schemaPath + "/" + p.getKey());
                define(p.getValue(), schemaPath + "/" + p.getKey());
            });
            if (s.has("items") && !s.get("items").has("$ref")) {
                define(s.get("items"), schemaPath + "[]");
            }
        }

        private static boolean typeMatches(JsonNode type, JsonNode node) {
            List<String> types = new ArrayList<>();
            if (type.isArray()) {
                type.forEach(t -> types.add(t.asText()));
            } else {
                types.add(type.asText());
            }
            return types.stream().anyMatch(t -> switch (t) {
                case "null" -> node.isNull();
                case "string" -> node.isTextual();
                case "integer" -> node.isIntegralNumber();
                case "number" -> node.isNumber();
                case "boolean" -> node.isBoolean();
                case "object" -> node.isObject();
                case "array" -> node.isArray();
                default -> throw new AssertionError("unknown type " + t);
            });
        }
    }

    @Test
    @DisplayName("the schema is draft 2020-12, for format version 1, and closed: every object lists its properties")
    void schema_isClosedDraft202012() {
        assertThat(schema.get("$schema").asText()).isEqualTo("https://json-schema.org/draft/2020-12/schema");
        assertThat(schema.at("/properties/formatVersion/const").asText()).isEqualTo(AuditRecord.FORMAT_VERSION);
        List<String> open = new ArrayList<>();
        collectOpenObjects(schema, "#", open);
        assertThat(open).as("object schemas without additionalProperties: false").isEmpty();
    }

    private static void collectOpenObjects(JsonNode s, String path, List<String> open) {
        if (s.isObject()) {
            if ("object".equals(s.path("type").asText()) && !s.path("additionalProperties").isBoolean()) {
                open.add(path);
            }
            s.properties().forEach(e -> collectOpenObjects(e.getValue(), path + "/" + e.getKey(), open));
        } else if (s.isArray()) {
            for (int i = 0; i < s.size(); i++) {
                collectOpenObjects(s.get(i), path + "/" + i, open);
            }
        }
    }

    @Test
    @DisplayName("the outcome, urgency and kind values the schema allows are exactly the library's")
    void schemaEnums_matchTheJavaEnums() {
        assertThat(texts(schema.at("/properties/outcome/enum")))
                .containsExactlyElementsOf(names(Outcome.values()));
        assertThat(texts(schema.at("/$defs/finding/properties/urgency/enum")))
                .containsExactlyElementsOf(names(Urgency.values()));
        assertThat(texts(schema.at("/$defs/finding/properties/kind/enum")))
                .containsExactlyElementsOf(names(FindingKind.values()));
    }

    private static List<String> texts(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
    }

    private static List<String> names(Enum<?>[] values) {
        return Arrays.stream(values).map(Enum::name).toList();
    }

    @Test
    @DisplayName("every written line, whatever its outcome, has each required property and none the schema lacks")
    void writtenLines_conformToTheSchema() {
        Checker checker = new Checker();
        for (int i = 0; i < lines.size(); i++) {
            checker.check(schema, parse(lines.get(i)), "#", "line " + (i + 1));
        }

        assertThat(checker.problems).isEmpty();
    }

    @Test
    @DisplayName("every property the schema defines occurs in some written line: the schema describes nothing extra")
    void schemaProperties_allOccurInWrittenLines() {
        Checker checker = new Checker();
        checker.define(schema, "#");
        schema.get("$defs").properties().forEach(d -> checker.define(d.getValue(), "#/$defs/" + d.getKey()));
        for (String line : lines) {
            checker.check(schema, parse(line), "#", "line");
        }

        assertThat(checker.defined).isNotEmpty();
        assertThat(checker.seen).as("the properties written, against those defined")
                .containsExactlyElementsOf(checker.defined);
    }

    @Test
    @DisplayName("the checker itself finds a missing required property and an undefined one")
    void checker_findsProblems() {
        ObjectNode line = parse(lines.get(0));
        line.remove("hash");
        line.put("patientReference", "ref-schema");
        Checker checker = new Checker();

        checker.check(schema, line, "#", "line");

        assertThat(checker.problems).containsExactlyInAnyOrder(
                "line: required property hash is missing",
                "line: property patientReference is not defined by the schema");
    }
}
