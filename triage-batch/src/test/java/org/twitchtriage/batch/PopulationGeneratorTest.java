package org.twitchtriage.batch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PopulationGeneratorTest {
    static final LocalDate DATE = LocalDate.of(2026, 1, 5);

    @TempDir
    Path temp;

    @Test
    @DisplayName("the same seed gives byte-identical files, another seed other patients")
    void seeded() throws Exception {
        new PopulationGenerator(42, 0.05, DATE).write(temp.resolve("a"), 1500);
        new PopulationGenerator(42, 0.05, DATE).write(temp.resolve("b"), 1500);
        new PopulationGenerator(43, 0.05, DATE).write(temp.resolve("c"), 1500);
        for (String f : List.of("Patient.ndjson", "Condition.ndjson", "Observation.ndjson")) {
            assertThat(Files.readAllBytes(temp.resolve("a").resolve(f))).as(f)
                    .isEqualTo(Files.readAllBytes(temp.resolve("b").resolve(f)));
        }
        assertThat(Files.readString(temp.resolve("c").resolve("Patient.ndjson")))
                .isNotEqualTo(Files.readString(temp.resolve("a").resolve("Patient.ndjson")));
    }

    @Test
    @DisplayName("one Patient per patient, unique ids, resources not in patient order, a realistic mix")
    void mix() throws Exception {
        new PopulationGenerator(1, 0, DATE).write(temp, 2000);
        List<String> patients = Files.readAllLines(temp.resolve("Patient.ndjson"));
        assertThat(patients).hasSize(2000);
        List<String> ids = patients.stream().map(l -> json(l).path("id").asText()).toList();
        assertThat(ids).doesNotHaveDuplicates();
        assertThat(ids).as("not sorted by id").isNotEqualTo(ids.stream().sorted().toList());
        String conditions = Files.readString(temp.resolve("Condition.ndjson"));
        String observations = Files.readString(temp.resolve("Observation.ndjson"));
        assertThat(conditions).contains("\"PARALYSIS\"", "\"WHOLE_BODY\"", "\"EYELID\"", "\"INCREASING\"");
        assertThat(observations).contains("\"LA15173-0\"", "\"2601-3\"", "\"17861-6\"");
        long children = patients.stream().map(PopulationGeneratorTest::json)
                .filter(p -> LocalDate.parse(p.path("birthDate").asText()).isAfter(DATE.minusYears(16))).count();
        assertThat(children).as("children among 2000").isBetween(60L, 200L);
    }

    static JsonNode json(String line) {
        try {
            return RecordDecider.JSON.readTree(line);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
