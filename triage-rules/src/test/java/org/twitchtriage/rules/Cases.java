package org.twitchtriage.rules;

import java.math.BigDecimal;
import org.twitchtriage.engine.TriageDecision;
import org.twitchtriage.engine.TriageEngine;
import org.twitchtriage.model.Analyte;
import org.twitchtriage.model.BodySite;
import org.twitchtriage.model.Course;
import org.twitchtriage.model.Finding;
import org.twitchtriage.model.FindingCode;
import org.twitchtriage.model.LabResult;
import org.twitchtriage.model.LabUnit;
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

    static LabResult lab(Analyte analyte, String value, LabUnit unit) {
        return LabResult.builder().analyte(analyte).value(new BigDecimal(value)).unit(unit).build();
    }

    /** @return the finding with this code; fails the test, naming the findings there are, when it is absent */
    static Finding finding(TriageDecision d, FindingCode code) {
        return d.finding(code).orElseThrow(() -> new AssertionError("no " + code + " finding; findings: "
                + d.findings().stream().map(Finding::getCode).toList()));
    }

    static TriageDecision evaluate(Patient.PatientBuilder patient, Twitch.TwitchBuilder... twitches) {
        TriageRequest.TriageRequestBuilder r = TriageRequest.builder().patient(patient.build());
        for (Twitch.TwitchBuilder t : twitches) {
            r.twitch(t.build());
        }
        return ENGINE.evaluate(r.build());
    }
}
