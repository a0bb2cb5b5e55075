package org.twitchtriage.fhir;

import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Supplier;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Reference;
import org.twitchtriage.engine.TriageDecision;
import org.twitchtriage.fhir.internal.DecisionAssembler;

/**
 * Writes a {@link TriageDecision} as FHIR R4 resources for a clinician to review, returned as a {@code collection}
 * Bundle whose entries have {@code urn:uuid:} full URLs:
 * <ul>
 *   <li>one {@code ClinicalImpression} (status {@code in-progress}): red flags as {@code finding}s, self-care and
 *       reassurance as {@code note}s, a summary with the highest urgency, and references to the other resources;</li>
 *   <li>one {@code ServiceRequest} (status {@code draft}, intent {@code proposal}) per referral and workup step, with
 *       priority {@code routine}, {@code urgent} or {@code asap} for urgency ROUTINE, SOON or URGENT;</li>
 *   <li>one {@code RiskAssessment} (status {@code preliminary}) with a prediction per possible cause, when there is
 *       any.</li>
 * </ul>
 * Every resource references the patient given, carries its codes as the project's local coding plus the confirmed
 * standard codings of the {@link TriageConceptMap}, and states why in a {@link TriageFhir#EXT_BASIS} extension (rule
 * ids, guideline passage citations such as {@code muscle-twitching#CALF-6}, urgency, knowledge base). See
 * {@code docs/fhir.md}.
 *
 * <p>Immutable and thread-safe (when the id supplier is).
 */
public final class FhirDecisionMapper {
    private final TriageConceptMap conceptMap;
    private final Supplier<UUID> ids;

    /** A mapper with the default concept map and random resource ids. */
    public FhirDecisionMapper() {
        this(TriageConceptMap.defaults());
    }

    /** @param conceptMap the concept map whose confirmed codings are written */
    public FhirDecisionMapper(TriageConceptMap conceptMap) {
        this(conceptMap, UUID::randomUUID);
    }

    /**
     * @param conceptMap the concept map whose confirmed codings are written
     * @param ids        source of resource ids, for reproducible output (tests, golden files); must be thread-safe
     *                   when the mapper is shared
     */
    public FhirDecisionMapper(TriageConceptMap conceptMap, Supplier<UUID> ids) {
        this.conceptMap = Objects.requireNonNull(conceptMap, "conceptMap");
        this.ids = Objects.requireNonNull(ids, "ids");
    }

    /**
     * @param decision the decision
     * @param patient  the patient the resources are about, e.g. {@code new Reference("Patient/p1")}
     * @return a collection Bundle of new resources
     */
    public Bundle toFhir(TriageDecision decision, Reference patient) {
        return toFhir(decision, patient, Map.of());
    }

    /**
     * As {@link #toFhir(TriageDecision, Reference)}, also linking each resource to the resources its twitches were
     * read from ({@code ServiceRequest.reasonReference}, {@code RiskAssessment.basis},
     * {@code ClinicalImpression.problem}).
     *
     * @param decision      the decision
     * @param patient       the patient the resources are about
     * @param twitchSources twitch id to the resource it was read from, e.g. {@link RequestMappingResult#twitchSources()}
     * @return a collection Bundle of new resources
     */
    public Bundle toFhir(TriageDecision decision, Reference patient, Map<String, Reference> twitchSources) {
        Objects.requireNonNull(decision, "decision");
        Objects.requireNonNull(patient, "patient");
        Objects.requireNonNull(twitchSources, "twitchSources");
        if (!patient.hasReference() && !patient.hasIdentifier()) {
            throw new IllegalArgumentException("the patient reference needs a reference or an identifier");
        }
        return new DecisionAssembler(conceptMap, ids, decision, patient, Map.copyOf(twitchSources)).build();
    }
}
