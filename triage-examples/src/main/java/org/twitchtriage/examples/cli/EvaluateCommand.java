package org.twitchtriage.examples.cli;

import java.io.PrintWriter;
import org.twitchtriage.audit.AuditedTriageEngine;
import org.twitchtriage.engine.TriageDecision;
import org.twitchtriage.engine.TriageEngine;
import org.twitchtriage.json.DecisionWriter;
import org.twitchtriage.model.TriageRequest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code twitch-triage evaluate CASE.json [--json]}: evaluates one case file and prints the decision, readable by
 * default ({@link TextReport}) or as JSON ({@link DecisionWriter}). Never prints the patient's reference. With
 * {@code --audit-log FILE} an audit record is appended (and flushed) before the decision is printed; if that fails,
 * no decision is printed. With {@code --rules DIR} the rules of that folder decide, compiled on the spot.
 */
@Command(name = "evaluate",
        description = "Evaluate one case file and print the decision: the highest urgency, the findings by kind "
                + "with the guideline passages they rest on, and the rules that fired.")
public final class EvaluateCommand extends CaseCommand {
    @Option(names = "--json", description = "Print the decision as JSON instead of text.")
    boolean json;

    @Mixin
    AuditOptions audit = new AuditOptions();

    @Override
    public Integer call() {
        TriageRequest request = readCase();
        TriageEngine engine = rules.engine(root);
        TriageDecision decision;
        if (audit.enabled()) {
            try (AuditedTriageEngine audited = audit.open(engine, root.environment())) {
                decision = audited.evaluate(request).decision();
            }
        } else {
            decision = engine.evaluate(request);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.print(new DecisionWriter().write(decision));
        } else {
            new TextReport(out).print(decision);
        }
        out.flush();
        return TriageCommand.EXIT_DECIDED;
    }
}
