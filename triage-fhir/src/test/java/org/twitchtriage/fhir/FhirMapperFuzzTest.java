package org.twitchtriage.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.parser.IParser;
import ca.uhn.fhir.parser.LenientErrorHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.GenerationMode;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.AfterProperty;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r4.model.OperationOutcome.OperationOutcomeIssueComponent;
import org.hl7.fhir.r4.model.Reference;
import org.twitchtriage.engine.TriageDecision;
import org.twitchtriage.engine.TriageEngine;
import org.twitchtriage.json.StrictJson;
import org.twitchtriage.model.TriageRequest;
import org.twitchtriage.testkit.fuzz.FuzzRun;
import org.twitchtriage.testkit.fuzz.HostileJson;
import org.twitchtriage.validation.RequestValidator;
import org.twitchtriage.validation.Violation;

/**
 * Hostile FHIR bundles through the public mapping API: the test bundles made hostile by {@link HostileJson}, read as
 * the CDS Hooks service reads a prefetch ({@link StrictJson}, then its number bounds, then HAPI's parser, because HAPI
 * computes with unbounded numbers); what is refused or what HAPI fails on never reaches the mapper and is counted
 * apart. The rest is mapped by {@link FhirRequestMapper} and, when mapped, decided and written back as FHIR
 * ({@link FhirDecisionMapper}). Every bundle must end within the deadline in a request (valid, and decided) or in a
 * {@link FhirMappingException} whose errors each name the element; never in another exception. The patient's id,
 * references to the patient and identifier values carry a marker that no message, diagnostic or expression may
 * quote, and messages stay bounded.
 *
 * <p>Only the public contract is checked (a request, or the exception with its OperationOutcome), not how the mapper
 * works inside. Inputs: {@code jqwik.tries.default}, a few hundred by default, 100,000 with {@code -Pproperties-ci};
 * counts in {@code target/fuzz-fhir-mapper.txt} (recorded in docs/reliability.md).
 */
class FhirMapperFuzzTest {
    private static final List<String> BUNDLES = List.of("pregnant-calf.json", "whole-body-increasing-paralysis.json",
            "unmappable-code.json");
    private static final FhirContext CONTEXT = FhirContext.forR4();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TriageEngine ENGINE = TriageEngine.create();
    private static final FuzzRun RUN = new FuzzRun("FHIR mapper (FhirRequestMapper)", FuzzRun.deadline(30_000),
            FuzzRun.parallelism(2));
    private static final int MAX_DIAGNOSTICS = 500;

    // one of each per worker thread: a HAPI parser is not thread-safe, and nothing needs to be made per input
    private static final ThreadLocal<FhirRequestMapper> MAPPER = ThreadLocal.withInitial(FhirRequestMapper::new);
    private static final ThreadLocal<FhirDecisionMapper> OUTPUT = ThreadLocal.withInitial(FhirDecisionMapper::new);
    private static final ThreadLocal<IParser> PARSER = ThreadLocal.withInitial(() -> CONTEXT.newJsonParser()
            .setParserErrorHandler(new LenientErrorHandler(false)));
    private static final ThreadLocal<IParser> WRITER = ThreadLocal.withInitial(CONTEXT::newJsonParser);

    private final FhirRequestMapper mapper = new FhirRequestMapper();
    private final HostileJson hostile = new HostileJson(seeds(), FhirMapperFuzzTest::patientIdentifying,
            (parent, field) -> field.equals("id"));

    /** The patient's id, a reference to the patient (kept after {@code Patient/}) and identifier values. */
    static boolean patientIdentifying(ObjectNode parent, String field) {
        String value = parent.path(field).asText();
        return field.equals("id") && parent.path("resourceType").asText().equals("Patient")
                || (field.equals("reference") || field.equals("fullUrl")) && value.contains("Patient/")
                || field.equals("value") && parent.has("system") && !parent.has("code");
    }

    private static List<JsonNode> seeds() {
        return BUNDLES.stream().map(name -> {
            try (InputStream in = FhirMapperFuzzTest.class.getResourceAsStream("/bundles/" + name)) {
                return JSON.readTree(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }).toList();
    }

    @Provide
    Arbitrary<byte[]> bundles() {
        return Arbitraries.randomValue(hostile::document);
    }

    @Property(generation = GenerationMode.RANDOMIZED, shrinking = ShrinkingMode.OFF)
    @Label("A hostile bundle maps to a valid, decidable request or to errors naming their element, in time, "
            + "without quoting the patient's id")
    void hostileBundle_mapsOrNamesItsErrors(@ForAll("bundles") byte[] document) {
        // runs while the next bundle is generated (two at once on two cores); a failure is raised at a later try or
        // after the last one (awaitAll), naming its input; the counts per outcome are in the run's report
        RUN.submit(() -> map(document), () -> HostileJson.describe(document));
    }

    @AfterProperty
    void awaitTheLastBundles() {
        RUN.awaitAll();
    }

    private String map(byte[] document) {
        // as the CDS Hooks service does: the project's strict reader and the number bounds first, since HAPI's parser
        // computes with a number such as 1e999999999 (it hung for minutes on one in an entry list)
        JsonNode tree;
        try {
            tree = StrictJson.parse(document, "bundle");
        } catch (StrictJson.JsonProblem e) {
            return "refused by StrictJson: " + (e.problem().message().startsWith("JSON beyond") ? "beyond its bounds"
                    : "malformed");
        }
        Optional<Violation> unbounded = StrictJson.unboundedNumber(tree, "bundle");
        if (unbounded.isPresent()) {
            assertThat(unbounded.get().toString()).doesNotContain(HostileJson.SECRET_MARKER);
            return "refused: a number beyond the shared bounds";
        }
        Bundle bundle;
        try {
            bundle = PARSER.get().parseResource(Bundle.class, String.valueOf(tree));
        } catch (DataFormatException e) {
            return "refused by the HAPI parser";
        } catch (RuntimeException e) {
            // HAPI's own failure on hostile JSON, before the mapper is reached; counted apart (the CDS Hooks
            // service answers such a prefetch with 400, see CdsHooksFuzzTest)
            return "HAPI parser failed: " + e.getClass().getSimpleName();
        }
        var result = MAPPER.get().map(bundle, Fhir.EVALUATION_DATE);
        TriageRequest request;
        try {
            request = result.requireRequest();
        } catch (FhirMappingException e) {
            assertThat(e.getMessage()).as("the message never quotes the patient")
                    .doesNotContain(HostileJson.SECRET_MARKER).hasSizeLessThan(60_000);
            List<OperationOutcomeIssueComponent> errors = errors(e.getOutcome());
            assertThat(errors).as("an unmapped bundle has at least one error").isNotEmpty();
            for (OperationOutcomeIssueComponent issue : errors) {
                checkIssue(issue);
            }
            return "named error: " + issueKind(errors.get(0));
        }
        assertThat(new RequestValidator().validate(request)).as("a mapped request is valid").isEmpty();
        TriageDecision decision = ENGINE.evaluate(request);
        Bundle proposals = OUTPUT.get().toFhir(decision, new Reference("Patient/p"), result.twitchSources());
        assertThat(WRITER.get().encodeResourceToString(proposals))
                .as("the decision as FHIR never carries the patient's id").doesNotContain(HostileJson.SECRET_MARKER);
        return "decided";
    }

    @Example
    @Label("An id that FHIR does not allow (300 characters, a control character) is not repeated in any issue")
    void invalidResourceId_isNotRepeated() {
        Bundle b = Fhir.bundle("whole-body-increasing-paralysis.json");
        String longId = "c" + "x".repeat(300);
        b.getEntry().get(1).getResource().setId(longId);
        b.getEntry().get(2).getResource().setId("weak\u001b[2Jness");
        OperationOutcome outcome = mapper.map(b, Fhir.EVALUATION_DATE).outcome();
        String all = CONTEXT.newJsonParser().encodeResourceToString(outcome);
        assertThat(all).doesNotContain(longId).doesNotContain("\\u001b").contains("Condition@entry[1]");
    }

    @Example
    @Label("A coding with a system but no code is read as not matching, not as a failure")
    void codingWithoutCode_isNotAFailure() {
        Bundle b = Fhir.bundle("whole-body-increasing-paralysis.json");
        for (Bundle.BundleEntryComponent e : b.getEntry()) {
            if (e.getResource() instanceof org.hl7.fhir.r4.model.Condition c) {
                c.getCode().addCoding().setSystem("http://snomed.info/sct");
            }
        }
        assertThat(mapper.map(b, Fhir.EVALUATION_DATE).outcome().getIssue()).isNotNull();
    }

    private static List<OperationOutcomeIssueComponent> errors(OperationOutcome outcome) {
        return outcome.getIssue().stream()
                .filter(i -> i.getSeverity() == IssueSeverity.ERROR || i.getSeverity() == IssueSeverity.FATAL)
                .toList();
    }

    private static void checkIssue(OperationOutcomeIssueComponent issue) {
        String diagnostics = issue.getDiagnostics();
        assertThat(diagnostics).as("every error says what is wrong").isNotBlank()
                .hasSizeLessThanOrEqualTo(MAX_DIAGNOSTICS).doesNotContain(HostileJson.SECRET_MARKER);
        assertThat(issue.getExpression()).as("every error names its element: %s", diagnostics).isNotEmpty()
                .allSatisfy(x -> assertThat(x.getValue()).isNotBlank().doesNotContain(HostileJson.SECRET_MARKER));
    }

    /** A coarse class of an error, from the issue's code. */
    private static String issueKind(OperationOutcomeIssueComponent issue) {
        return issue.getCode() == null ? "unclassified" : issue.getCode().toCode();
    }

    @AfterContainer
    static void report() {
        RUN.writeReport(Path.of(System.getProperty("basedir", "."), "target", "fuzz-fhir-mapper.txt"));
        System.out.print(RUN.report());
        RUN.close();
    }
}
