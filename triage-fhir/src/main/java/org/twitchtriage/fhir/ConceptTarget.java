package org.twitchtriage.fhir;

import java.util.Arrays;
import java.util.List;
import org.twitchtriage.model.Analyte;
import org.twitchtriage.model.BodySite;
import org.twitchtriage.model.Circumstance;
import org.twitchtriage.model.Course;
import org.twitchtriage.model.FindingCode;
import org.twitchtriage.model.FindingKind;
import org.twitchtriage.model.LabUnit;
import org.twitchtriage.model.SelfCare;
import org.twitchtriage.model.Symptom;
import org.twitchtriage.model.Visibility;

/**
 * What an external code stands for in twitch-triage: the kind of model value an entry of the
 * {@link TriageConceptMap} maps to, with the values allowed for that kind.
 */
public enum ConceptTarget {
    /** A resource whose code says "this is a muscle twitch" (value {@code TWITCH}). */
    TWITCH(TriageFhir.CONCEPT_SYSTEM, List.of("TWITCH")),
    /** The body site of a twitch: a {@link BodySite} constant. */
    BODY_SITE(TriageFhir.BODY_SITE_SYSTEM, names(BodySite.values())),
    /** A symptom accompanying a twitch: a {@link Symptom} constant. */
    SYMPTOM(TriageFhir.SYMPTOM_SYSTEM, names(Symptom.values())),
    /** A circumstance the patient reports: a {@link Circumstance} constant. */
    CIRCUMSTANCE(TriageFhir.CIRCUMSTANCE_SYSTEM, names(Circumstance.values())),
    /** How a twitch has developed: a {@link Course} constant. */
    COURSE(TriageFhir.COURSE_SYSTEM, names(Course.values())),
    /** How pronounced a twitch is: a {@link Visibility} constant. */
    VISIBILITY(TriageFhir.VISIBILITY_SYSTEM, names(Visibility.values())),
    /** Whether self-care was tried: a {@link SelfCare} constant. */
    SELF_CARE(TriageFhir.SELF_CARE_SYSTEM, names(SelfCare.values())),
    /** The code of an Observation that states pregnancy status (value {@code PREGNANCY_STATUS}). */
    PREGNANCY_STATUS(null, List.of("PREGNANCY_STATUS")),
    /** A pregnancy status value, or a Condition code stating it. */
    PREGNANCY(null, List.of("PREGNANT", "NOT_PREGNANT", "UNKNOWN")),
    /** The code of a serum electrolyte result: an {@link Analyte} constant. */
    ANALYTE(null, names(Analyte.values())),
    /** A UCUM unit of a lab result: a {@link LabUnit} constant. */
    UNIT(null, names(LabUnit.values())),
    /** A standard coding written for a finding: a {@link FindingCode} constant. */
    FINDING(TriageFhir.FINDING_SYSTEM, names(FindingCode.values())),
    /** Who a referral is to ({@code ServiceRequest.performerType}): a {@link FindingCode} of kind referral. */
    PERFORMER(null, Arrays.stream(FindingCode.values()).filter(c -> c.kind() == FindingKind.REFERRAL)
            .map(Enum::name).toList()),
    /** The category of a ServiceRequest: {@code REFERRAL} or {@code IMAGING}. */
    SERVICE_CATEGORY(null, List.of("REFERRAL", "IMAGING"));

    private final String localSystem;
    private final List<String> values;

    ConceptTarget(String localSystem, List<String> values) {
        this.localSystem = localSystem;
        this.values = values;
    }

    /** @return the local code system whose codes are this target's values, or {@code null} when there is none */
    public String localSystem() {
        return localSystem;
    }

    /** @return the values an entry of this target may map to, in declaration order */
    public List<String> allowedValues() {
        return values;
    }

    /** @return the target whose local code system is {@code system}, or {@code null} */
    public static ConceptTarget ofLocalSystem(String system) {
        for (ConceptTarget t : values()) {
            if (t.localSystem != null && t.localSystem.equals(system)) {
                return t;
            }
        }
        return null;
    }

    private static List<String> names(Enum<?>[] constants) {
        return Arrays.stream(constants).map(Enum::name).toList();
    }
}
