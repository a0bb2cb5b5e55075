package org.twitchtriage.rules;

import org.twitchtriage.engine.TriageDecision;
import org.twitchtriage.engine.TriageEngine;
import org.twitchtriage.model.BodySite;
import org.twitchtriage.model.Course;
import org.twitchtriage.model.Patient;
import org.twitchtriage.model.Sex;
import org.twitchtriage.model.TriageRequest;
import org.twitchtriage.model.Twitch;

/** Shared engine and small builders for the rule tests. */
final class Cases {
    /** One engine for all rule tests: it is thread-safe and loading it is the slow part. */
    static final TriageEngine ENGINE = TriageEngine.create();

    private Cases() {
    }

    static Patient.PatientBuilder adult(Sex sex) {
        return Patient.builder().reference("test-patient").ageYears(34).sex(sex);
    }

    static Patient.PatientBuilder pregnantWoman() {
        return adult(Sex.FEMALE).pregnant(true);
    }

    static Twitch.TwitchBuilder twitch(BodySite site) {
        return Twitch.builder().id("t1").site(site).course(Course.NEW);
    }

    static TriageDecision evaluate(Patient.PatientBuilder patient, Twitch.TwitchBuilder... twitches) {
        TriageRequest.TriageRequestBuilder r = TriageRequest.builder().patient(patient.build());
        for (Twitch.TwitchBuilder t : twitches) {
            r.twitch(t.build());
        }
        return ENGINE.evaluate(r.build());
    }
}
