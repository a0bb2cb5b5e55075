package org.twitchtriage.fhir;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r4.model.Reference;
import org.twitchtriage.model.TriageRequest;

/**
 * What {@link FhirRequestMapper#map} produced: the request when the bundle could be mapped, and always an
 * OperationOutcome listing every error, warning and assumption, each naming the resource and element it concerns.
 * Immutable; {@link #outcome()} hands out a copy.
 */
public final class RequestMappingResult {
    private final TriageRequest request;
    private final OperationOutcome outcome;
    private final Map<String, String> twitchSources;

    /**
     * @param request       the mapped request, or {@code null} when there was at least one error
     * @param outcome       the issues (at least one)
     * @param twitchSources for each twitch id, the {@code Type/id} of the resource it was read from
     */
    public RequestMappingResult(TriageRequest request, OperationOutcome outcome, Map<String, String> twitchSources) {
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
