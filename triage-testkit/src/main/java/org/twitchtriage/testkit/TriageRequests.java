package org.twitchtriage.testkit;

import java.math.BigDecimal;
import org.twitchtriage.model.Analyte;
import org.twitchtriage.model.BodySite;
import org.twitchtriage.model.Course;
import org.twitchtriage.model.LabResult;
import org.twitchtriage.model.LabUnit;
import org.twitchtriage.model.Patient;
import org.twitchtriage.model.Sex;
import org.twitchtriage.model.TriageRequest;
import org.twitchtriage.model.Twitch;

/**
 * Short builders for the requests of decision tests: a patient, a twitch at a site, a lab value, and a request made
 * of them. The builders returned are the model's own, so a test adds what its case needs:
 *
 * <pre>{@code
 * import static org.twitchtriage.testkit.TriageRequests.*;
 *
 * TriageRequest r = request(adult(Sex.FEMALE).labResult(lab(Analyte.MAGNESIUM, "0.55", LabUnit.MMOL_PER_L)),
 *         twitch(BodySite.CALF).symptom(Symptom.BACK_PAIN), twitch(BodySite.EYELID));
 * }</pre>
 *
 * Stateless and thread-safe; every call returns a new builder.
 */
public final class TriageRequests {
    /** The age of {@link #adult(Sex)}: an adult inside the guideline's scope. */
    public static final int ADULT_AGE_YEARS = 34;

    private TriageRequests() {
    }

    /**
     * @param sex the patient's sex
     * @return an adult of {@value #ADULT_AGE_YEARS} with a fixed, made-up reference and nothing else known
     */
    public static Patient.PatientBuilder adult(Sex sex) {
        return Patient.builder().reference("test-patient").ageYears(ADULT_AGE_YEARS).sex(sex);
    }

    /** @return a pregnant woman, otherwise as {@link #adult(Sex)} */
    public static Patient.PatientBuilder pregnantWoman() {
        return adult(Sex.FEMALE).pregnant(true);
    }

    /**
     * @param site where the patient feels the twitch
     * @return a new twitch ({@link Course#NEW}) with id {@code t1} and nothing else known
     */
    public static Twitch.TwitchBuilder twitch(BodySite site) {
        return Twitch.builder().id("t1").site(site).course(Course.NEW);
    }

    /**
     * @param analyte what was measured
     * @param value   the value, as decimal text ({@code "0.55"}), so that it is exact
     * @param unit    the unit of the value
     * @return the lab result
     */
    public static LabResult lab(Analyte analyte, String value, LabUnit unit) {
        return LabResult.builder().analyte(analyte).value(new BigDecimal(value)).unit(unit).build();
    }

    /**
     * A request for one patient with the twitches in the order given. When there are several and a twitch keeps the
     * default id {@code t1} of {@link #twitch(BodySite)}, it takes the id of its position ({@code t1}, {@code t2},
     * ...), so that the twitches of a request are told apart without naming them; an id set on purpose stays.
     *
     * @param patient  the patient
     * @param twitches the twitches, at least one
     * @return the request
     */
    public static TriageRequest request(Patient.PatientBuilder patient, Twitch.TwitchBuilder... twitches) {
        TriageRequest.TriageRequestBuilder r = TriageRequest.builder().patient(patient.build());
        int n = 1;
        for (Twitch.TwitchBuilder t : twitches) {
            Twitch built = t.build();
            r.twitch(twitches.length > 1 && "t1".equals(built.getId()) ? built.toBuilder().id("t" + n).build()
                    : built);
            n++;
        }
        return r.build();
    }
}
