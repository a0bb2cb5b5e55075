package org.twitchtriage.fhir.internal;

import java.time.LocalDate;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.twitchtriage.fhir.ConceptMapEntry;
import org.twitchtriage.fhir.NotRead;
import org.twitchtriage.fhir.TriageConceptMap;
import org.twitchtriage.fhir.TriageFhir;
import org.twitchtriage.fhir.internal.CodeReader.Hit;
import org.twitchtriage.fhir.internal.Issues.Where;
import org.twitchtriage.model.Analyte;
import org.twitchtriage.model.Circumstance;
import org.twitchtriage.model.LabResult;
import org.twitchtriage.model.Symptom;
import org.twitchtriage.model.TriageRequest;
import org.twitchtriage.validation.RequestValidator;
import org.twitchtriage.validation.Violation;

/**
 * Maps one FHIR Bundle to a triage request: indexes the bundle, sorts each Condition and Observation by what its code
 * maps to and hands it to the reader of that kind ({@link TwitchReader}, {@link SymptomLinker},
 * {@link PregnancyReader}, {@link LabReader}, {@link PatientReader}), then builds the request and validates it. One
 * instance per call; not thread-safe. The conventions are described in {@code docs/fhir.md}.
 */
public final class RequestAssembler {
    private static final String CONDITION_CLINICAL = "http://terminology.hl7.org/CodeSystem/condition-clinical";
    private static final String CONDITION_VERIFICATION = "http://terminology.hl7.org/CodeSystem/condition-ver-status";
    private static final Set<String> NOT_CURRENT = Set.of("inactive", "remission", "resolved");
    private static final Set<String> NOT_TRUE = Set.of("refuted", "entered-in-error");
    /** English words for twitching and its neighbours, as a record's text or a code's display may use them. */
    private static final Pattern TWITCH_WORDS = Pattern.compile(
            "twitch|fascicul|myokymi|myoclon|spasm|jerk|\\btics?\\b|cramp", Pattern.CASE_INSENSITIVE);
    private static final Set<Observation.ObservationStatus> NOT_USED = EnumSet.of(
            Observation.ObservationStatus.ENTEREDINERROR, Observation.ObservationStatus.CANCELLED,
            Observation.ObservationStatus.REGISTERED);

    /**
     * What the mapping produced.
     *
     * @param request       the request, or {@code null} when the bundle could not be mapped
     * @param outcome       every issue found; at least one
     * @param twitchSources for each twitch id, the {@code Type/id} of the resource it was read from
     * @param notRead       what could not be read and was left out (or read as unknown)
     */
    public record Result(TriageRequest request, OperationOutcome outcome, Map<String, String> twitchSources,
                         List<NotRead> notRead) {
    }

    private final TriageConceptMap map;
    private final LocalDate evaluationDate;
    private final Issues issues = new Issues();
    private final Set<Circumstance> circumstances = EnumSet.noneOf(Circumstance.class);
    private final ReadContext ctx;
    private final TwitchReader twitches;
    private final SymptomLinker symptoms;
    private final PregnancyReader pregnancy;
    private final LabReader labs;

    /**
     * @param map            the concept map
     * @param bundle         the input
     * @param evaluationDate the date ages and durations are computed for
     */
    public RequestAssembler(TriageConceptMap map, Bundle bundle, LocalDate evaluationDate) {
        this.map = map;
        this.evaluationDate = evaluationDate;
        this.ctx = new ReadContext(issues, new BundleIndex(bundle, issues), new CodeReader(map, issues),
                new FhirDates(issues, evaluationDate), new LinkedHashMap<>());
        this.twitches = new TwitchReader(ctx);
        this.symptoms = new SymptomLinker(ctx, twitches);
        this.pregnancy = new PregnancyReader(ctx);
        this.labs = new LabReader(ctx);
    }

    /** @return the request (when possible) and the issues; call once */
    public Result run() {
        for (Located l : ctx.index().resources()) {
            Resource r = l.resource();
            if (r instanceof Condition c) {
                classify(l, c);
            } else if (r instanceof Observation o) {
                classify(l, o);
            } else if (!(r instanceof Patient)) {
                issues.information(l.at(""), "a " + r.fhirType() + " is not used by twitch-triage");
            }
        }
        symptoms.attach();
        List<TwitchDraft> drafts = twitches.twitches();
        if (drafts.isEmpty() && !issues.hasErrors()) {
            issues.error(IssueType.REQUIRED, Issues.bundle(""), "the bundle holds no twitch that can be read: add a "
                    + "Condition whose code is in the concept map as TWITCH (for example ICD-10-CM R25.3, or code "
                    + "TWITCH of " + TriageFhir.CONCEPT_SYSTEM + ")");
        }
        org.twitchtriage.model.Patient patient = ctx.index().patient() == null ? null : patient();
        Map<String, String> sources = new LinkedHashMap<>();
        drafts.forEach(t -> sources.put(t.id, t.source.resource().fhirType() + "/" + t.id));
        if (issues.hasErrors()) {
            return new Result(null, issues.outcome(), sources, issues.notRead());
        }
        TriageRequest.TriageRequestBuilder builder = TriageRequest.builder().patient(patient);
        for (int i = 0; i < drafts.size(); i++) {
            TwitchDraft t = drafts.get(i);
            builder.twitch(t.build());
            Where w = t.source.at("");
            ctx.modelLocations().put("twitches[" + i + "]", w);
            ctx.modelLocations().put("twitches[" + i + "].durationDays", w.then(".onset"));
            ctx.modelLocations().put("twitches[" + i + "].course",
                    w.then(ReadContext.extensionPath(TriageFhir.EXT_COURSE)));
        }
        TriageRequest request = builder.build();
        List<Violation> violations = new RequestValidator().validate(request);
        for (Violation v : violations) {
            issues.error(IssueType.BUSINESSRULE, locate(v.field()), v.message() + " (request field " + v.field()
                    + ")");
        }
        if (!violations.isEmpty()) {
            return new Result(null, issues.outcome(), sources, issues.notRead());
        }
        issues.information(Issues.bundle(""), summary(drafts.size(), patient.getLabResults().size()));
        return new Result(request, issues.outcome(), sources, issues.notRead());
    }

    private org.twitchtriage.model.Patient patient() {
        PatientReader.Read p = new PatientReader(ctx).read(ctx.index().patient());
        boolean pregnant = pregnancy.pregnant();
        List<LabResult> latest = labs.latest();
        return org.twitchtriage.model.Patient.builder().reference(p.reference()).ageYears(p.ageYears()).sex(p.sex())
                .pregnant(pregnant).circumstances(circumstances).labResults(latest).build();
    }

    private String summary(int twitchCount, int labCount) {
        return "mapped to a triage request with " + plural(twitchCount, "twitch", "twitches") + ", "
                + plural(labCount, "lab result", "lab results") + " and "
                + plural(circumstances.size(), "circumstance", "circumstances") + " (concept map " + map.name() + " "
                + map.version() + ", evaluation date " + evaluationDate + ")";
    }

    private static String plural(int n, String one, String many) {
        return n + " " + (n == 1 ? one : many);
    }

    // ---- classification: which reader a resource goes to -------------------------------------------------------

    private void classify(Located l, Condition c) {
        if (hasCode(c.getVerificationStatus(), CONDITION_VERIFICATION, NOT_TRUE)) {
            issues.information(l.at(".verificationStatus"), "the condition is refuted or entered in error; not used");
            return;
        }
        if (hasCode(c.getClinicalStatus(), CONDITION_CLINICAL, NOT_CURRENT)) {
            issues.information(l.at(".clinicalStatus"), "the condition is no longer active; not used");
            return;
        }
        Optional<ConceptMapEntry> e = coded(l, c.getCode(), c.getSubject(), "condition");
        if (e.isEmpty()) {
            return;
        }
        switch (e.get().target()) {
            case TWITCH -> twitches.read(l, c);
            case SYMPTOM -> symptoms.add(l, e.get().valueAs(Symptom.class));
            case CIRCUMSTANCE -> circumstances.add(e.get().valueAs(Circumstance.class));
            case PREGNANCY -> pregnancy.stated(e.get().value(), l, c);
            default -> notReadFrom(l, e.get(), "a Condition", "condition");
        }
    }

    private void classify(Located l, Observation o) {
        if (NOT_USED.contains(o.getStatus())) {
            issues.information(l.at(".status"), "the observation's status is " + o.getStatus().toCode()
                    + "; not used");
            return;
        }
        Optional<ConceptMapEntry> e = coded(l, o.getCode(), o.getSubject(), "observation");
        if (e.isEmpty()) {
            return;
        }
        switch (e.get().target()) {
            case TWITCH -> twitches.read(l, o);
            case SYMPTOM -> {
                if (!statedAbsent(l, o)) {
                    symptoms.add(l, e.get().valueAs(Symptom.class));
                }
            }
            case CIRCUMSTANCE -> {
                if (!statedAbsent(l, o)) {
                    circumstances.add(e.get().valueAs(Circumstance.class));
                }
            }
            case PREGNANCY_STATUS -> pregnancy.read(l, o);
            case ANALYTE -> labs.read(l, o, e.get().valueAs(Analyte.class));
            default -> notReadFrom(l, e.get(), "an Observation", "observation");
        }
    }

    /** @return the mapping of the resource's code, when it has one and its subject is the bundle's Patient */
    private Optional<ConceptMapEntry> coded(Located l, CodeableConcept code, Reference subject,
                                            String kind) {
        Optional<Hit> hit = ctx.codes().lookup(code);
        if (hit.isEmpty()) {
            if (mayBeTwitch(code)) {
                // it may be the twitch itself, recorded in words or in a code the map does not know: say so, so that
                // "nothing found" and "could not be read" are told apart
                issues.notRead(NotRead.Part.RECORD, IssueType.NOTSUPPORTED, l.at(".code"), "the " + kind + " "
                        + (code == null || code.getCoding().isEmpty() ? "has no coding (text alone cannot be read)"
                        : "has no code that is in the concept map, and its words suggest twitching") + "; the "
                        + kind + " is not used");
            } else {
                issues.warning(IssueType.NOTSUPPORTED, l.at(".code"), "none of the " + kind + "'s codes is in the "
                        + "concept map; the " + kind + " is not used");
            }
            return Optional.empty();
        }
        if (!ctx.checkSubject(l, subject, ".subject")) {
            return Optional.empty();
        }
        ctx.codes().warnIfUnconfirmed(l, ".code.coding[" + hit.get().codingIndex() + "]", hit.get().entry());
        return Optional.of(hit.get().entry());
    }

    /**
     * @return true when an unreadable code may hide a twitch: it has no coding at all (text only), or its text or a
     *         coding's display uses a word for twitching ({@link #TWITCH_WORDS}). Other unknown codes (hypertension,
     *         say) are not about twitching as far as can be told and are only reported as not used.
     */
    private static boolean mayBeTwitch(CodeableConcept code) {
        if (code == null || code.getCoding().isEmpty()) {
            return true;
        }
        StringBuilder words = new StringBuilder(code.hasText() ? code.getText() : "");
        code.getCoding().forEach(c -> words.append(' ').append(c.hasDisplay() ? c.getDisplay() : ""));
        return TWITCH_WORDS.matcher(words).find();
    }

    private void notReadFrom(Located l, ConceptMapEntry e, String resource, String kind) {
        issues.warning(IssueType.NOTSUPPORTED, l.at(".code"), "the code stands for " + e.target() + " " + e.value()
                + ", which is not read from " + resource + "; the " + kind + " is not used");
    }

    private boolean statedAbsent(Located l, Observation o) {
        if (o.getValue() instanceof BooleanType b && b.hasValue() && !b.booleanValue()) {
            issues.information(l.at(".valueBoolean"), "the observation states the finding is absent; not counted");
            return true;
        }
        return false;
    }

    private static boolean hasCode(CodeableConcept cc, String system, Set<String> codes) {
        return cc != null && cc.getCoding().stream()
                .anyMatch(c -> system.equals(c.getSystem()) && c.getCode() != null && codes.contains(c.getCode()));
    }

    /** @return the FHIR element a request field was read from: the longest recorded prefix of the field */
    private Where locate(String field) {
        Where best = null;
        int bestLength = -1;
        for (Map.Entry<String, Where> e : ctx.modelLocations().entrySet()) {
            String key = e.getKey();
            boolean prefix = field.equals(key) || field.startsWith(key + ".") || field.startsWith(key + "[");
            if (prefix && key.length() > bestLength) {
                best = e.getValue();
                bestLength = key.length();
            }
        }
        return best == null ? Issues.bundle("") : best;
    }
}
