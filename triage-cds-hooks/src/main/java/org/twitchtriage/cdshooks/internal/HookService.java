package org.twitchtriage.cdshooks.internal;

import ca.uhn.fhir.context.FhirContext;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.twitchtriage.audit.AuditException;
import org.twitchtriage.audit.AuditedDecision;
import org.twitchtriage.audit.AuditedTriageEngine;
import org.twitchtriage.audit.FeedbackRecord;
import org.twitchtriage.engine.TriageEngineException;
import org.twitchtriage.fhir.FhirDecisionMapper;
import org.twitchtriage.fhir.FhirRequestMapper;
import org.twitchtriage.fhir.RequestMappingResult;
import org.twitchtriage.fhir.TriageConceptMap;
import org.twitchtriage.validation.InvalidRequestException;

/**
 * The CDS Service behind the HTTP routes: discovery, the {@code patient-view} call and feedback, on parsed JSON.
 * A call reads the prefetch into one Bundle, maps it to a triage request, evaluates it through the
 * {@link AuditedTriageEngine} (so the decision is audited before any card leaves) and turns the decision into cards.
 * A patient without any recorded twitch gets no guidance ({@code {"cards": []}}) and no audit record, because nothing
 * was evaluated; when something could not be read (a twitch recorded in words only, a course or unit the service
 * cannot read), an information card says so, beside the decision's cards or alone. Logs one INFO line per call,
 * never with a patient identifier. Thread-safe.
 */
public final class HookService {
    /** The id of the one service, as in {@code {baseUrl}/cds-services/{id}}. */
    public static final String SERVICE_ID = "twitch-triage-patient-view";
    /** The hook it answers. */
    public static final String HOOK = "patient-view";

    private static final Logger LOG = LoggerFactory.getLogger(HookService.class);

    private final AuditedTriageEngine audited;
    private final TriageConceptMap conceptMap;
    private final FhirRequestMapper mapper;
    private final PrefetchTemplates templates;
    private final PrefetchReader prefetch;
    private final UnreadDataCard unreadCard;
    private final CardAssembler cards;
    private final CardAssembler.Source source;
    private final IssuedCards issued;
    private final FeedbackReader feedback;
    private final FhirContext fhir;
    private final Clock clock;
    private final ZoneId zone;

    /**
     * @param audited    the audited engine every evaluation goes through
     * @param conceptMap the codes read and written
     * @param fhir       the FHIR R4 context
     * @param source     the source cards name
     * @param issued     where issued cards are remembered for feedback
     * @param clock      the clock for the evaluation date and feedback times
     * @param zone       the time zone of the evaluation date
     * @param fetcher    fetches what the prefetch lacks from the EHR's FHIR server
     */
    public HookService(AuditedTriageEngine audited, TriageConceptMap conceptMap, FhirContext fhir,
                       CardAssembler.Source source, IssuedCards issued, Clock clock, ZoneId zone,
                       FhirFetcher fetcher) {
        this.audited = audited;
        this.conceptMap = conceptMap;
        this.mapper = new FhirRequestMapper(conceptMap);
        this.templates = new PrefetchTemplates(conceptMap);
        this.prefetch = new PrefetchReader(fhir, templates, fetcher);
        this.unreadCard = new UnreadDataCard(source);
        this.cards = new CardAssembler(fhir, source);
        this.source = source;
        this.issued = issued;
        this.feedback = new FeedbackReader(issued, FeedbackReader::randomId);
        this.fhir = fhir;
        this.clock = clock;
        this.zone = zone;
    }

    /** @return whether a service with this id exists */
    public boolean knows(String serviceId) {
        return SERVICE_ID.equals(serviceId);
    }

    /** @return the discovery document */
    public ObjectNode discovery() {
        ObjectNode root = Json.MAPPER.createObjectNode();
        ObjectNode s = root.putArray("services").addObject();
        s.put("hook", HOOK);
        s.put("title", "Muscle twitching triage (twitch-triage)");
        s.put("description", "Reads a patient's recorded muscle twitching (Conditions or Observations with body site, "
                + "course and accompanying symptoms), pregnancy status and serum electrolytes, and suggests what the "
                + "muscle-twitching guideline advises: warning signs, referrals with urgency, examinations as draft "
                + "orders, possible causes and patient advice. Decision support only; not a medical device.");
        s.put("id", SERVICE_ID);
        ObjectNode p = s.putObject("prefetch");
        templates.asMap().forEach(p::put);
        s.put("usageRequirements", "Send every prefetch key (null where there is no data), or fhirServer and "
                + "fhirAuthorization (read access to the patient's Patient, Condition and Observation resources) so "
                + "that the service can fetch what is missing; otherwise it answers 412. Patients without recorded "
                + "twitching get no cards.");
        return root;
    }

    /**
     * Answers a hook call.
     *
     * @param body        the parsed request body
     * @param fhirServers the FHIR servers of the token's issuer the service may fetch from
     * @return {@code {"cards": [...]}}
     * @throws CdsError 400 (bad request), 412 (prefetch missing and not fetched), 422 (FHIR content not usable), 500
     *                  (engine or audit failure)
     */
    public ObjectNode call(JsonNode body, List<URI> fhirServers) {
        String patientId = checkRequest(body);
        PrefetchReader.Result read = prefetch.read(body.get("prefetch"), patientId,
                FhirAccessReader.read(body, fhirServers));
        Bundle bundle = read.bundle();
        LocalDate evaluationDate = LocalDate.now(clock.withZone(zone));
        RequestMappingResult mapped = mapper.map(bundle, evaluationDate);
        ObjectNode response = Json.MAPPER.createObjectNode();
        ArrayNode cardArray = response.putArray("cards");
        if (mapped.twitchSources().isEmpty()) {
            unreadCard.build(body.get("hookInstance").asText(), read.unread()).ifPresent(cardArray::add);
            if (!mapped.notRead().isEmpty()) {
                // "could not read" must not look like "nothing found"
                NotReadCard.fill(cardArray.addObject(), UUID.randomUUID().toString(), source, mapped.notRead(),
                        false);
            }
            LOG.info("{}: no twitch could be read or recorded, no guidance; {} key(s) fetched, {} not fetched, {} "
                    + "part(s) not read", HOOK, read.fetched().size(), read.unread().size(), mapped.notRead().size());
            return response;
        }
        if (!mapped.isMapped()) {
            throw unmappable(mapped.outcome());
        }
        AuditedDecision decided;
        try {
            decided = audited.evaluate(mapped.requireRequest());
        } catch (InvalidRequestException e) {
            throw CdsError.of(422, "the patient's data do not make a valid triage request",
                    e.getViolations().stream().map(v -> v.field() + ": " + v.message()).toList());
        } catch (TriageEngineException e) {
            LOG.error("{}: the engine failed; no decision", HOOK, e);
            throw CdsError.of(500, "the decision could not be made", "the rule engine failed; see the service log");
        } catch (AuditException e) {
            LOG.error("{}: the decision could not be audited, so it is not returned", HOOK, e);
            throw CdsError.of(500, "the decision could not be audited, so it is not returned",
                    "the audit log could not be written; see the service log");
        }
        String decisionId = decided.record().decisionId();
        AtomicInteger n = new AtomicInteger();
        FhirDecisionMapper out = new FhirDecisionMapper(conceptMap,
                () -> Uuids.of("resource/" + decisionId + "/" + n.incrementAndGet()));
        Bundle proposals = out.toFhir(decided.decision(), new Reference("Patient/" + patientId),
                mapped.twitchSources());
        CardAssembler.Result result = cards.build(decisionId, decided.decision(), proposals);
        result.issued().forEach(issued::add);
        cardArray.addAll(result.cards());
        unreadCard.build(body.get("hookInstance").asText(), read.unread()).ifPresent(cardArray::add);
        if (!mapped.notRead().isEmpty()) {
            NotReadCard.fill(cardArray.addObject(), Uuids.card(decisionId, "NOT_READ"), source, mapped.notRead(),
                    true);
        }
        LOG.info("{}: decision {} highest urgency {}: {} card(s); {} key(s) fetched, {} not fetched, {} part(s) not "
                + "read", HOOK, decisionId, decided.decision().highestUrgency(), cardArray.size(),
                read.fetched().size(), read.unread().size(), mapped.notRead().size());
        return response;
    }

    /**
     * Records feedback on cards in the audit log.
     *
     * @param body the parsed request body
     * @return {@code {"recorded": n}}
     * @throws CdsError 400 when the feedback is not valid (nothing recorded), 500 when it could not be stored
     */
    public ObjectNode feedback(JsonNode body) {
        List<FeedbackRecord> records = feedback.read(body, "cds-hooks/" + SERVICE_ID, clock.instant());
        try {
            records.forEach(audited::recordFeedback);
        } catch (AuditException e) {
            LOG.error("feedback could not be audited", e);
            throw CdsError.of(500, "the feedback could not be recorded",
                    "the audit log could not be written; see the service log");
        }
        LOG.info("feedback: {} item(s) recorded", records.size());
        return Json.MAPPER.createObjectNode().put("recorded", records.size());
    }

    /** @return {@code context.patientId} after checking the members the service needs */
    private static String checkRequest(JsonNode body) {
        if (!body.isObject()) {
            throw CdsError.of(400, "the request body must be a JSON object",
                    "see CDS Hooks 2.0, Calling a CDS Service");
        }
        List<String> problems = new ArrayList<>();
        JsonNode hook = body.get("hook");
        if (hook == null || !hook.isTextual()) {
            problems.add("hook is required");
        } else if (!HOOK.equals(hook.asText())) {
            problems.add("this service answers the hook " + HOOK + ", not " + hook.asText());
        }
        JsonNode instance = body.get("hookInstance");
        if (instance == null || !instance.isTextual() || !isUuid(instance.asText())) {
            problems.add("hookInstance is required and must be a UUID");
        }
        JsonNode context = body.get("context");
        JsonNode patientId = context == null ? null : context.get("patientId");
        if (context == null || !context.isObject()) {
            problems.add("context is required and must be an object");
        } else if (patientId == null || !patientId.isTextual() || patientId.asText().isBlank()) {
            problems.add("context.patientId is required");
        }
        JsonNode prefetch = body.get("prefetch");
        if (prefetch != null && !prefetch.isObject()) {
            problems.add("prefetch must be an object");
        }
        if (!problems.isEmpty()) {
            throw CdsError.of(400, "the request is not a valid " + HOOK + " call", problems);
        }
        return patientId.asText();
    }

    private CdsError unmappable(OperationOutcome outcome) {
        List<String> errors = new ArrayList<>();
        for (OperationOutcome.OperationOutcomeIssueComponent i : outcome.getIssue()) {
            if (i.getSeverity() == OperationOutcome.IssueSeverity.ERROR
                    || i.getSeverity() == OperationOutcome.IssueSeverity.FATAL) {
                errors.add(i.getDiagnostics());
            }
        }
        JsonNode oo;
        try {
            oo = Json.MAPPER.readTree(fhir.newJsonParser().encodeResourceToString(outcome));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("HAPI wrote JSON that does not parse", e);
        }
        return new CdsError(422, "the prefetched FHIR data cannot be read as a triage request; no decision was made",
                errors, Map.of("operationOutcome", oo), Map.of());
    }

    private static boolean isUuid(String s) {
        try {
            return UUID.fromString(s).toString().equalsIgnoreCase(s);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
