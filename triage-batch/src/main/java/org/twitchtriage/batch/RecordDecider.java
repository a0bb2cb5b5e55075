package org.twitchtriage.batch;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import ca.uhn.fhir.parser.LenientErrorHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Resource;
import org.twitchtriage.audit.AuditException;
import org.twitchtriage.engine.TriageDecision;
import org.twitchtriage.fhir.FhirRequestMapper;
import org.twitchtriage.fhir.RequestMappingResult;
import org.twitchtriage.json.DecisionWriter;
import org.twitchtriage.json.RequestReader;
import org.twitchtriage.model.TriageRequest;
import org.twitchtriage.validation.InvalidRequestException;
import org.twitchtriage.validation.Violation;

/**
 * Decides one {@link InputRecord} into one output line: a case line is read by the strict
 * {@link RequestReader}, a FHIR patient's resources are put into a Bundle and mapped by triage-fhir's
 * {@link FhirRequestMapper}; the request is then decided by the function given (a plain or an audited engine).
 * Thread-safe: one instance serves every worker.
 *
 * <p>A decision line is the {@code --json} decision format of {@link DecisionWriter} on one line, preceded by
 * {@code line} (case lines) or {@code patient} (FHIR). An error line has the same key and {@code errors}, each with
 * {@code location} (file and line), {@code field} and {@code message}; nothing in a message repeats an input value.
 */
public final class RecordDecider {
    /** The mapper of output lines: compact, one line per record. */
    static final ObjectMapper JSON = JsonMapper.builder().build();
    private static final Pattern ENTRY = Pattern.compile("^Bundle\\.entry\\[(\\d+)]");

    private final RequestReader reader = new RequestReader();
    private final DecisionWriter writer = new DecisionWriter();
    private final FhirRequestMapper mapper;
    private final FhirContext fhir;
    private final LocalDate evaluationDate;
    private final Function<TriageRequest, TriageDecision> decide;

    /**
     * @param mapper         the FHIR mapper (its concept map)
     * @param fhir           the FHIR R4 context, shared (it is expensive to create)
     * @param evaluationDate the date FHIR ages and durations are computed for
     * @param decide         decides a valid request; may throw {@link InvalidRequestException} or any runtime failure
     */
    public RecordDecider(FhirRequestMapper mapper, FhirContext fhir, LocalDate evaluationDate,
                         Function<TriageRequest, TriageDecision> decide) {
        this.mapper = Objects.requireNonNull(mapper, "mapper");
        this.fhir = Objects.requireNonNull(fhir, "fhir");
        this.evaluationDate = Objects.requireNonNull(evaluationDate, "evaluationDate");
        this.decide = Objects.requireNonNull(decide, "decide");
    }

    /**
     * @param record the record
     * @return its output line and what the summary needs; never throws for bad input
     */
    public RecordOutcome decide(InputRecord record) {
        return switch (record.kind()) {
            case CASE -> decideCase(record);
            case FHIR_PATIENT -> decidePatient(record);
            case FHIR_UNREADABLE -> failed(record, List.of(unreadable(record.lines().get(0))));
        };
    }

    private RecordOutcome decideCase(InputRecord record) {
        SourceLine line = record.lines().get(0);
        if (CaseLines.TOO_LONG.equals(line.text())) {
            return failed(record, List.of(new LineProblem(line.location(), "request",
                    "the line is longer than the " + (org.twitchtriage.batch.internal.BoundedLines.MAX_LINE_BYTES >> 20)
                            + " MiB a case may have")));
        }
        TriageRequest request;
        try {
            request = reader.read(line.text());
        } catch (InvalidRequestException e) {
            return failed(record, violations(line.location(), e));
        }
        return evaluate(record, request, line.location(), List.of());
    }

    private RecordOutcome decidePatient(InputRecord record) {
        IParser parser = fhir.newJsonParser().setParserErrorHandler(new LenientErrorHandler(false));
        Bundle bundle = new Bundle().setType(Bundle.BundleType.COLLECTION);
        List<LineProblem> problems = new ArrayList<>();
        List<SourceLine> entries = new ArrayList<>();
        for (SourceLine line : record.lines()) {
            try {
                Resource resource = (Resource) parser.parseResource(line.text());
                bundle.addEntry().setFullUrl(resource.fhirType() + "/" + resource.getIdElement().getIdPart())
                        .setResource(resource);
                entries.add(line);
            } catch (RuntimeException e) {
                problems.add(new LineProblem(line.location(), "resource",
                        "not a FHIR R4 resource in JSON (" + e.getClass().getSimpleName() + ")"));
            }
        }
        if (!problems.isEmpty()) {
            // a resource left out could change the decision: the patient is not decided without it
            return failed(record, problems);
        }
        RequestMappingResult mapped = mapper.map(bundle, evaluationDate);
        List<LineProblem> errors = new ArrayList<>();
        List<LineProblem> warnings = new ArrayList<>();
        for (OperationOutcome.OperationOutcomeIssueComponent issue : mapped.outcome().getIssue()) {
            LineProblem p = problem(issue, entries, record.lines().get(0));
            switch (issue.getSeverity()) {
                case ERROR, FATAL -> errors.add(p);
                case WARNING -> warnings.add(p);
                default -> { }
            }
        }
        if (!mapped.isMapped()) {
            return failed(record, errors);
        }
        return evaluate(record, mapped.requireRequest(), record.lines().get(0).location(), warnings);
    }

    private RecordOutcome evaluate(InputRecord record, TriageRequest request, String location,
                                   List<LineProblem> warnings) {
        TriageDecision decision;
        try {
            decision = decide.apply(request);
        } catch (InvalidRequestException e) {
            return failed(record, violations(location, e));
        } catch (AuditException e) {
            throw e;  // no decision without its audit record: the screening stops
        } catch (RuntimeException e) {
            return failed(record, List.of(new LineProblem(location, "(engine)",
                    "the knowledge base failed on this record (" + e.getClass().getSimpleName() + ")")));
        }
        ObjectNode line = key(record);
        line.setAll(writer.toTree(decision));
        if (!warnings.isEmpty()) {
            problems(line.putArray("warnings"), warnings);
        }
        return RecordOutcome.decided(record.sequence(), line, decision);
    }

    private static RecordOutcome failed(InputRecord record, List<LineProblem> problems) {
        ObjectNode line = key(record);
        problems(line.putArray("errors"), problems);
        return RecordOutcome.failed(record.sequence(), line, problems);
    }

    private static ObjectNode key(InputRecord record) {
        ObjectNode line = JSON.createObjectNode();
        SourceLine first = record.lines().get(0);
        switch (record.kind()) {
            case CASE -> line.put("line", first.line());
            case FHIR_PATIENT -> line.put("patient", record.patient());
            case FHIR_UNREADABLE -> line.put("file", first.file()).put("line", first.line());
        }
        return line;
    }

    private static void problems(ArrayNode array, List<LineProblem> problems) {
        for (LineProblem p : problems) {
            array.addObject().put("location", p.location()).put("field", p.field()).put("message", p.message());
        }
    }

    private static List<LineProblem> violations(String location, InvalidRequestException e) {
        List<LineProblem> out = new ArrayList<>();
        for (Violation v : e.getViolations()) {
            out.add(new LineProblem(location, v.field(), v.message()));
        }
        return out;
    }

    /** An issue of the mapping, located at the line of the resource its FHIRPath expression points into. */
    private static LineProblem problem(OperationOutcome.OperationOutcomeIssueComponent issue, List<SourceLine> entries,
                                       SourceLine fallback) {
        List<org.hl7.fhir.r4.model.StringType> expressions = issue.getExpression();
        String readable = expressions.isEmpty() ? "Bundle" : expressions.get(0).getValue();
        SourceLine at = fallback;
        if (expressions.size() > 1) {
            Matcher m = ENTRY.matcher(expressions.get(1).getValue());
            if (m.find() && Integer.parseInt(m.group(1)) < entries.size()) {
                at = entries.get(Integer.parseInt(m.group(1)));
            }
        }
        String message = issue.getDiagnostics() == null ? issue.getCode().toCode() : issue.getDiagnostics();
        return new LineProblem(at.location(), readable, message);
    }

    private static LineProblem unreadable(SourceLine line) {
        JsonNode why = ExportLine.problemOf(line.text());
        return new LineProblem(line.location(), why.path("field").asText(), why.path("message").asText());
    }
}
