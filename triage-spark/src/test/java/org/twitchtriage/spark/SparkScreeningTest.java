package org.twitchtriage.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.twitchtriage.batch.BulkExport;
import org.twitchtriage.batch.CaseLines;
import org.twitchtriage.batch.PopulationGenerator;
import org.twitchtriage.batch.RecordSource;
import org.twitchtriage.batch.Screening;
import org.twitchtriage.batch.ScreeningException;
import org.twitchtriage.batch.ScreeningSummary;
import org.twitchtriage.engine.TriageEngine;

/**
 * The Spark job against {@code twitch-triage screen}'s own code ({@link Screening}, in process) on the same input:
 * the same decision and error lines, record by record and byte for byte in the same order, and the same summary.
 * One {@code local[2]} context for the class.
 */
class SparkScreeningTest {
    private static final LocalDate DATE = LocalDate.of(2026, 1, 5);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static JavaSparkContext sc;
    private static TriageEngine engine;

    @TempDir
    static Path temp;

    @BeforeAll
    static void start() {
        sc = new JavaSparkContext(new SparkConf().setMaster("local[2]").setAppName("SparkScreeningTest")
                .set("spark.ui.enabled", "false"));
        engine = TriageEngine.create();
    }

    @AfterAll
    static void stop() {
        if (sc != null) {
            sc.close();
        }
    }

    private static ScreeningSummary screen(RecordSource source, Path input, Path out) throws IOException {
        try (source) {
            return Screening.builder(engine).threads(2).evaluationDate(DATE).build()
                    .run(source, Screening.describe(input), out, false);
        }
    }

    private static ScreeningSummary spark(Path input, SparkScreening.Format format, Path out, int partitions)
            throws IOException {
        return new SparkScreening(sc, DATE, partitions).run(input.toString(), format, out.toString());
    }

    /** The part files of one output folder of the job, concatenated in name order. */
    private static byte[] concatenated(Path folder) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        if (!Files.isDirectory(folder)) {
            return all.toByteArray();
        }
        try (Stream<Path> parts = Files.list(folder)) {
            for (Path p : parts.filter(p -> p.getFileName().toString().startsWith("part-")).sorted().toList()) {
                all.write(Files.readAllBytes(p));
            }
        }
        return all.toByteArray();
    }

    /** Lines keyed by what identifies their record: patient id, or file and line. */
    private static Map<String, String> byRecord(byte[] lines) throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        for (String line : new String(lines, StandardCharsets.UTF_8).split("\n")) {
            if (line.isEmpty()) {
                continue;
            }
            JsonNode n = JSON.readTree(line);
            String key = n.has("patient") ? "patient " + n.get("patient").asText()
                    : n.path("file").asText("") + " line " + n.path("line").asLong();
            assertThat(out.put(key, line)).as("a second line for %s", key).isNull();
        }
        return out;
    }

    private static void assertSameOutputs(Path screened, Path sparked, ScreeningSummary one, ScreeningSummary other)
            throws IOException {
        for (String[] pair : new String[][] {{Screening.DECISIONS, SparkScreening.DECISIONS},
                {Screening.ERRORS, SparkScreening.ERRORS}}) {
            byte[] expected = Files.readAllBytes(screened.resolve(pair[0]));
            byte[] actual = concatenated(sparked.resolve(pair[1]));
            assertThat(byRecord(actual)).as("%s, record by record", pair[1]).isEqualTo(byRecord(expected));
            assertThat(actual).as("%s, in screen's order, byte for byte", pair[1]).isEqualTo(expected);
        }
        assertThat(other.toJson()).as("summary").isEqualTo(one.toJson());
        assertThat(Files.readString(sparked.resolve(SparkScreening.SUMMARY)))
                .isEqualTo(Files.readString(screened.resolve(Screening.SUMMARY)));
    }

    @Test
    @DisplayName("a synthetic Bulk export of 2,000 patients with bad records: Spark decides every patient as screen "
            + "does, and the knowledge base is loaded once in the executor's JVM")
    void bulkExport_sameDecisionsAsScreen() throws IOException {
        Path export = temp.resolve("export");
        new PopulationGenerator(11, 0.05, DATE).write(export, 2_000);

        ScreeningSummary one = screen(BulkExport.open(export, BulkExport.DEFAULT_SORT_BUDGET), export,
                temp.resolve("screened"));
        ScreeningSummary other = spark(export, SparkScreening.Format.NDJSON, temp.resolve("sparked"), 3);

        assertThat(one.decided()).isGreaterThan(1_500);
        assertThat(one.errors()).as("records with errors (bad rate 5 %%)").isGreaterThan(20);
        assertSameOutputs(temp.resolve("screened"), temp.resolve("sparked"), one, other);
        try (Stream<Path> parts = Files.list(temp.resolve("sparked").resolve(SparkScreening.DECISIONS))) {
            assertThat(parts.filter(p -> p.getFileName().toString().startsWith("part-")))
                    .as("decision parts (the job ran in several partitions)").hasSizeGreaterThan(1);
        }
        assertThat(ExecutorKnowledgeBase.loads()).as("knowledge base loads in this JVM").isEqualTo(1);
    }

    @Test
    @DisplayName("JSON Lines of the bundled cases, with a blank line, CRLF ends, an invalid case and a line that is "
            + "not JSON: the same decision and error lines as screen")
    void caseLines_sameDecisionsAsScreen() throws IOException {
        List<String> lines = new ArrayList<>();
        try (Stream<Path> s = Files.list(Path.of("../triage-examples/cases"))) {
            for (Path c : s.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
                lines.add(JSON.readTree(Files.readString(c)).toString());
            }
        }
        assertThat(lines).hasSizeGreaterThan(20);
        lines.add(2, "");
        lines.add(5, "{\"patient\": {\"reference\": \"secret-ref\", \"ageYears\": 31, \"sex\": \"FEMALE\"}, "
                + "\"twitches\": [{\"id\": \"t1\", \"site\": \"ELBOW\", \"course\": \"NEW\"}]}");
        lines.add(9, "not json");
        lines.set(12, lines.get(12) + "\r");
        Path file = temp.resolve("cases.jsonl");
        Files.writeString(file, String.join("\n", lines), StandardCharsets.UTF_8);

        ScreeningSummary one = screen(CaseLines.open(file), file, temp.resolve("cases-screened"));
        ScreeningSummary other = spark(file, SparkScreening.Format.JSONL, temp.resolve("cases-sparked"), 0);

        assertThat(one.errors()).isEqualTo(2);
        assertSameOutputs(temp.resolve("cases-screened"), temp.resolve("cases-sparked"), one, other);
        assertThat(Files.readString(temp.resolve("cases-sparked").resolve(SparkScreening.SUMMARY)))
                .doesNotContain("secret-ref");
    }

    @Test
    @DisplayName("an output folder that exists, an input of the wrong kind, or a file Hadoop would skip is refused "
            + "with a message")
    void existingOutput_orWrongInput_refused() throws IOException {
        Path file = temp.resolve("one.jsonl");
        Files.writeString(file, "{}\n");
        Files.createDirectories(temp.resolve("taken"));

        assertThatThrownBy(() -> spark(file, SparkScreening.Format.JSONL, temp.resolve("taken"), 0))
                .isInstanceOf(ScreeningException.class).hasMessageContaining("exists already");
        assertThatThrownBy(() -> spark(file, SparkScreening.Format.NDJSON, temp.resolve("new"), 0))
                .isInstanceOf(ScreeningException.class).hasMessageContaining("a Bulk export is a folder");
        assertThatThrownBy(() -> spark(temp.resolve("missing"), SparkScreening.Format.JSONL, temp.resolve("new"), 0))
                .isInstanceOf(ScreeningException.class).hasMessageContaining("does not exist");
        Path export = Files.createDirectories(temp.resolve("hidden-export"));
        Files.writeString(export.resolve("Patient.ndjson"), "{\"resourceType\": \"Patient\", \"id\": \"p1\"}\n");
        Files.writeString(export.resolve("_Condition.ndjson"), "\n");
        assertThatThrownBy(() -> spark(export, SparkScreening.Format.NDJSON, temp.resolve("new"), 0))
                .isInstanceOf(ScreeningException.class).hasMessageContaining("_Condition.ndjson")
                .hasMessageContaining("rename it");
    }
}
