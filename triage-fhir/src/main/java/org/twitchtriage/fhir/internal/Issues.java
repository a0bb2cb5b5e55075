package org.twitchtriage.fhir.internal;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.util.OperationOutcomeUtil;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.instance.model.api.IBase;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.twitchtriage.fhir.NotRead;

/**
 * Collects the issues of one mapping as a FHIR OperationOutcome. Each issue names the resource and element it
 * concerns twice: readably ({@code Condition/c1.bodySite[0].coding[0]}) and as a FHIRPath into the bundle
 * ({@code Bundle.entry[2].resource.bodySite[0].coding[0]}). Messages never contain the patient's identifiers.
 * Issues are added with HAPI's {@link OperationOutcomeUtil}. Not thread-safe; one instance per mapping.
 */
public final class Issues {
    private final OperationOutcome outcome = new OperationOutcome();
    private final List<NotRead> notRead = new ArrayList<>();
    private int errors;

    /** Where an issue is: a resource in the bundle (or the bundle itself) and an element path inside it. */
    public record Where(String label, int entryIndex, String path) {
        /** @return the readable expression, e.g. {@code Condition/c1.bodySite[0]} */
        public String readable() {
            return label + path;
        }

        /** @return the FHIRPath expression from the bundle root */
        public String fhirPath() {
            return entryIndex < 0 ? "Bundle" + path : "Bundle.entry[" + entryIndex + "].resource" + path;
        }

        /** @return the same resource, with {@code more} appended to the path */
        public Where then(String more) {
            return new Where(label, entryIndex, path + more);
        }
    }

    /** @return a location on the bundle itself */
    public static Where bundle(String path) {
        return new Where("Bundle", -1, path);
    }

    /** Adds an error: the bundle cannot be mapped. */
    public void error(IssueType type, Where where, String message) {
        add(IssueSeverity.ERROR, type, where, message);
        errors++;
    }

    /** Adds a warning: something was not used or was read with a caveat; mapping goes on. */
    public void warning(IssueType type, Where where, String message) {
        add(IssueSeverity.WARNING, type, where, message);
    }

    /**
     * Adds a warning for data that could not be read and is left out of the decision (or read as unknown), and
     * remembers it for {@link #notRead()}.
     */
    public void notRead(NotRead.Part part, IssueType type, Where where, String message) {
        add(IssueSeverity.WARNING, type, where, message);
        notRead.add(new NotRead(part, where.fhirPath(), message));
    }

    /** @return what could not be read so far, in the order found */
    public List<NotRead> notRead() {
        return List.copyOf(notRead);
    }

    /** Adds an information: an assumption the mapper made. */
    public void information(Where where, String message) {
        add(IssueSeverity.INFORMATION, IssueType.INFORMATIONAL, where, message);
    }

    /** @return true when at least one error was added */
    public boolean hasErrors() {
        return errors > 0;
    }

    /** @return the outcome built so far (the live object; copy before handing it out) */
    public OperationOutcome outcome() {
        return outcome;
    }

    private void add(IssueSeverity severity, IssueType type, Where where, String message) {
        FhirContext fhir = FhirContext.forR4Cached();
        IBase issue = OperationOutcomeUtil.addIssue(fhir, outcome, severity.toCode(), where.readable() + ": " + message,
                null, type.toCode());
        OperationOutcomeUtil.addExpressionToIssue(fhir, issue, where.readable());
        OperationOutcomeUtil.addExpressionToIssue(fhir, issue, where.fhirPath());
    }
}
