/**
 * HL7 FHIR R4 adapter for twitch-triage: {@link org.twitchtriage.fhir.FhirRequestMapper} reads a FHIR
 * {@code Bundle} into a {@link org.twitchtriage.model.TriageRequest}, {@link org.twitchtriage.fhir.FhirDecisionMapper}
 * writes a {@link org.twitchtriage.engine.TriageDecision} as draft FHIR resources for a clinician to review, and
 * {@link org.twitchtriage.fhir.TriageConceptMap} holds the external codes both directions use, as a replaceable FHIR
 * {@code ConceptMap}.
 *
 * <p>The conventions (which resource carries what, the project's local code systems and extensions) are described in
 * {@code docs/fhir.md} and collected as constants in {@link org.twitchtriage.fhir.TriageFhir}.
 *
 * <p>Decision support, not a diagnosis and not a medical device. The mappers never log patient identifiers.
 * Unless a method says otherwise, arguments must not be {@code null}.
 */
package org.twitchtriage.fhir;
