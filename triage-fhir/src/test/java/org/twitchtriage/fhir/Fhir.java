package org.twitchtriage.fhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.List;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r4.model.OperationOutcome.OperationOutcomeIssueComponent;
import org.hl7.fhir.r4.model.Resource;

/** Test helpers: one shared FhirContext, the bundled inputs, issue filters. */
final class Fhir {
    /** The evaluation date every bundled input is meant for. */
    static final LocalDate EVALUATION_DATE = LocalDate.of(2025, 11, 25);

    private static final FhirContext CONTEXT = FhirContext.forR4();

    private Fhir() {
    }

    static IParser json() {
        return CONTEXT.newJsonParser().setPrettyPrint(true);
    }

    static Bundle bundle(String name) {
        try (InputStream in = Fhir.class.getResourceAsStream("/bundles/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test bundle " + name);
            }
            return json().parseResource(Bundle.class, in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static <T extends Resource> T roundTrip(T resource, Class<T> type) {
        return json().parseResource(type, json().encodeResourceToString(resource));
    }

    static List<OperationOutcomeIssueComponent> issues(OperationOutcome outcome, IssueSeverity severity) {
        return outcome.getIssue().stream().filter(i -> i.getSeverity() == severity).toList();
    }

    static List<String> expressions(List<OperationOutcomeIssueComponent> issues) {
        return issues.stream().map(i -> i.getExpression().get(0).getValue()).toList();
    }
}
