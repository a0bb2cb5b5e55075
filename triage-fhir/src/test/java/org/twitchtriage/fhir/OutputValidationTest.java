package org.twitchtriage.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.validation.SingleValidationMessage;
import java.util.List;
import java.util.stream.Stream;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.ClinicalImpression;
import org.hl7.fhir.r4.model.DomainResource;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.hl7.fhir.r4.model.StringType;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every output resource passes HAPI's {@code FhirInstanceValidator} against the base R4 specification and the
 * project's own profiles, extensions and code systems, with 0 errors; and the validator is shown to catch what the
 * profiles forbid, so a pass means something.
 */
class OutputValidationTest {
    private static final java.util.Map<String, String> PROFILES = java.util.Map.of(
            "ClinicalImpression", TriageFhir.PROFILE_CLINICAL_IMPRESSION,
            "ServiceRequest", TriageFhir.PROFILE_SERVICE_REQUEST,
            "RiskAssessment", TriageFhir.PROFILE_RISK_ASSESSMENT);

    static Stream<String> cases() {
        return OutputCases.caseNames().stream();
    }

    static Stream<String> bundles() {
        return OutputCases.BUNDLES.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    @DisplayName("Bundled case: the FHIR output validates against R4 and the twitch-triage profiles with 0 errors")
    void bundledCase_outputValidates(String caseFile) {
        assertValid(OutputCases.ofCase(caseFile));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bundles")
    @DisplayName("FHIR test bundle read, decided and written: the output validates with 0 errors")
    void fhirTestBundle_outputValidates(String bundleFile) {
        assertValid(OutputCases.ofBundle(bundleFile));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bundles")
    @DisplayName("The FHIR test bundles themselves (input, with the twitch extensions) validate with 0 errors")
    void fhirTestBundle_inputValidates(String bundleFile) {
        List<SingleValidationMessage> errors = Validation.errors(Fhir.bundle(bundleFile));
        assertThat(errors).as(bundleFile + Validation.describe(errors)).isEmpty();
    }

    @Test
    @DisplayName("The default concept map validates against R4 and the mapping-unconfirmed extension")
    void conceptMap_validates() {
        List<SingleValidationMessage> errors = Validation.errors(TriageConceptMap.defaults().toConceptMap());
        assertThat(errors).as(Validation.describe(errors)).isEmpty();
    }

    @Test
    @DisplayName("The validator is live: a proposal made active, an unknown finding code, a missing narrative and a "
            + "foreign part of the basis are each an error")
    void validatorCatchesProfileViolations() {
        Bundle out = OutputCases.ofBundle("whole-body-increasing-paralysis.json").bundle();
        assertThat(Validation.errors(out)).isEmpty();

        ServiceRequest active = first(out, ServiceRequest.class).copy();
        active.setStatus(ServiceRequest.ServiceRequestStatus.ACTIVE);
        assertErrorAt(active, "ServiceRequest.status");

        ServiceRequest unknownCode = first(out, ServiceRequest.class).copy();
        unknownCode.getCode().getCodingFirstRep().setCode("NOT_A_FINDING");
        assertErrorAt(unknownCode, "ServiceRequest.code");

        ClinicalImpression noText = first(out, ClinicalImpression.class).copy();
        noText.setText(null);
        assertErrorAt(noText, "ClinicalImpression");

        ServiceRequest foreignPart = first(out, ServiceRequest.class).copy();
        Extension basis = foreignPart.getExtensionByUrl(TriageFhir.EXT_BASIS);
        basis.addExtension("probability", new StringType("high"));
        assertErrorAt(foreignPart, "ServiceRequest.extension[0]");
    }

    private static void assertValid(OutputCases.Output output) {
        List<SingleValidationMessage> errors = Validation.errors(output.bundle());
        assertThat(errors).as(output.name() + Validation.describe(errors)).isEmpty();
        // the bundle's validation validates each entry against the profile it declares
        for (Bundle.BundleEntryComponent e : output.bundle().getEntry()) {
            DomainResource r = (DomainResource) e.getResource();
            assertThat(r.getMeta().getProfile()).as(r.fhirType() + " declares its profile").singleElement()
                    .extracting(p -> p.getValue()).isEqualTo(PROFILES.get(r.fhirType()));
        }
    }

    private static void assertErrorAt(Resource resource, String location) {
        List<SingleValidationMessage> errors = Validation.errors(resource);
        assertThat(errors).as(resource.fhirType() + " should fail at " + location + Validation.describe(errors))
                .anyMatch(m -> m.getLocationString().startsWith(location));
    }

    private static <T extends Resource> T first(Bundle b, Class<T> type) {
        return b.getEntry().stream().map(Bundle.BundleEntryComponent::getResource).filter(type::isInstance)
                .map(type::cast).findFirst().orElseThrow();
    }
}
