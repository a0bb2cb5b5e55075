package org.twitchtriage.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class FhirMappingExceptionTest {

    private static OperationOutcome withErrors(int n) {
        OperationOutcome outcome = new OperationOutcome();
        for (int i = 0; i < n; i++) {
            outcome.addIssue().setSeverity(IssueSeverity.ERROR).setCode(IssueType.NOTFOUND)
                    .setDiagnostics("Condition/c.evidence[" + i + "].detail[0]: refers to a resource that is not in "
                            + "the bundle");
        }
        outcome.addIssue().setSeverity(IssueSeverity.WARNING).setCode(IssueType.INFORMATIONAL)
                .setDiagnostics("a warning is not an error");
        return outcome;
    }

    @Test
    @DisplayName("a few errors: the message lists them all, warnings left out")
    void fewErrors_allListed() {
        FhirMappingException e = new FhirMappingException(withErrors(3));

        assertThat(e.getMessage()).contains("evidence[0]", "evidence[1]", "evidence[2]")
                .doesNotContain("more error", "a warning");
    }

    @Test
    @DisplayName("hundreds of errors: the message lists the first ones and counts the rest; the outcome keeps all")
    void manyErrors_messageBounded() {
        FhirMappingException e = new FhirMappingException(withErrors(715));

        assertThat(e.getMessage()).contains("evidence[19]")
                .doesNotContain("evidence[" + FhirMappingException.MESSAGE_ERRORS + "]")
                .endsWith("; and " + (715 - FhirMappingException.MESSAGE_ERRORS) + " more errors (all in the outcome)")
                .hasSizeLessThan(5_000);
        assertThat(e.getOutcome().getIssue()).hasSize(716);
    }
}
