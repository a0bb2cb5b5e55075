package org.twitchtriage.fhir;

import java.util.List;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;

/**
 * Thrown by {@link RequestMappingResult#requireRequest()} when a bundle could not be mapped. Carries the
 * OperationOutcome; the message lists its first {@value #MESSAGE_ERRORS} errors (the outcome has them all), which
 * never contain patient identifiers.
 */
public class FhirMappingException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * How many errors the message lists: a hostile bundle can carry hundreds of broken references (found by
     * FhirMapperFuzzTest: 715 errors, a message of 68,000 characters), and a message must stay bounded.
     */
    public static final int MESSAGE_ERRORS = 20;

    private final transient OperationOutcome outcome;

    /** @param outcome the issues, with at least one error */
    public FhirMappingException(OperationOutcome outcome) {
        super(messageOf(outcome));
        this.outcome = outcome.copy();
    }

    private static String messageOf(OperationOutcome outcome) {
        List<String> errors = outcome.getIssue().stream()
                .filter(i -> i.getSeverity() == IssueSeverity.ERROR || i.getSeverity() == IssueSeverity.FATAL)
                .map(OperationOutcome.OperationOutcomeIssueComponent::getDiagnostics)
                .toList();
        String listed = String.join("; ", errors.subList(0, Math.min(errors.size(), MESSAGE_ERRORS)));
        int more = errors.size() - MESSAGE_ERRORS;
        return "the FHIR bundle cannot be mapped to a triage request: " + listed
                + (more > 0 ? "; and " + more + " more error" + (more == 1 ? "" : "s") + " (all in the outcome)" : "");
    }

    /** @return a copy of the issues */
    public OperationOutcome getOutcome() {
        return outcome.copy();
    }
}
