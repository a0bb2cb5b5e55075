package org.twitchtriage.fhir;

import java.time.LocalDate;
import java.util.Objects;
import org.hl7.fhir.r4.model.Bundle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.twitchtriage.fhir.internal.RequestAssembler;

/**
 * Turns a FHIR R4 Bundle (one Patient; Conditions and Observations for the twitches, their body sites, accompanying
 * symptoms and circumstances; pregnancy status; serum electrolytes) into a
 * {@link org.twitchtriage.model.TriageRequest}. Codes are read through a {@link TriageConceptMap}.
 *
 * <pre>{@code
 * FhirRequestMapper mapper = new FhirRequestMapper();                    // default concept map
 * RequestMappingResult result = mapper.map(bundle, LocalDate.of(2025, 11, 25));
 * if (result.isMapped()) {
 *     TriageDecision decision = engine.evaluate(result.requireRequest());
 * } else {
 *     return result.outcome();                                           // names resource and element of each problem
 * }
 * }</pre>
 *
 * <p>Nothing is dropped silently: whatever cannot be read becomes an issue of the result's OperationOutcome: an error
 * when it prevents a correct request (an unknown body-site code, a missing course, an unsupported unit, a problem the
 * {@link org.twitchtriage.validation.RequestValidator} finds), a warning when a resource is left out (a Condition
 * whose code is not in the map), information for an assumption (a symptom attached to the only twitch).
 *
 * <p>The Patient's id (or, without one, its first identifier) becomes the pseudonymous reference; the age is computed
 * from the birth date as of the evaluation date passed in, never from the clock. Immutable and thread-safe. Logs one
 * DEBUG line per mapping, never with identifiers.
 */
public final class FhirRequestMapper {
    private static final Logger LOG = LoggerFactory.getLogger(FhirRequestMapper.class);

    private final TriageConceptMap conceptMap;

    /** A mapper with the default concept map ({@link TriageConceptMap#defaults()}). */
    public FhirRequestMapper() {
        this(TriageConceptMap.defaults());
    }

    /** @param conceptMap the concept map to read codes with, for example one loaded from the user's own file */
    public FhirRequestMapper(TriageConceptMap conceptMap) {
        this.conceptMap = Objects.requireNonNull(conceptMap, "conceptMap");
    }

    /** @return the concept map codes are read with */
    public TriageConceptMap conceptMap() {
        return conceptMap;
    }

    /**
     * @param bundle         the input; its type is not checked (a searchset, a collection and a CDS Hooks prefetch
     *                       all work)
     * @param evaluationDate the date the age and twitch durations are computed for
     * @return the request or the reasons it could not be made; never {@code null}
     */
    public RequestMappingResult map(Bundle bundle, LocalDate evaluationDate) {
        Objects.requireNonNull(bundle, "bundle");
        Objects.requireNonNull(evaluationDate, "evaluationDate");
        RequestAssembler.Result r = new RequestAssembler(conceptMap, bundle, evaluationDate).run();
        RequestMappingResult result = new RequestMappingResult(r.request(), r.outcome(), r.twitchSources());
        LOG.debug("mapped FHIR bundle with {} entries: {}, {} issues", bundle.getEntry().size(),
                result.isMapped() ? "request made" : "not mapped", r.outcome().getIssue().size());
        return result;
    }
}
