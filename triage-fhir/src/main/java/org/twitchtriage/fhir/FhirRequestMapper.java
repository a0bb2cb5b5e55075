package org.twitchtriage.fhir;

import java.time.Clock;
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
 * <p>Partial data is the normal case. The request is built from everything that can be read; what cannot be read is
 * left out, or read as unknown, and listed in {@link RequestMappingResult#notRead()} and as a warning of the
 * OperationOutcome (with a FHIRPath expression): a twitch without a readable body site or course is decided with the
 * site or course unknown ({@link org.twitchtriage.model.BodySite#UNKNOWN},
 * {@link org.twitchtriage.model.Course#UNKNOWN}),
 * a lab result in a unit that cannot be converted is left out, a Condition whose code cannot be read is named. A red
 * flag is never lost because an unrelated field could not be read. There is no request only when no twitch can be
 * read at all, or when the patient cannot be (no age, a reference to another patient, a problem the
 * {@link org.twitchtriage.validation.RequestValidator} finds): those are errors. Information issues record
 * assumptions (a symptom attached to the only twitch, a unit converted with UCUM).
 *
 * <p>A pregnancy status dated more than {@value #PREGNANCY_CURRENT_DAYS} days before the evaluation date is not
 * current (docs/fhir.md). The Patient's id (or, without one, its first identifier) becomes the pseudonymous reference;
 * the age is computed from the birth date as of the evaluation date: the one passed in, or today by the mapper's
 * {@link Clock}. Immutable and thread-safe. Logs one DEBUG line per mapping, never with identifiers.
 */
public final class FhirRequestMapper {
    private static final Logger LOG = LoggerFactory.getLogger(FhirRequestMapper.class);

    /**
     * Days a pregnancy status stays current: 42 weeks, the end of a post-term pregnancy. A status recorded longer ago
     * describes a pregnancy that has ended (or a "not pregnant" that may no longer hold), so it is not used.
     */
    public static final int PREGNANCY_CURRENT_DAYS = 42 * 7;

    private final TriageConceptMap conceptMap;
    private final Clock clock;

    /** A mapper with the default concept map ({@link TriageConceptMap#defaults()}) and the UTC system clock. */
    public FhirRequestMapper() {
        this(TriageConceptMap.defaults());
    }

    /** @param conceptMap the concept map to read codes with, for example one loaded from the user's own file */
    public FhirRequestMapper(TriageConceptMap conceptMap) {
        this(conceptMap, Clock.systemUTC());
    }

    /**
     * @param conceptMap the concept map to read codes with
     * @param clock      the clock {@link #map(Bundle)} takes today's date from (its zone decides the date)
     */
    public FhirRequestMapper(TriageConceptMap conceptMap, Clock clock) {
        this.conceptMap = Objects.requireNonNull(conceptMap, "conceptMap");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Maps a bundle as of today by the mapper's clock: ages, durations and whether a pregnancy status is current.
     *
     * @param bundle the input
     * @return the request or the reasons it could not be made; never {@code null}
     */
    public RequestMappingResult map(Bundle bundle) {
        return map(bundle, LocalDate.now(clock));
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
        RequestMappingResult result = new RequestMappingResult(r.request(), r.outcome(), r.twitchSources(),
                r.notRead());
        LOG.debug("mapped FHIR bundle with {} entries: {}, {} issues, {} not read", bundle.getEntry().size(),
                result.isMapped() ? "request made" : "not mapped", r.outcome().getIssue().size(),
                result.notRead().size());
        return result;
    }
}
