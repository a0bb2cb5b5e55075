package org.twitchtriage.examples.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.twitchtriage.authoring.lint.RuleLinter;
import org.twitchtriage.authoring.source.RuleProblem;
import org.twitchtriage.validation.SafeText;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code twitch-triage lint [DIR]}: checks a rules folder ({@link RuleLinter}) and prints every problem as
 * {@code file:line: message}, or {@code no problems}. Exit code {@value TriageCommand#EXIT_DECIDED} when clean,
 * {@value TriageCommand#EXIT_CHECK_FAILED} when there are problems, {@value TriageCommand#EXIT_INVALID_INPUT} when the
 * folder does not exist.
 */
@Command(name = "lint",
        description = {"Check the rules in a folder: compile errors (with the closest sentences of the rule language "
                + "for a line that is not one), missing or repeated @id, missing @source, cited passages the "
                + "guideline does not have, rules that can never fire, and rules that reassure a twitch other rules "
                + "escalate.",
                "Prints one problem per line as file:line: message, or 'no problems'. Exit 0 when clean, 3 when "
                        + "there are problems."})
public final class LintCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "DIR", arity = "0..1",
            description = "The rules folder (default: " + ProjectFolders.RULES + " of this project).")
    Path folder;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Override
    public Integer call() {
        Path dir = folder == null ? ProjectFolders.find(ProjectFolders.RULES) : folder;
        if (!Files.isDirectory(dir)) {
            throw new CaseFileException("rules folder '" + dir + "' does not exist or is not a folder", List.of());
        }
        List<RuleProblem> problems = RuleLinter.muscleTwitching().lint(dir);
        PrintWriter out = spec.commandLine().getOut();
        RulesOption.shown(dir, problems).forEach(p -> out.println(SafeText.line(String.valueOf(p))));
        if (problems.isEmpty()) {
            out.println("no problems");
        } else {
            out.println(problems.size() + (problems.size() == 1 ? " problem" : " problems") + " in "
                    + SafeText.line(dir.toString()));
        }
        out.flush();
        return problems.isEmpty() ? TriageCommand.EXIT_DECIDED : TriageCommand.EXIT_CHECK_FAILED;
    }
}
