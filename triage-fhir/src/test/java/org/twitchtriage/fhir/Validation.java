package org.twitchtriage.fhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.SingleValidationMessage;
import java.util.List;
import org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.PrePopulatedValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.SnapshotGeneratingValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Resource;

/**
 * HAPI's {@link FhirInstanceValidator} set up offline: the base R4 specification
 * ({@link DefaultProfileValidationSupport}, from hapi-fhir-validation-resources-r4), the project's published
 * conformance resources and default concept map ({@link PrePopulatedValidationSupport}), snapshots generated for the
 * project's differential structure definitions, and in-memory terminology: codes of the project's code systems and of
 * FHIR's own code systems (priority, status, ...) are checked (displays are not); UCUM, languages and the like by
 * {@link CommonCodeSystemsTerminologyService}. No terminology server is reachable, so SNOMED CT, LOINC and ICD-10
 * codes and their displays are not checked: the validator passes SNOMED CT over as "only supported on a terminology
 * server" and reports LOINC and ICD-10(-CM) codes as "code system unknown" warnings. Nothing is filtered: every
 * error fails the tests that use this.
 */
final class Validation {
    private static FhirValidator validator;

    private Validation() {
    }

    static synchronized FhirValidator validator() {
        if (validator == null) {
            FhirContext ctx = FhirContext.forR4Cached();
            PrePopulatedValidationSupport project = new PrePopulatedValidationSupport(ctx);
            for (Resource r : TriageConformance.resources(ctx)) {
                project.addResource(r);
            }
            project.addResource(TriageConceptMap.defaults().toConceptMap());
            ValidationSupportChain chain = new ValidationSupportChain(
                    new DefaultProfileValidationSupport(ctx),
                    project,
                    new SnapshotGeneratingValidationSupport(ctx),
                    new CommonCodeSystemsTerminologyService(ctx),
                    new InMemoryTerminologyServerValidationSupport(ctx));
            FhirInstanceValidator instanceValidator = new FhirInstanceValidator(chain);
            validator = ctx.newValidator().registerValidatorModule(instanceValidator);
        }
        return validator;
    }

    /** @return every message of the validation of {@code resource} */
    static List<SingleValidationMessage> messages(IBaseResource resource) {
        return validator().validateWithResult(resource).getMessages();
    }

    /** @return the error and fatal messages of the validation of {@code resource} */
    static List<SingleValidationMessage> errors(IBaseResource resource) {
        return messages(resource).stream().filter(m -> m.getSeverity().ordinal() >= ResultSeverityEnum.ERROR.ordinal())
                .toList();
    }

    /** @return one line per message, for assertion messages */
    static String describe(List<SingleValidationMessage> messages) {
        StringBuilder sb = new StringBuilder();
        for (SingleValidationMessage m : messages) {
            sb.append('\n').append(m.getSeverity()).append(' ').append(m.getLocationString()).append(' ')
                    .append(m.getMessageId()).append(": ").append(m.getMessage());
        }
        return sb.toString();
    }
}
