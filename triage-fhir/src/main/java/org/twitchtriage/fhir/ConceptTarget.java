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
 * What a code stands for in twitch-triage: the kind of model value, its local code system (the target system of the
 * {@link TriageConceptMap}'s groups) and the values allowed for that kind. Input kinds are read from FHIR input; output
 * kinds ({@link #FINDING}, {@link #PERFORMER}, {@link #SERVICE_CATEGORY}) are only written, by reading the map in
 * reverse.
 */
public enum ConceptTarget {
    /** A resource whose code says "this is a muscle twitch" (value {@code TWITCH}). */
    TWITCH(TriageFhir.CONCEPT_SYSTEM, List.of("TWITCH"), Use.READ),
    /** The body site of a twitch: a {@link BodySite} constant. */
    BODY_SITE(TriageFhir.BODY_SITE_SYSTEM, names(BodySite.values()), Use.READ),
    /** A symptom accompanying a twitch: a {@link Symptom} constant. */
    SYMPTOM(TriageFhir.SYMPTOM_SYSTEM, names(Symptom.values()), Use.READ),
    /** A circumstance the patient reports: a {@link Circumstance} constant. */
    CIRCUMSTANCE(TriageFhir.CIRCUMSTANCE_SYSTEM, names(Circumstance.values()), Use.READ),
    /** How a twitch has developed: a {@link Course} constant. */
    COURSE(TriageFhir.COURSE_SYSTEM, names(Course.values()), Use.READ),
    /** How pronounced a twitch is: a {@link Visibility} constant. */
    VISIBILITY(TriageFhir.VISIBILITY_SYSTEM, names(Visibility.values()), Use.READ),
    /** Whether self-care was tried: a {@link SelfCare} constant. */
    SELF_CARE(TriageFhir.SELF_CARE_SYSTEM, names(SelfCare.values()), Use.READ),
    /** The code of an Observation that states pregnancy status (value {@code PREGNANCY_STATUS}). */
    PREGNANCY_STATUS(TriageFhir.CONCEPT_SYSTEM, List.of("PREGNANCY_STATUS"), Use.READ),
    /** A pregnancy status value, or a Condition code stating it. */
    PREGNANCY(TriageFhir.PREGNANCY_STATUS_SYSTEM, List.of("PREGNANT", "NOT_PREGNANT", "UNKNOWN"), Use.READ),
    /** The code of a serum electrolyte result: an {@link Analyte} constant. */
    ANALYTE(TriageFhir.ANALYTE_SYSTEM, names(Analyte.values()), Use.READ),
    /** A UCUM unit of a lab result: a {@link LabUnit} constant. */
    UNIT(TriageFhir.LAB_UNIT_SYSTEM, names(LabUnit.values()), Use.READ),
    /** A standard coding written for a finding: a {@link FindingCode} constant. */
    FINDING(TriageFhir.FINDING_SYSTEM, names(FindingCode.values()), Use.WRITE_WITH_LOCAL),
    /** Who a referral is to ({@code ServiceRequest.performerType}): a {@link FindingCode} of kind referral. */
    PERFORMER(TriageFhir.PERFORMER_SYSTEM, Arrays.stream(FindingCode.values())
            .filter(c -> c.kind() == FindingKind.REFERRAL).map(Enum::name).toList(), Use.WRITE),
    /** The category of a ServiceRequest: {@code REFERRAL} or {@code IMAGING}. */
    SERVICE_CATEGORY(TriageFhir.SERVICE_CATEGORY_SYSTEM, List.of("REFERRAL", "IMAGING"), Use.WRITE);

    /** How the codes of a target are used. */
    private enum Use {
        READ, WRITE, WRITE_WITH_LOCAL
    }

    private final String localSystem;
    private final List<String> values;
    private final Use use;

    ConceptTarget(String localSystem, List<String> values, Use use) {
        this.localSystem = localSystem;
        this.values = values;
        this.use = use;
    }

    /** @return the local code system whose codes are this target's values; never {@code null} */
    public String localSystem() {
        return localSystem;
    }

    /** @return the values an entry of this target may map to, in declaration order */
    public List<String> allowedValues() {
        return values;
    }

    /** @return true for kinds read from FHIR input, false for kinds only written into output */
    public boolean isRead() {
        return use == Use.READ;
    }

    /** @return true when output carries the local coding of this kind besides the standard ones */
    public boolean writesLocalCoding() {
        return use == Use.WRITE_WITH_LOCAL;
    }

    /**
     * @param system a code system URI
     * @param code   a code
     * @return the target whose local code system holds {@code code}, or {@code null}
     */
    public static ConceptTarget ofLocalCode(String system, String code) {
        for (ConceptTarget t : values()) {
            if (t.localSystem.equals(system) && t.values.contains(code)) {
                return t;
            }
        }
        return null;
    }

    /** @return true when {@code system} is one of the project's local code systems */
    public static boolean isLocalSystem(String system) {
        return Arrays.stream(values()).anyMatch(t -> t.localSystem.equals(system));
    }

    /** @return every code of the local code system {@code system} (the union of the targets sharing it) */
    public static List<String> localCodes(String system) {
        return Arrays.stream(values()).filter(t -> t.localSystem.equals(system))
                .flatMap(t -> t.values.stream()).toList();
    }

    private static List<String> names(Enum<?>[] constants) {
        return Arrays.stream(constants).map(Enum::name).toList();
    }
}
