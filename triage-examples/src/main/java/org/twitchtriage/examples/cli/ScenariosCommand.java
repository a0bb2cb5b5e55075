package org.twitchtriage.examples.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import org.twitchtriage.engine.TriageEngine;
import org.twitchtriage.engine.TriageEngineException;
import org.twitchtriage.testkit.InvalidScenarioException;
import org.twitchtriage.testkit.Scenario;
import org.twitchtriage.testkit.ScenarioReader;
import org.twitchtriage.testkit.Scenarios;
import org.twitchtriage.validation.SafeText;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code twitch-triage scenarios [--rules DIR] [FOLDER]}: decides every scenario file below a folder (format:
 * {@code docs/scenarios.md}) and prints {@code PASS} or {@code FAIL} for each, with the differences of a failing one
 * in the words of the scenario tests ({@link Scenarios#differences(Scenario, TriageEngine)}). Exit code
 * {@value TriageCommand#EXIT_DECIDED} when all pass, {@value TriageCommand#EXIT_CHECK_FAILED} when one fails,
 * {@value TriageCommand#EXIT_INVALID_INPUT} when the folder holds no scenario. Scenario files are written by the
 * project, so their patient references are test pseudonyms; none is printed anyway.
 */
@Command(name = "scenarios",
        description = {"Decide every scenario file (*.scenario.json, docs/scenarios.md) below a folder and print PASS "
                + "or FAIL for each, with the differences of each failing one.",
                "Exit 0 when all pass, 3 when a scenario fails."})
public final class ScenariosCommand extends Subcommand {
    @Parameters(paramLabel = "FOLDER", arity = "0..1",
            description = "The scenario folder (default: " + ProjectFolders.SCENARIOS + " of this project).")
    Path folder;

    @Mixin
    RulesOption rules = new RulesOption();

    @Override
    public Integer call() {
        Path dir = folder == null ? ProjectFolders.find(ProjectFolders.SCENARIOS) : folder;
        List<Path> files;
        try {
            files = Scenarios.find(dir);
        } catch (IllegalArgumentException e) {
            throw new CaseFileException(e.getMessage(), List.of());
        }
        TriageEngine engine = rules.engine(root);
        ScenarioReader reader = new ScenarioReader();
        PrintWriter out = spec.commandLine().getOut();
        int failed = 0;
        for (Path file : files) {
            List<String> problems;
            String description;
            try {
                Scenario scenario = reader.read(file);
                description = scenario.description();
                problems = Scenarios.differences(scenario, engine);
            } catch (InvalidScenarioException e) {
                description = "(invalid scenario file)";
                problems = e.getViolations().stream().map(Object::toString).toList();
            } catch (IOException e) {
                description = "(unreadable scenario file)";
                problems = List.of(e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " " + e.getMessage()));
            } catch (TriageEngineException e) {
                description = "(the rules failed on it)";
                problems = List.of(e.getMessage().lines().findFirst().orElse(""));
            }
            out.println((problems.isEmpty() ? "PASS  " : "FAIL  ") + SafeText.line(file + "  " + description));
            problems.forEach(p -> out.println("        - " + SafeText.line(String.valueOf(p))));
            failed += problems.isEmpty() ? 0 : 1;
        }
        out.println();
        out.println(files.size() + " scenarios: " + (files.size() - failed) + " passed, " + failed + " failed ("
                + "rules " + engine.knowledgeBase().releaseId() + ").");
        out.flush();
        return failed == 0 ? TriageCommand.EXIT_DECIDED : TriageCommand.EXIT_CHECK_FAILED;
    }
}
