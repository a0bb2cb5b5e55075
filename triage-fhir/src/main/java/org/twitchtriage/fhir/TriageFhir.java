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

    /**
     * Local code system of what a resource states: a twitch ({@code TWITCH}) or a pregnancy status
     * ({@code PREGNANCY_STATUS}).
     */
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
    /** Local code system of pregnancy status values: {@code PREGNANT}, {@code NOT_PREGNANT}, {@code UNKNOWN}. */
    public static final String PREGNANCY_STATUS_SYSTEM = BASE + "CodeSystem/pregnancy-status";
    /** Local code system of {@link org.twitchtriage.model.Analyte} constants (serum electrolytes). */
    public static final String ANALYTE_SYSTEM = BASE + "CodeSystem/analyte";
    /** Local code system of {@link org.twitchtriage.model.LabUnit} constants. */
    public static final String LAB_UNIT_SYSTEM = BASE + "CodeSystem/lab-unit";
    /** Local code system of who a referral is to: the referral {@link org.twitchtriage.model.FindingCode}s (output). */
    public static final String PERFORMER_SYSTEM = BASE + "CodeSystem/referral-performer";
    /** Local code system of ServiceRequest categories: {@code REFERRAL}, {@code IMAGING} (output). */
    public static final String SERVICE_CATEGORY_SYSTEM = BASE + "CodeSystem/service-category";

    /** Canonical URL of the default {@code ConceptMap} shipped with the library. */
    public static final String CONCEPT_MAP_URL = BASE + "ConceptMap/twitch-triage";
    /**
     * Extension on a {@code ConceptMap.group.element.target}: the mapping could not be confirmed ({@code valueString}
     * says what is in doubt). Such a mapping is read with a warning and never written into output.
     */
    public static final String EXT_MAPPING_UNCONFIRMED = BASE + "StructureDefinition/mapping-unconfirmed";

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

    /**
     * Local code system of the urgency a finding carries ({@link org.twitchtriage.model.Urgency} constants), the
     * value of the {@code urgency} part of {@link #EXT_BASIS}.
     */
    public static final String URGENCY_SYSTEM = BASE + "CodeSystem/urgency";
    /** Value set of every {@link #URGENCY_SYSTEM} code, bound (required) to the {@code urgency} part of the basis. */
    public static final String URGENCY_VALUE_SET = BASE + "ValueSet/urgency";

    /** Profile every output {@code ClinicalImpression} declares in {@code meta.profile}. */
    public static final String PROFILE_CLINICAL_IMPRESSION = BASE + "StructureDefinition/triage-clinical-impression";
    /** Profile every output {@code ServiceRequest} declares in {@code meta.profile}. */
    public static final String PROFILE_SERVICE_REQUEST = BASE + "StructureDefinition/triage-service-request";
    /** Profile every output {@code RiskAssessment} declares in {@code meta.profile}. */
    public static final String PROFILE_RISK_ASSESSMENT = BASE + "StructureDefinition/triage-risk-assessment";

    private TriageFhir() {
    }
}
