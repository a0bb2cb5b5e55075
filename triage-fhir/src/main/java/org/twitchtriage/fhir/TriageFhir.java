package org.twitchtriage.fhir;

/**
 * URLs of the project's own FHIR artefacts: local code systems and extensions. They are all under
 * {@value #BASE} and are <em>local</em> to twitch-triage: no terminology server knows them, and other systems should
 * read the display text or the standard codings that accompany them.
 *
 * <p>Each local code system uses the name of a constant of the matching model enum as its code (for example
 * {@code CALF} in {@link #BODY_SITE_SYSTEM}), so every value the rules know can be expressed even where no standard
 * code was confirmed.
 */
public final class TriageFhir {
    /** Base URL of every local artefact. */
    public static final String BASE = "http://twitchtriage.org/fhir/";

    /** Local code system for the twitch itself (code {@code TWITCH}). */
    public static final String CONCEPT_SYSTEM = BASE + "CodeSystem/concept";
    /** Local code system of {@link org.twitchtriage.model.BodySite} constants. */
    public static final String BODY_SITE_SYSTEM = BASE + "CodeSystem/body-site";
    /** Local code system of {@link org.twitchtriage.model.Symptom} constants. */
    public static final String SYMPTOM_SYSTEM = BASE + "CodeSystem/symptom";
    /** Local code system of {@link org.twitchtriage.model.Circumstance} constants. */
    public static final String CIRCUMSTANCE_SYSTEM = BASE + "CodeSystem/circumstance";
    /** Local code system of {@link org.twitchtriage.model.Course} constants. */
    public static final String COURSE_SYSTEM = BASE + "CodeSystem/course";
    /** Local code system of {@link org.twitchtriage.model.Visibility} constants. */
    public static final String VISIBILITY_SYSTEM = BASE + "CodeSystem/visibility";
    /** Local code system of {@link org.twitchtriage.model.SelfCare} constants. */
    public static final String SELF_CARE_SYSTEM = BASE + "CodeSystem/self-care";
    /** Local code system of {@link org.twitchtriage.model.FindingCode} constants (output). */
    public static final String FINDING_SYSTEM = BASE + "CodeSystem/finding";

    /** Extension on the twitch Condition: how it has developed, {@code valueCodeableConcept}. Required. */
    public static final String EXT_COURSE = BASE + "StructureDefinition/twitch-course";
    /** Extension on the twitch Condition: how pronounced it is, {@code valueCodeableConcept}. Optional. */
    public static final String EXT_VISIBILITY = BASE + "StructureDefinition/twitch-visibility";
    /** Extension on the twitch Condition: whether self-care was tried, {@code valueCodeableConcept}. Optional. */
    public static final String EXT_SELF_CARE = BASE + "StructureDefinition/twitch-self-care";
    /** Extension on the twitch Condition: whether it happens just before falling asleep, {@code valueBoolean}. */
    public static final String EXT_BEFORE_SLEEP = BASE + "StructureDefinition/twitch-before-sleep";

    /**
     * Extension on every output resource (and on each RiskAssessment prediction): why twitch-triage concluded it.
     * Complex; sub-extensions {@code rule} (valueString, the rule {@code @id}), {@code passage} (valueRelatedArtifact
     * of type citation, e.g. {@code muscle-twitching#CALF-6}), {@code urgency} (valueCode), {@code twitch}
     * (valueString, the twitch id) and, on the resource level, {@code knowledgeBase} and {@code conceptMap}
     * (valueString).
     */
    public static final String EXT_BASIS = BASE + "StructureDefinition/triage-basis";

    private TriageFhir() {
    }
}
