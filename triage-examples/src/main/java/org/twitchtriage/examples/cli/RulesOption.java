package org.twitchtriage.examples.cli;

import java.nio.file.Path;
import java.util.List;
import org.twitchtriage.authoring.folder.RulesFolder;
import org.twitchtriage.authoring.folder.RulesFolderException;
import org.twitchtriage.authoring.lint.RuleLinter;
import org.twitchtriage.authoring.source.RuleProblem;
import org.twitchtriage.engine.TriageEngine;
import org.twitchtriage.engine.TriageEngineException;
import picocli.CommandLine.Option;

/**
 * The {@code --rules DIR} option: decide with the rules of a folder, compiled on the spot, instead of the built
 * knowledge base. For trying an edit to the rules without rebuilding the project.
 */
final class RulesOption {
    @Option(names = "--rules", paramLabel = "DIR",
            description = "Use the rules in this folder (for example triage-rules/src/main/resources), compiled now, "
                    + "instead of the built knowledge base: to try an edit without rebuilding.")
    Path rules;

    /**
     * @param root the root command, which holds the built engine and the way to compile folders
     * @return the engine on the folder when {@code --rules} was given, the built engine otherwise
     * @throws RulesProblemsException when the folder's rules do not compile or their metadata is wrong
     */
    TriageEngine engine(TriageCommand root) {
        if (rules == null) {
            return root.engine();
        }
        try {
            return root.folderEngine(rules);
        } catch (IllegalArgumentException e) {
            throw new CaseFileException(e.getMessage(), List.of());
        } catch (RulesFolderException e) {
            throw new RulesProblemsException("the rules in " + rules + " do not compile:", rules.toString(),
                    shown(rules, e.problems()));
        } catch (TriageEngineException e) {
            List<RuleProblem> metadata = RuleLinter.muscleTwitching().metadata(RulesFolder.at(rules));
            if (metadata.isEmpty()) {
                throw e;
            }
            throw new RulesProblemsException("the rules in " + rules + " lack metadata or cite wrongly:",
                    rules.toString(), shown(rules, metadata));
        }
    }

    /** @return each problem as the user finds the file from the working directory: {@code DIR/file:line: message} */
    static List<String> shown(Path folder, List<RuleProblem> problems) {
        return problems.stream().map(p -> p.file().isEmpty() ? p.message()
                : new RuleProblem(folder.resolve(p.file()).toString(), p.line(), p.message()).toString()).toList();
    }
}
