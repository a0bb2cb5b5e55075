package org.twitchtriage.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.twitchtriage.engine.TriageDecision;
import org.twitchtriage.engine.TriageEngine;

/**
 * Runs scenario files as decision tests. A project keeps its scenarios in a folder and writes one test method:
 *
 * <pre>{@code
 * private static final TriageEngine ENGINE = TriageEngine.create();
 *
 * @TestFactory
 * Stream<DynamicTest> scenarios() {
 *     return Scenarios.from(Path.of("scenarios"), ENGINE);
 * }
 * }</pre>
 *
 * <p>Each {@code *.scenario.json} file below the folder (at any depth, in path order) becomes one dynamic test,
 * named by its description, whose source is the file. A scenario whose decision differs fails with an
 * {@link AssertionError} that names the file and lists every difference, then the whole decision. A file that cannot
 * be read fails its test with an {@link InvalidScenarioException} naming the file and each bad field; it is never
 * skipped. The format is described in {@code docs/scenarios.md}.
 *
 * <p>Stateless and thread-safe.
 */
public final class Scenarios {
    private Scenarios() {
    }

    /**
     * @param folder the folder to search; a relative path resolves against the working directory, which in a Maven
     *               test is the module's folder
     * @param engine the engine to decide every scenario with
     * @return one dynamic test per scenario file
     * @throws IllegalArgumentException when the folder does not exist or holds no scenario file (almost always a
     *                                  wrong path, which must not pass as "no scenario failed")
     * @throws UncheckedIOException     when the folder cannot be searched
     */
    public static Stream<DynamicTest> from(Path folder, TriageEngine engine) {
        Objects.requireNonNull(engine, "engine");
        ScenarioReader reader = new ScenarioReader();
        return find(folder).stream().map(file -> test(file, reader, engine));
    }

    /**
     * @param folder the folder to search
     * @return every {@code *.scenario.json} file below the folder, in path order
     * @throws IllegalArgumentException when the folder does not exist or holds no scenario file
     * @throws UncheckedIOException     when the folder cannot be searched
     */
    public static List<Path> find(Path folder) {
        Objects.requireNonNull(folder, "folder");
        if (!Files.isDirectory(folder)) {
            throw new IllegalArgumentException("no scenario folder " + folder + " (looked for "
                    + folder.toAbsolutePath().normalize() + "; a relative path resolves against the working"
                    + " directory, which in a Maven test is the module's folder)");
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(folder)) {
            files = walk.filter(Files::isRegularFile)
                    .filter(p -> p.getFileName().toString().endsWith(ScenarioReader.FILE_SUFFIX))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot search the scenario folder " + folder, e);
        }
        if (files.isEmpty()) {
            throw new IllegalArgumentException("no scenario files (*" + ScenarioReader.FILE_SUFFIX + ") below "
                    + folder.toAbsolutePath().normalize());
        }
        return files;
    }

    /**
     * Reads every scenario below a folder, for tests that do more with them than decide them (auditing them at their
     * {@link Scenario#evaluationTime()}, for example).
     *
     * @param folder the folder to search
     * @return the scenarios, in path order
     * @throws IOException              when a file cannot be read
     * @throws InvalidScenarioException for the first file that is not a valid scenario
     * @throws IllegalArgumentException when the folder does not exist or holds no scenario file
     */
    public static List<Scenario> load(Path folder) throws IOException {
        ScenarioReader reader = new ScenarioReader();
        List<Scenario> scenarios = new ArrayList<>();
        for (Path file : find(folder)) {
            scenarios.add(reader.read(file));
        }
        return scenarios;
    }

    /**
     * Decides a scenario and checks the decision against its expectation.
     *
     * @param scenario the scenario
     * @param engine   the engine to decide it with
     * @return the decision, when it matches
     * @throws AssertionError naming the scenario file and listing every difference, then the whole decision
     */
    public static TriageDecision verify(Scenario scenario, TriageEngine engine) {
        Objects.requireNonNull(scenario, "scenario");
        Objects.requireNonNull(engine, "engine");
        TriageDecision decision = engine.evaluate(scenario.request());
        List<String> differences = differences(scenario, decision, engine);
        if (!differences.isEmpty()) {
            String nl = System.lineSeparator();
            throw new AssertionError("Scenario " + scenario.file() + " (\"" + scenario.description()
                    + "\") does not match the decision (" + differences.size() + " difference"
                    + (differences.size() == 1 ? "" : "s") + "):" + nl
                    + differences.stream().map(d -> "  - " + d).collect(Collectors.joining(nl)) + nl
                    + DecisionText.decision(decision));
        }
        return decision;
    }

    /**
     * @param scenario the scenario
     * @param decision a decision on the scenario's request
     * @return one sentence per difference between the decision and the scenario's expectation; empty when it matches
     */
    public static List<String> differences(Scenario scenario, TriageDecision decision) {
        Objects.requireNonNull(scenario, "scenario");
        Objects.requireNonNull(decision, "decision");
        return ScenarioComparison.differences(scenario.expected(), decision, Set.of());
    }

    /**
     * Decides a scenario and compares the decision with its expectation, for tools that report instead of failing
     * (such as the {@code scenarios} command of the command line). A rule id the engine's knowledge base does not
     * have is marked in the differences.
     *
     * @param scenario the scenario
     * @param engine   the engine to decide it with
     * @return one sentence per difference; empty when the decision matches
     */
    public static List<String> differences(Scenario scenario, TriageEngine engine) {
        Objects.requireNonNull(scenario, "scenario");
        Objects.requireNonNull(engine, "engine");
        return differences(scenario, engine.evaluate(scenario.request()), engine);
    }

    private static List<String> differences(Scenario scenario, TriageDecision decision, TriageEngine engine) {
        Set<String> known = engine.rules().stream().map(rule -> rule.id()).collect(Collectors.toSet());
        return ScenarioComparison.differences(scenario.expected(), decision, known);
    }

    private static DynamicTest test(Path file, ScenarioReader reader, TriageEngine engine) {
        Scenario scenario;
        try {
            scenario = reader.read(file);
        } catch (InvalidScenarioException e) {
            return DynamicTest.dynamicTest(file.getFileName() + " (invalid scenario file)", file.toUri(), () -> {
                throw e;
            });
        } catch (IOException e) {
            UncheckedIOException failure = new UncheckedIOException("cannot read scenario file " + file, e);
            return DynamicTest.dynamicTest(file.getFileName() + " (unreadable scenario file)", file.toUri(), () -> {
                throw failure;
            });
        }
        return DynamicTest.dynamicTest(scenario.description(), file.toUri(), () -> verify(scenario, engine));
    }
}
