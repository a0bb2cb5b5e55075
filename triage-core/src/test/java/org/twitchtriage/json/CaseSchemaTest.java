package org.twitchtriage.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.twitchtriage.model.BodySite;
import org.twitchtriage.validation.InvalidRequestException;
import org.twitchtriage.validation.Limits;

/**
 * {@code docs/case.schema.json} is generated from {@link CaseFile}, the records the reader binds: the published file
 * must equal what is generated (run with {@code -Dtwitchtriage.writeSchema=true} to rewrite it), every bundled case
 * is valid under it as checked by a real JSON Schema validator, and documents the reader rejects for their form or
 * their limits are rejected by the schema too.
 */
class CaseSchemaTest {
    private static final Path ROOT = Path.of(System.getProperty("basedir", ".")).resolve("..").normalize();
    private static final Path PUBLISHED = ROOT.resolve("docs/case.schema.json");
    private static final Path CASES = ROOT.resolve("triage-examples/cases");

    private static Schema schema;

    @BeforeAll
    static void loadSchema() throws IOException {
        String generated = JsonSchemaWriter.text(CaseFile.schema());
        if (Boolean.getBoolean("twitchtriage.writeSchema")) {
            Files.writeString(PUBLISHED, generated, StandardCharsets.UTF_8);
        }
        schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                .getSchema(Files.readString(PUBLISHED, StandardCharsets.UTF_8));
    }

    static Stream<Path> bundledCases() throws IOException {
        try (Stream<Path> files = Files.list(CASES)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".json")).sorted().toList().stream();
        }
    }

    @Test
    @DisplayName("the published case schema is exactly the one generated from the reader's records")
    void publishedSchema_equalsGenerated() throws IOException {
        assertThat(Files.readString(PUBLISHED, StandardCharsets.UTF_8))
                .as("docs/case.schema.json is stale: run CaseSchemaTest with -Dtwitchtriage.writeSchema=true")
                .isEqualTo(JsonSchemaWriter.text(CaseFile.schema()));
    }

    @Test
    @DisplayName("codes in the schema are the model's enum constants, so a new code needs no schema edit by hand")
    void codes_comeFromTheModel() {
        JsonNode site = CaseFile.schema().at("/$defs/Twitch/properties/site/enum");

        assertThat(site).extracting(JsonNode::textValue)
                .containsExactly(Stream.of(BodySite.values()).map(Enum::name).toArray(String[]::new));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bundledCases")
    @DisplayName("every bundled case is valid under the schema and is read by the reader")
    void bundledCase_isValid(Path file) throws IOException {
        JsonNode json = StrictJson.parse(Files.readAllBytes(file), "request");

        List<Error> errors = schema.validate(json);

        assertThat(errors).as(file.getFileName().toString()).isEmpty();
        assertThat(new RequestReader().read(file).getTwitches()).isNotEmpty();
    }

    @Test
    @DisplayName("there are bundled cases to check")
    void bundledCases_exist() throws IOException {
        assertThat(bundledCases()).hasSizeGreaterThan(10);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"patient\": {\"reference\": \"r\", \"ageYears\": 40, \"sex\": \"MALE\"}}",
            "{\"patient\": {\"reference\": \"r\", \"ageYears\": 40, \"sex\": \"MALE\", \"colour\": \"red\"},"
                    + " \"twitches\": [{\"id\": \"t1\", \"site\": \"CALF\", \"course\": \"NEW\"}]}",
            "{\"patient\": {\"reference\": \"r\", \"ageYears\": \"40\", \"sex\": \"MALE\"},"
                    + " \"twitches\": [{\"id\": \"t1\", \"site\": \"CALF\", \"course\": \"NEW\"}]}",
            "{\"patient\": {\"reference\": \"r\", \"ageYears\": 40, \"sex\": \"MALE\"},"
                    + " \"twitches\": [{\"id\": \"t1\", \"site\": \"ARMPIT\", \"course\": \"NEW\"}]}",
            "{\"patient\": {\"reference\": \"r\", \"ageYears\": 40, \"sex\": \"MALE\"},"
                    + " \"twitches\": [{\"id\": \"t1\", \"site\": \"CALF\"}]}",
            "{\"patient\": {\"reference\": \"r\", \"ageYears\": 40, \"sex\": \"MALE\", \"circumstances\": [null]},"
                    + " \"twitches\": [{\"id\": \"t1\", \"site\": \"CALF\", \"course\": \"NEW\"}]}",
            "{\"patient\": {\"reference\": \"r\", \"ageYears\": 40.5, \"sex\": \"MALE\"},"
                    + " \"twitches\": [{\"id\": \"t1\", \"site\": \"CALF\", \"course\": \"NEW\"}]}",
            "{\"patient\": {\"reference\": \"r\", \"ageYears\": 40, \"sex\": \"MALE\","
                    + " \"labResults\": [{\"analyte\": \"SODIUM\", \"value\": 140}]},"
                    + " \"twitches\": [{\"id\": \"t1\", \"site\": \"CALF\", \"course\": \"NEW\"}]}",
            "{\"patient\": {\"reference\": \"r\", \"ageYears\": 200, \"sex\": \"MALE\"},"
                    + " \"twitches\": [{\"id\": \"t1\", \"site\": \"CALF\", \"course\": \"NEW\"}]}",
            "{\"patient\": {\"reference\": \"r\", \"ageYears\": 40, \"sex\": \"MALE\"}, \"twitches\": []}",
            "[]"})
    @DisplayName("a document with the wrong form or out of limits is rejected by the schema and by the reader alike")
    void wrongForm_isRejectedByBoth(String json) {
        assertThat(schema.validate(StrictJson.parse(json.getBytes(StandardCharsets.UTF_8), "request")))
                .isNotEmpty();
        assertThatThrownBy(() -> new RequestReader().read(json)).isInstanceOf(InvalidRequestException.class);
    }

    static Stream<String> beyondLimits() {
        String lab = "{\"analyte\": \"SODIUM\", \"value\": 140, \"unit\": \"MMOL_PER_L\"}";
        return Stream.of(
                caseWith("\"r\"", "\"" + "t".repeat(Limits.MAX_ID_LENGTH + 1) + "\"", ""),
                caseWith("\"" + "r".repeat(Limits.MAX_ID_LENGTH + 1) + "\"", "\"t1\"", ""),
                caseWith("\"\"", "\"t1\"", ""),
                caseWith("\"r\"", "\"t1\"", ", \"labResults\": ["
                        + String.join(", ", Collections.nCopies(Limits.MAX_LAB_RESULTS + 1, lab)) + "]"),
                caseWith("\"r\"", "\"t1\"", ", \"labResults\": [" + lab.replace("140",
                        String.valueOf(Limits.DECIMAL_MAGNITUDE_BOUND)) + "]"),
                caseWith("\"r\"", "\"t1\"", ", \"labResults\": [" + lab.replace("140", "0") + "]"));
    }

    private static String caseWith(String reference, String twitchId, String moreOfPatient) {
        return "{\"patient\": {\"reference\": " + reference + ", \"ageYears\": 40, \"sex\": \"MALE\""
                + moreOfPatient + "}, \"twitches\": [{\"id\": " + twitchId
                + ", \"site\": \"CALF\", \"course\": \"NEW\"}]}";
    }

    @ParameterizedTest
    @MethodSource("beyondLimits")
    @DisplayName("the limits of Limits (id length, lab count, value range) are in the schema: both refuse beyond them")
    void beyondLimits_isRejectedByBoth(String json) {
        wrongForm_isRejectedByBoth(json);
    }

    @Test
    @DisplayName("the schema states the limits with the constants of Limits")
    void schema_carriesLimits() {
        JsonNode s = CaseFile.schema();
        assertThat(s.at("/$defs/Twitch/properties/id/maxLength").asInt()).isEqualTo(Limits.MAX_ID_LENGTH);
        assertThat(s.at("/$defs/Patient/properties/reference/maxLength").asInt()).isEqualTo(Limits.MAX_ID_LENGTH);
        assertThat(s.at("/$defs/Patient/properties/labResults/maxItems").asInt()).isEqualTo(Limits.MAX_LAB_RESULTS);
        assertThat(s.at("/properties/twitches/maxItems").asInt()).isEqualTo(Limits.MAX_TWITCHES);
        assertThat(s.at("/$defs/LabResult/properties/value/exclusiveMaximum").asLong())
                .isEqualTo(Limits.DECIMAL_MAGNITUDE_BOUND);
        assertThat(s.at("/$defs/LabResult/properties/value/description").asText())
                .contains(String.valueOf(Limits.MAX_DECIMAL_DIGITS), String.valueOf(Limits.MAX_DECIMAL_PLACES));
    }
}
