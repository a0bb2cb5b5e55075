package org.twitchtriage.fhir.internal;

import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.twitchtriage.model.LabInterpretation;

/**
 * Reads the laboratory's verdict on a result, {@code Observation.interpretation}, in the HL7 code system
 * ObservationInterpretation (the codes FHIR R4 binds it to). A code outside those read here is reported and the
 * verdict is left as not given, so the laboratory's range or the built-in limits decide. Stateless.
 */
final class LabVerdicts {
    /** The code system FHIR R4 uses for {@code Observation.interpretation}. */
    static final String SYSTEM = "http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation";
    private static final Map<String, LabInterpretation> CODES = Map.of(
            "N", LabInterpretation.NORMAL,
            "L", LabInterpretation.LOW,
            "LL", LabInterpretation.CRITICALLY_LOW,
            "LU", LabInterpretation.LOW,
            "H", LabInterpretation.HIGH,
            "HH", LabInterpretation.CRITICALLY_HIGH,
            "HU", LabInterpretation.HIGH,
            "A", LabInterpretation.ABNORMAL,
            "AA", LabInterpretation.CRITICALLY_ABNORMAL);

    private LabVerdicts() {
    }

    /** @return the laboratory's verdict, or {@link LabInterpretation#NOT_GIVEN} (reported when a code is unknown) */
    static LabInterpretation read(Issues issues, Located l, Observation o) {
        List<CodeableConcept> all = o.getInterpretation();
        for (int i = 0; i < all.size(); i++) {
            List<Coding> codings = all.get(i).getCoding();
            for (Coding c : codings) {
                if (SYSTEM.equals(c.getSystem()) && CODES.containsKey(c.getCode())) {
                    return CODES.get(c.getCode());
                }
            }
            issues.warning(IssueType.CODEINVALID, l.at(".interpretation[" + i + "]"), "the laboratory's "
                    + "interpretation is not one of N, L, LL, H, HH, A, AA of " + SYSTEM + "; its reference range "
                    + "or the built-in limits are used instead");
        }
        return LabInterpretation.NOT_GIVEN;
    }
}
