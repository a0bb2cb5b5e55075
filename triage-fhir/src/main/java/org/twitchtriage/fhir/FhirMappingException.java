package org.twitchtriage.fhir;

import java.util.stream.Collectors;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;

/**
 * Thrown by {@link RequestMappingResult#requireRequest()} when a bundle could not be mapped. Carries the
 * OperationOutcome; the message lists its errors, which never contain patient identifiers.
 */
public class FhirMappingException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient OperationOutcome outcome;

    /** @param outcome the issues, with at least one error */
    public FhirMappingException(OperationOutcome outcome) {
        super("the FHIR bundle cannot be mapped to a triage request: " + outcome.getIssue().stream()
                .filter(i -> i.getSeverity() == IssueSeverity.ERROR || i.getSeverity() == IssueSeverity.FATAL)
                .map(OperationOutcome.OperationOutcomeIssueComponent::getDiagnostics)
                .collect(Collectors.joining("; ")));
        this.outcome = outcome.copy();
    }

    /** @return a copy of the issues */
    public OperationOutcome getOutcome() {
        return outcome.copy();
    }
}
