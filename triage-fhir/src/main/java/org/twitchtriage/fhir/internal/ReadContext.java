package org.twitchtriage.fhir.internal;

import java.util.Map;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.twitchtriage.fhir.internal.Issues.Where;

/**
 * What the readers of one mapping share: the issues, the bundle index, the code and date readers, and where each
 * request field was read from (so that a validator objection points at the FHIR element). Not thread-safe.
 *
 * @param issues         the issues of this mapping
 * @param index          the bundle's resources
 * @param codes          reads codes through the concept map
 * @param dates          reads dates
 * @param modelLocations request field (e.g. {@code twitches[0].course}) to the FHIR element it came from
 */
record ReadContext(Issues issues, BundleIndex index, CodeReader codes, FhirDates dates,
                   Map<String, Where> modelLocations) {

    /**
     * Checks that a reference to the patient points at the bundle's Patient.
     *
     * @return true when it does, or when there is no reference to check
     */
    boolean checkSubject(Located l, Reference subject, String path) {
        Located patient = index.patient();
        if (subject == null || subject.isEmpty() || patient == null) {
            return true;
        }
        Located target = index.resolve(subject);
        if (target == patient) {
            return true;
        }
        if (target == null) {
            issues.error(IssueType.NOTFOUND, l.at(path), "refers to a patient that is not in the bundle");
        } else {
            issues.error(IssueType.BUSINESSRULE, l.at(path), "refers to a " + target.resource().fhirType()
                    + ", not to the bundle's Patient");
        }
        return false;
    }

    /** @return the readable path of an extension, e.g. {@code .extension('http://...')} */
    static String extensionPath(String url) {
        return ".extension('" + url + "')";
    }
}
