package org.twitchtriage.fhir;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r4.model.Reference;
import org.twitchtriage.model.TriageRequest;

/**
 * What {@link FhirRequestMapper#map} produced: the request when the bundle could be mapped, always an
 * OperationOutcome listing every error, warning and assumption, each naming the resource and element it concerns,
 * and the list of what could not be read ({@link #notRead()}: left out, or read as unknown, and decided without).
 * A request built from partial data is the normal case: check {@link #notRead()} and show it. Immutable;
 * {@link #outcome()} hands out a copy.
 */
public final class RequestMappingResult {
    private final TriageRequest request;
    private final OperationOutcome outcome;
    private final Map<String, String> twitchSources;
    private final List<NotRead> notRead;

    /**
     * A result with nothing left unread.
     *
     * @param request       the mapped request, or {@code null} when there was at least one error
     * @param outcome       the issues (at least one)
     * @param twitchSources for each twitch id, the {@code Type/id} of the resource it was read from
     */
    public RequestMappingResult(TriageRequest request, OperationOutcome outcome, Map<String, String> twitchSources) {
        this(request, outcome, twitchSources, List.of());
    }

    /**
     * @param request       the mapped request, or {@code null} when there was at least one error
     * @param outcome       the issues (at least one); each entry of {@code notRead} is a warning among them
     * @param twitchSources for each twitch id, the {@code Type/id} of the resource it was read from
     * @param notRead       what could not be read, in the order found
     */
    public RequestMappingResult(TriageRequest request, OperationOutcome outcome, Map<String, String> twitchSources,
                                List<NotRead> notRead) {
        this.notRead = List.copyOf(notRead);
        this.request = request;
        this.outcome = outcome.copy();
        this.twitchSources = Map.copyOf(twitchSources);
        if (request == null && !hasErrors(outcome)) {
            throw new IllegalArgumentException("a result without a request needs at least one error issue");
        }
    }

    /** @return the request, or empty when the bundle could not be mapped (see {@link #outcome()}) */
    public Optional<TriageRequest> request() {
        return Optional.ofNullable(request);
    }

    /** @return true when a request was produced */
    public boolean isMapped() {
        return request != null;
    }

    /**
     * @return the request
     * @throws FhirMappingException when the bundle could not be mapped; it carries the OperationOutcome
     */
    public TriageRequest requireRequest() {
        if (request == null) {
            throw new FhirMappingException(outcome());
        }
        return request;
    }

    /**
     * @return what could not be read and was left out of the request (or read as unknown), each with a FHIRPath
     *         expression; empty when everything relevant was read. Also when there is no request: then it tells
     *         "nothing could be read" from "nothing was recorded".
     */
    public List<NotRead> notRead() {
        return notRead;
    }

    /**
     * Adds a copy of the mapping's OperationOutcome to an output bundle (for example the one
     * {@link FhirDecisionMapper#toFhir} made), so that whoever reads the decision also sees what it was made without.
     *
     * @param output the bundle to add to
     * @return the same bundle
     */
    public Bundle addOutcomeTo(Bundle output) {
        output.addEntry().setFullUrl("urn:uuid:" + UUID.randomUUID()).setResource(outcome());
        return output;
    }

    /** @return a copy of the issues: errors (no request), warnings (something not used) and information */
    public OperationOutcome outcome() {
        return outcome.copy();
    }

    /**
     * References to the resources the twitches were read from, for linking output resources back to them (see
     * {@link FhirDecisionMapper#toFhir(org.twitchtriage.engine.TriageDecision, Reference, Map)}).
     *
     * @return twitch id to reference such as {@code Condition/c1}, in twitch order
     */
    public Map<String, Reference> twitchSources() {
        Map<String, Reference> out = new LinkedHashMap<>();
        twitchSources.forEach((id, ref) -> out.put(id, new Reference(ref)));
        return out;
    }

    private static boolean hasErrors(OperationOutcome o) {
        return o.getIssue().stream().anyMatch(i -> i.getSeverity() == IssueSeverity.ERROR
                || i.getSeverity() == IssueSeverity.FATAL);
    }
}
