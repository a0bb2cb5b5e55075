package org.twitchtriage.fhir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.twitchtriage.fhir.Fhir.EVALUATION_DATE;
import static org.twitchtriage.fhir.Fhir.bundle;
import static org.twitchtriage.fhir.Fhir.expressions;
import static org.twitchtriage.fhir.Fhir.issues;

import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.twitchtriage.model.Symptom;
import org.twitchtriage.model.Twitch;

/** How references inside a bundle are resolved and how dates are read, on the whole-body bundle. */
class BundleReadingTest {
    private final FhirRequestMapper mapper = new FhirRequestMapper();

    @Test
    @DisplayName("Absolute and versioned references resolve to the bundle's resources by type and id")
    void absoluteVersionedReferences_resolve() {
        Bundle b = bundle("whole-body-increasing-paralysis.json");
        Condition twitch = condition(b, 1);
        Condition weakness = condition(b, 2);
        twitch.setSubject(new Reference("https://ehr.example.org/fhir/Patient/pseudo-body-02/_history/7"));
        twitch.getEvidenceFirstRep().getDetail().set(0,
                new Reference("https://ehr.example.org/fhir/Condition/weakness/_history/2"));
        weakness.setSubject(new Reference("Patient/pseudo-body-02"));

        RequestMappingResult r = mapper.map(b, EVALUATION_DATE);
        assertThat(issues(r.outcome(), IssueSeverity.ERROR)).isEmpty();
        assertThat(r.requireRequest().getTwitches().get(0).getSymptoms()).containsExactly(Symptom.PARALYSIS);
        assertThat(expressions(issues(r.outcome(), IssueSeverity.INFORMATION))).doesNotContain("Condition/weakness");
    }

    @Test
    @DisplayName("A reference to a resource of another type with the same id is not mistaken for it")
    void referenceOfOtherType_notFound() {
        Bundle b = bundle("whole-body-increasing-paralysis.json");
        condition(b, 1).getEvidenceFirstRep().getDetail().set(0, new Reference("Observation/weakness"));
        RequestMappingResult r = mapper.map(b, EVALUATION_DATE);
        assertThat(expressions(issues(r.outcome(), IssueSeverity.ERROR)))
                .containsExactly("Condition/body-twitch.evidence[0].detail[0]");
    }

    @Test
    @DisplayName("An onset with a time zone counts from the day as written; one given to the month from its first day")
    void onsetDates_readByPrecision() {
        Bundle b = bundle("whole-body-increasing-paralysis.json");
        condition(b, 1).setOnset(new DateTimeType("2025-11-20T23:30:00-10:00"));
        RequestMappingResult r = mapper.map(b, EVALUATION_DATE);
        Twitch t = r.requireRequest().getTwitches().get(0);
        assertThat(t.getDurationDays()).isEqualTo(5);
        assertThat(issues(r.outcome(), IssueSeverity.WARNING)).isEmpty();

        condition(b, 1).setOnset(new DateTimeType("2025-10"));
        r = mapper.map(b, EVALUATION_DATE);
        assertThat(r.requireRequest().getTwitches().get(0).getDurationDays()).isEqualTo(55);
        assertThat(expressions(issues(r.outcome(), IssueSeverity.WARNING)))
                .containsExactly("Condition/body-twitch.onsetDateTime");
    }

    private static Condition condition(Bundle b, int entry) {
        return (Condition) b.getEntry().get(entry).getResource();
    }
}
