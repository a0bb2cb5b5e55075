package org.twitchtriage.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.twitchtriage.engine.TriageEngine;
import org.twitchtriage.json.DecisionWriter;
import org.twitchtriage.json.RequestReader;

/** {@code evaluate} with several case files and folders: every case decided in one run, bad files reported. */
class EvaluateManyCasesTest {
    private static final TriageEngine ENGINE = TriageEngine.create();
    private static final Path CASES = Path.of(System.getProperty("basedir", ".")).resolve("cases");
    private static final String KEY = "test-key-0123456789-0123456789-0123456789";
    private static final List<String> NAMES = List.of("pregnant-calf.json", "whole-body-increasing-paralysis.json",
            "eyelid-stress.json");

    @TempDir
    Path dir;

    private static CliRun run(String... args) {
        return CliRun.of(new TriageCommand(() -> ENGINE)
                .withEnvironment(Map.of(AuditOptions.KEY_VARIABLE, KEY)), args);
    }

    /** Copies the bundled cases into the test folder and adds an invalid one between them (by name order). */
    private Path folderWithOneBadCase() throws IOException {
        for (String name : NAMES) {
            Files.copy(CASES.resolve(name), dir.resolve(name));
        }
        Files.writeString(dir.resolve("m-bad.json"), """
                {"patient": {"reference": "pseudo-ref-7733", "ageYears": 200, "sex": "female"},
                 "twitches": [{"id": "t1", "site": "CALF", "course": "NEW"}]}
                """);
        Files.writeString(dir.resolve("notes.txt"), "not a case");
        return dir;
    }

    @Test
    @DisplayName("several case files: each decision printed under its file name, as a single run prints it")
    void severalFiles_eachDecidedAsAlone() {
        String[] args = NAMES.stream().map(n -> CASES.resolve(n).toString()).toArray(String[]::new);

        CliRun all = run(prepend("evaluate", args));

        assertThat(all.exitCode()).as(all.err()).isZero();
        assertThat(all.err()).isEmpty();
        int previous = -1;
        for (String file : args) {
            CliRun alone = run("evaluate", file);
            assertThat(alone.exitCode()).isZero();
            int at = all.out().indexOf("== " + file + "\n" + alone.out());
            assertThat(at).as("the decision of %s, in order, in%n%s", file, all.out()).isGreaterThan(previous);
            previous = at;
        }
    }

    @Test
    @DisplayName("a folder with a bad case file: the others are decided, the bad one named with its field, exit 2")
    void folderWithBadFile_othersDecided() throws IOException {
        Path folder = folderWithOneBadCase();

        CliRun r = run("evaluate", folder.toString());

        assertThat(r.exitCode()).isEqualTo(TriageCommand.EXIT_INVALID_INPUT);
        for (String name : NAMES) {
            assertThat(r.out()).contains("== " + folder.resolve(name));
        }
        assertThat(r.out()).doesNotContain("m-bad.json").doesNotContain("notes.txt");
        assertThat(r.err()).contains("'" + folder.resolve("m-bad.json") + "'")
                .contains("  patient.ageYears: ")
                .doesNotContain("pseudo-ref-7733")
                .doesNotContain("\tat ");
        assertThat(r.out().split("Highest urgency: ", -1)).hasSize(NAMES.size() + 1);
    }

    @Test
    @DisplayName("--json with a folder: one array, each decision exactly as the engine decides, the bad file listed")
    void jsonFolder_arrayOfCases() throws IOException {
        Path folder = folderWithOneBadCase();

        CliRun r = run("evaluate", "--json", folder.toString());

        assertThat(r.exitCode()).isEqualTo(TriageCommand.EXIT_INVALID_INPUT);
        JsonNode array = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).readTree(r.out());
        assertThat(array.isArray()).isTrue();
        assertThat(array).hasSize(NAMES.size() + 1);
        List<String> order = List.of("eyelid-stress.json", "m-bad.json", "pregnant-calf.json",
                "whole-body-increasing-paralysis.json");
        for (int i = 0; i < order.size(); i++) {
            JsonNode entry = array.get(i);
            Path file = folder.resolve(order.get(i));
            assertThat(entry.get("case").asText()).isEqualTo(file.toString());
            if (order.get(i).equals("m-bad.json")) {
                assertThat(entry.has("decision")).isFalse();
                assertThat(entry.get("invalid").toString()).contains("patient.ageYears");
            } else {
                assertThat(entry.get("decision"))
                        .isEqualTo(new DecisionWriter().toTree(ENGINE.evaluate(new RequestReader().read(file))));
            }
        }
        assertThat(r.out()).doesNotContain("pseudo-ref-7733");
    }

    @Test
    @DisplayName("audited: one audit record per decided case, none for the bad file")
    void audited_oneRecordPerCase() throws IOException {
        Path folder = folderWithOneBadCase();
        Path log = dir.resolve("audit").resolve("decisions.jsonl");

        CliRun r = run("evaluate", "--audit-log", log.toString(), folder.toString());

        assertThat(r.exitCode()).isEqualTo(TriageCommand.EXIT_INVALID_INPUT);
        ObjectMapper mapper = new ObjectMapper();
        List<JsonNode> records = Files.readAllLines(log).stream().map(l -> {
            try {
                return mapper.readTree(l);
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        }).toList();
        assertThat(records).hasSize(NAMES.size());
        assertThat(records).extracting(n -> n.get("sequence").asLong()).containsExactly(1L, 2L, 3L);

        CliRun verify = run("audit", "verify", log.toString());
        assertThat(verify.exitCode()).as(verify.out() + verify.err()).isZero();
    }

    @Test
    @DisplayName("an empty folder is invalid input, naming the folder")
    void emptyFolder_isInvalid() throws IOException {
        Path empty = Files.createDirectory(dir.resolve("empty"));

        CliRun r = run("evaluate", empty.toString(), CASES.resolve("pregnant-calf.json").toString());

        assertThat(r.exitCode()).isEqualTo(TriageCommand.EXIT_INVALID_INPUT);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).contains("'" + empty + "' is a directory with no case files");
    }

    private static String[] prepend(String first, String[] rest) {
        String[] out = new String[rest.length + 1];
        out[0] = first;
        System.arraycopy(rest, 0, out, 1, rest.length);
        return out;
    }
}
