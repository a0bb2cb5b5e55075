package org.twitchtriage.fhir;

/**
 * One thing in the input that could not be read, so that the decision was made without it: what kind of data it was,
 * where it is (a FHIRPath expression into the bundle, such as
 * {@code Bundle.entry[2].resource.extension('https://.../course')}) and why, in words for the integrator. Each is also
 * a warning issue of the mapping's OperationOutcome. The reason may name codes and units of the input; it never names
 * the patient. Immutable.
 *
 * @param part       what kind of data could not be read
 * @param expression where it is: a FHIRPath expression from the bundle root
 * @param reason     why it could not be read
 */
public record NotRead(Part part, String expression, String reason) {
    /** Kinds of data that can go unread, each with a plain description for a clinician (no patient data). */
    public enum Part {
        /** A Condition or Observation whose code is missing or unknown: it may be a twitch that was not seen. */
        RECORD("a recorded condition or observation whose code could not be read"),
        /** The body site of a twitch: decided with the site unknown. */
        BODY_SITE("where a twitch is (body site)"),
        /** The course of a twitch: decided with the course unknown, never reassured. */
        COURSE("how a twitch has developed (course)"),
        /** A complaint recorded with a twitch (its evidence code): left out, so a warning sign may be missing. */
        SYMPTOM("a complaint recorded with a twitch"),
        /** Another detail of a twitch (visibility, self-care, timing before sleep). */
        TWITCH_DETAIL("a detail of a twitch (visibility, self-care or timing)"),
        /** A laboratory result: left out, the rest decided. */
        LAB_RESULT("a laboratory result"),
        /** A pregnancy status: read as not pregnant. */
        PREGNANCY_STATUS("a pregnancy status");

        private final String display;

        Part(String display) {
            this.display = display;
        }

        /** @return what was not read, in plain words for a clinician */
        public String display() {
            return display;
        }
    }
}
