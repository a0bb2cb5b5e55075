package org.twitchtriage.fhir.internal;

import java.time.LocalDate;
import java.time.Period;
import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.Patient;
import org.twitchtriage.model.Sex;

/**
 * Reads the bundle's {@code Patient}: its id (else first identifier) as the pseudonymous reference, the age in
 * completed years on the evaluation date from {@code birthDate}, and the sex from {@code gender}. Never puts the
 * reference into an issue. Not thread-safe; one instance per mapping.
 */
final class PatientReader {
    /**
     * What the Patient resource gives.
     *
     * @param reference the pseudonymous reference, or {@code null} (an error was reported)
     * @param ageYears  the age, or {@code null} (an error was reported)
     * @param sex       the sex
     */
    record Read(String reference, Integer ageYears, Sex sex) {
    }

    private final ReadContext ctx;

    PatientReader(ReadContext ctx) {
        this.ctx = ctx;
    }

    /** @return what the Patient gives; records where each request field came from */
    Read read(Located patient) {
        Patient p = (Patient) patient.resource();
        ctx.modelLocations().put("patient", patient.at(""));
        ctx.modelLocations().put("patient.reference", patient.at(".id"));
        ctx.modelLocations().put("patient.ageYears", patient.at(".birthDate"));
        ctx.modelLocations().put("patient.sex", patient.at(".gender"));
        ctx.modelLocations().put("patient.pregnant", patient.at(""));
        return new Read(reference(patient, p), age(patient, p), sex(patient, p));
    }

    private String reference(Located patient, Patient p) {
        String reference = p.getIdElement().getIdPart();
        if (reference != null && !reference.isBlank()) {
            return reference;
        }
        reference = p.getIdentifier().stream().filter(Identifier::hasValue).map(Identifier::getValue).findFirst()
                .orElse(null);
        if (reference == null) {
            ctx.issues().error(IssueType.REQUIRED, patient.at(".id"), "the Patient has neither an id nor an "
                    + "identifier; one of them becomes the pseudonymous reference");
        }
        return reference;
    }

    private Integer age(Located patient, Patient p) {
        if (!p.hasBirthDateElement() || !p.getBirthDateElement().hasValue()) {
            ctx.issues().error(IssueType.REQUIRED, patient.at(".birthDate"), "the birth date is missing; the age is "
                    + "required");
            return null;
        }
        LocalDate born = ctx.dates().startDate(patient, p.getBirthDateElement(), ".birthDate");
        if (born == null) {
            return null;
        }
        LocalDate evaluationDate = ctx.dates().evaluationDate();
        if (born.isAfter(evaluationDate)) {
            ctx.issues().error(IssueType.VALUE, patient.at(".birthDate"), "the birth date lies after the evaluation "
                    + "date " + evaluationDate);
            return null;
        }
        return Period.between(born, evaluationDate).getYears();
    }

    private Sex sex(Located patient, Patient p) {
        return switch (p.hasGender() ? p.getGender() : AdministrativeGender.NULL) {
            case MALE -> Sex.MALE;
            case FEMALE -> Sex.FEMALE;
            case OTHER -> Sex.OTHER;
            case UNKNOWN -> Sex.UNKNOWN;
            default -> {
                ctx.issues().information(patient.at(".gender"), "no gender given; read as UNKNOWN");
                yield Sex.UNKNOWN;
            }
        };
    }
}
