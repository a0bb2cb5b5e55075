package org.twitchtriage.examples.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import org.twitchtriage.audit.AuditedTriageEngine;
import org.twitchtriage.engine.TriageDecision;
import org.twitchtriage.engine.TriageEngine;
import org.twitchtriage.json.DecisionWriter;
import org.twitchtriage.model.TriageRequest;
import org.twitchtriage.validation.Violation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code twitch-triage evaluate CASE.json... [--json]}: evaluates case files and prints each decision, readable by
 * default ({@link TextReport}) or as JSON ({@link DecisionWriter}). A folder stands for the {@code *.json} files in
 * it ({@link CaseFiles#expand}). All cases are decided in one JVM with one engine, so a batch pays the start-up once.
 *
 * <p>One case file prints exactly one decision, as before. Several print, in text, a {@code == FILE} line before each
 * decision and, in JSON, one array with an element per case: {@code {"case": FILE, "decision": {...}}}, or
 * {@code {"case": FILE, "invalid": [problems]}} for a file that could not be decided. A bad file is reported on
 * standard error with its name and the fields at fault, and the other files are still decided; the exit code is the
 * worst outcome ({@value TriageCommand#EXIT_INVALID_INPUT} when any file was invalid). Never prints the patient's
 * reference. With {@code --audit-log FILE} one audit record per decided case is appended (and flushed) before that
 * decision is printed; if that fails, that decision is not printed and the command stops. With
 * {@code --rules DIR} the rules of that folder decide, compiled on the spot.
 */
@Command(name = "evaluate",
        description = "Evaluate case files (or every *.json file in a folder) and print each decision: the highest "
                + "urgency, the findings by kind with the guideline passages they rest on, and the rules that fired.")
public final class EvaluateCommand extends Subcommand {
    @Parameters(paramLabel = "CASE.json", arity = "1..*",
            description = "Case files or folders of case files (format: docs/input-format.md).")
    List<Path> cases;

    @Option(names = "--json", description = "Print the decision as JSON instead of text (several cases: an array).")
    boolean json;

    @Mixin
    RulesOption rules = new RulesOption();

    @Mixin
    AuditOptions audit = new AuditOptions();

    @Override
    public Integer call() {
        List<Path> files = CaseFiles.expand(cases);
        if (files.size() == 1 && !Files.isDirectory(cases.get(0))) {
            // one case file: a bad one is reported by the root command before the engine loads, as always
            TriageRequest request = read(files.get(0));
            return decideAll(rules.engine(root), f -> request, files, true);
        }
        return decideAll(rules.engine(root), this::read, files, false);
    }

    private int decideAll(TriageEngine engine, Function<Path, TriageRequest> reader, List<Path> files,
                          boolean single) {
        PrintWriter out = spec.commandLine().getOut();
        ArrayNode array = json && !single ? new ObjectMapper().createArrayNode() : null;
        DecisionWriter writer = new DecisionWriter();
        int exit = TriageCommand.EXIT_DECIDED;
        try (AuditedTriageEngine audited = audit.enabled() ? audit.open(engine, root.environment()) : null) {
            for (Path file : files) {
                TriageRequest request;
                try {
                    request = reader.apply(file);
                } catch (CaseFileException bad) {
                    exit = TriageCommand.EXIT_INVALID_INPUT;
                    report(bad.getMessage(), bad.violations());
                    if (array != null) {
                        ArrayNode problems = array.addObject().put("case", file.toString()).putArray("invalid");
                        problems.add(root.scrub(bad.getMessage()));
                        bad.violations().forEach(v -> problems.add(root.scrub(v.toString())));
                    }
                    continue;
                }
                TriageDecision decision = audited != null ? audited.evaluate(request).decision()
                        : engine.evaluate(request);
                if (array != null) {
                    array.addObject().put("case", file.toString()).set("decision", writer.toTree(decision));
                } else if (json) {
                    out.print(writer.write(decision));
                } else {
                    if (!single) {
                        out.println("== " + root.scrub(file.toString()));
                    }
                    new TextReport(out).print(decision);
                    if (!single) {
                        out.println();
                    }
                }
                out.flush();
            }
        }
        if (array != null) {
            out.print(pretty(array));
            out.flush();
        }
        return exit;
    }

    /** Reads a case file and registers its patient reference to be hidden from every output. */
    private TriageRequest read(Path file) {
        TriageRequest request = CaseFiles.read(file);
        root.hide(request.getPatient().getReference());
        return request;
    }

    /** Reports one bad case file on standard error, as the root command reports a single one. */
    private void report(String message, List<Violation> violations) {
        PrintWriter err = spec.commandLine().getErr();
        err.println("twitch-triage: " + root.scrub(message));
        violations.forEach(v -> err.println("  " + root.scrub(v.toString())));
        err.flush();
    }

    private static String pretty(ArrayNode array) {
        try {
            return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(array) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of decisions cannot fail to serialise", e);
        }
    }
}
