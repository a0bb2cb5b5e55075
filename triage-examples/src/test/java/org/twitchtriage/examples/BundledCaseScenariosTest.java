package org.twitchtriage.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.twitchtriage.testkit.Scenarios;

/**
 * Every bundled case file in {@code triage-examples/cases/} is named by the {@code "case"} field of at least one
 * scenario file in {@code triage-examples/scenarios/}, so that each bundled case carries a clinician's statement of
 * the decision the guideline asks for, not only its golden file (which records what the rules happen to decide).
 */
class BundledCaseScenariosTest {
    /** Surefire runs the tests in the module folder and names it in {@code basedir}. */
    private static final Path MODULE = Path.of(System.getProperty("basedir", "."));
    private static final Path CASES = MODULE.resolve("cases");
    private static final Path SCENARIOS = MODULE.resolve("scenarios");

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * @param caseFolder     the folder of case files ({@code *.json} directly in it; sub-folders are not cases)
     * @param scenarioFolder the folder searched for scenario files, at any depth
     * @return the file names of the case files that no scenario names in its {@code "case"} field, sorted
     */
    static List<String> casesWithoutScenario(Path caseFolder, Path scenarioFolder) {
        Set<Path> referenced = referencedCaseFiles(scenarioFolder);
        return caseFiles(caseFolder).stream()
                .filter(file -> !referenced.contains(canonical(file)))
                .map(file -> file.getFileName().toString())
                .sorted()
                .toList();
    }

    /** @return the case files directly in the folder */
    private static List<Path> caseFiles(Path caseFolder) {
        try (Stream<Path> files = Files.list(caseFolder)) {
            return files.filter(Files::isRegularFile)
                    .filter(file -> file.getFileName().toString().endsWith(".json"))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the case files in " + caseFolder.toAbsolutePath(), e);
        }
    }

    /**
     * Reads only the {@code "case"} field of each scenario file and resolves it against the file's folder, as the
     * scenario reader does. Whether the rest of a file is valid is for the scenario test to judge.
     *
     * @return the case files the scenarios name, as absolute normalised paths
     */
    private static Set<Path> referencedCaseFiles(Path scenarioFolder) {
        Set<Path> referenced = new LinkedHashSet<>();
        for (Path scenario : Scenarios.find(scenarioFolder)) {
            JsonNode root;
            try {
                root = JSON.readTree(scenario.toFile());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the scenario file " + scenario, e);
            }
            JsonNode caseName = root == null ? null : root.get("case");
            if (caseName != null && caseName.isTextual() && !caseName.textValue().isBlank()) {
                referenced.add(canonical(scenario.getParent().resolve(caseName.textValue().strip())));
            }
        }
        return referenced;
    }

    private static Path canonical(Path file) {
        return file.toAbsolutePath().normalize();
    }

    @Test
    @DisplayName("every bundled case file is the case of at least one scenario file")
    void everyBundledCase_isNamedByAScenario() {
        assertThat(casesWithoutScenario(CASES, SCENARIOS))
                .as("bundled cases in %s that no scenario names in its \"case\" field; add"
                        + " scenarios/bundled/<case name>.scenario.json with \"case\": \"../../cases/<case name>.json\""
                        + " and the decision the guideline asks for (docs/scenarios.md)", CASES.toAbsolutePath())
                .isEmpty();
    }

    @Test
    @DisplayName("the check names a case without a scenario and counts cases named from any folder depth")
    void check_namesCasesWithoutScenario(@TempDir Path dir) throws IOException {
        Path cases = Files.createDirectories(dir.resolve("cases"));
        Files.createDirectories(cases.resolve("expected"));
        Files.writeString(cases.resolve("expected").resolve("golden.decision.json"), "{}");
        for (String name : List.of("calf.json", "eyelid.json", "hand.json", "knee.json")) {
            Files.writeString(cases.resolve(name), "{}");
        }
        Files.writeString(cases.resolve("README.md"), "# not a case");
        Path scenarios = Files.createDirectories(dir.resolve("scenarios").resolve("bundled"));
        Files.writeString(scenarios.resolve("calf.scenario.json"), "{\"case\": \"../../cases/calf.json\"}");
        Files.writeString(scenarios.resolve("eyelid.scenario.json"),
                "{\"case\": \"../../cases/sub/../eyelid.json\", \"expected\": {}}");
        Files.writeString(scenarios.getParent().resolve("knee-inline.scenario.json"),
                "{\"input\": {\"patient\": {}}, \"notes\": \"cases/knee.json is mentioned, not named\"}");
        Files.writeString(scenarios.getParent().resolve("hand-elsewhere.scenario.json"),
                "{\"case\": \"../elsewhere/hand.json\"}");
        Files.writeString(scenarios.resolve("not-a-scenario.json"), "{\"case\": \"../../cases/knee.json\"}");

        assertThat(casesWithoutScenario(cases, dir.resolve("scenarios"))).containsExactly("hand.json", "knee.json");
    }

    @Test
    @DisplayName("the check fails on a scenario file that is not JSON, naming the file")
    void check_failsOnUnreadableScenario(@TempDir Path dir) throws IOException {
        Path cases = Files.createDirectories(dir.resolve("cases"));
        Files.writeString(cases.resolve("calf.json"), "{}");
        Path scenarios = Files.createDirectories(dir.resolve("scenarios"));
        Path broken = Files.writeString(scenarios.resolve("broken.scenario.json"), "{\"case\": ");

        assertThatThrownBy(() -> casesWithoutScenario(cases, scenarios))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining(broken.toString());
    }
}
