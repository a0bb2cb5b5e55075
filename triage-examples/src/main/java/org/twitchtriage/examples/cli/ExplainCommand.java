package org.twitchtriage.examples.cli;

import java.io.PrintWriter;
import org.twitchtriage.audit.Explanation;
import org.twitchtriage.guideline.Guideline;
import org.twitchtriage.model.TriageRequest;
import org.twitchtriage.validation.SafeText;
import picocli.CommandLine.Command;

/**
 * {@code twitch-triage explain CASE.json}: evaluates a case and prints, for every finding, the chain from the rules
 * that concluded it through the facts they matched (down to the input facts) to the guideline passages they cite.
 * The input facts of the case (such as age) are printed because the user asked for this case; the patient reference
 * never is. With {@code --rules DIR} the rules of that folder decide, compiled on the spot.
 */
@Command(name = "explain",
        description = "Evaluate one case file and explain every finding: rule -> matched facts -> guideline passages.")
public final class ExplainCommand extends CaseCommand {
    @Override
    public Integer call() {
        TriageRequest request = readCase();
        Explanation explanation = Explanation.of(rules.engine(root).evaluate(request));
        PrintWriter out = spec.commandLine().getOut();
        out.println("Why each finding was concluded (decision support, not a diagnosis).");
        out.println();
        out.print(SafeText.lines(explanation.render(Guideline.muscleTwitching())));
        out.flush();
        return TriageCommand.EXIT_DECIDED;
    }
}
