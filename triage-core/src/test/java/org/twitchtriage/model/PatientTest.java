package org.twitchtriage.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class PatientTest {
    private static final String REFERENCE = "Erika-Mustermann-1985-04-12";

    private static Patient patient() {
        return Patient.builder().reference(REFERENCE).ageYears(39).sex(Sex.FEMALE).pregnant(true)
                .circumstance(Circumstance.STRESS).build();
    }

    @Test
    @DisplayName("printing a patient never shows the pseudonymous reference")
    void toString_omitsTheReference() {
        assertThat(patient().toString()).doesNotContain(REFERENCE).contains("ageYears=39").contains("FEMALE");
    }

    @Test
    @DisplayName("printing a whole request never shows the pseudonymous reference")
    void requestToString_omitsTheReference() {
        TriageRequest request = TriageRequest.builder().patient(patient())
                .twitch(Twitch.builder().id("t1").site(BodySite.EYELID).course(Course.PERSISTING).build())
                .build();

        assertThat(request.toString()).doesNotContain(REFERENCE).contains("EYELID");
    }

    @Test
    @DisplayName("the reference is still there for the caller who set it")
    void reference_isKept() {
        assertThat(patient().getReference()).isEqualTo(REFERENCE);
        assertThat(patient().has(Circumstance.STRESS)).isTrue();
        assertThat(patient().has(Circumstance.TIREDNESS)).isFalse();
    }
}
