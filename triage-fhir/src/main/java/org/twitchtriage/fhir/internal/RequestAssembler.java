package org.twitchtriage.fhir.internal;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.Period;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.hl7.fhir.r4.model.BaseDateTimeType;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.DomainResource;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.twitchtriage.fhir.ConceptMapEntry;
import org.twitchtriage.fhir.ConceptTarget;
import org.twitchtriage.fhir.TriageConceptMap;
import org.twitchtriage.fhir.TriageFhir;
import org.twitchtriage.fhir.internal.Issues.Where;
import org.twitchtriage.model.Analyte;
import org.twitchtriage.model.BodySite;
import org.twitchtriage.model.Circumstance;
import org.twitchtriage.model.Course;
import org.twitchtriage.model.LabResult;
import org.twitchtriage.model.LabUnit;
import org.twitchtriage.model.SelfCare;
import org.twitchtriage.model.Sex;
import org.twitchtriage.model.Symptom;
import org.twitchtriage.model.TriageRequest;
import org.twitchtriage.model.Twitch;
import org.twitchtriage.model.Visibility;
import org.twitchtriage.validation.RequestValidator;
import org.twitchtriage.validation.Violation;

/**
 * Maps one FHIR Bundle to a triage request. One instance per call; not thread-safe. The conventions are described in
 * {@code docs/fhir.md}.
 */
public final class RequestAssembler {
    static final String UCUM = "http://unitsofmeasure.org";
    private static final String CONDITION_CLINICAL = "http://terminology.hl7.org/CodeSystem/condition-clinical";
    private static final String CONDITION_VERIFICATION = "http://terminology.hl7.org/CodeSystem/condition-ver-status";
    private static final Set<String> NOT_CURRENT = Set.of("inactive", "remission", "resolved");
    private static final Set<String> NOT_TRUE = Set.of("refuted", "entered-in-error");

    /**
     * What the mapping produced.
     *
     * @param request       the request, or {@code null} when the bundle could not be mapped
     * @param outcome       every issue found; at least one
     * @param twitchSources for each twitch id, the {@code Type/id} of the resource it was read from
     */
    public record Result(TriageRequest request, OperationOutcome outcome, Map<String, String> twitchSources) {
    }

    /** A resource of the bundle with its position and a readable label. */
    record Located(Resource resource, int index, String label) {
        Where at(String path) {
            return new Where(label, index, path);
        }
    }

    /** A twitch under construction. */
    private static final class TwitchDraft {
        final Located source;
        final String id;
        BodySite site;
        Course course;
        Visibility visibility;
        SelfCare selfCare = SelfCare.NOT_TRIED;
        boolean beforeSleep;
        Integer durationDays;
        final Set<Symptom> symptoms = EnumSet.noneOf(Symptom.class);

        TwitchDraft(Located source, String id) {
            this.source = source;
            this.id = id;
        }
    }

    /** A symptom read from its own resource. */
    private record SymptomSource(Located located, Symptom symptom) {
    }

    /** A lab result with the date it was taken. */
    private record LabDraft(Located located, LabResult result, LocalDate date) {
    }

    private final TriageConceptMap map;
    private final Bundle bundle;
    private final LocalDate evaluationDate;
    private final Issues issues = new Issues();
    private final List<Located> located = new ArrayList<>();
    private final Map<String, Located> byReference = new HashMap<>();
    private final Map<String, Where> modelLocations = new LinkedHashMap<>();

    private Located patient;
    private final List<TwitchDraft> twitches = new ArrayList<>();
    private final Map<Resource, TwitchDraft> twitchByResource = new IdentityHashMap<>();
    private final List<SymptomSource> symptomSources = new ArrayList<>();
    private final Map<Resource, SymptomSource> symptomByResource = new IdentityHashMap<>();
    private final Map<Resource, List<TwitchDraft>> symptomLinks = new IdentityHashMap<>();
    private final Set<Circumstance> circumstances = EnumSet.noneOf(Circumstance.class);
    private final Map<String, Where> pregnancyStatements = new LinkedHashMap<>();
    private final List<LabDraft> labs = new ArrayList<>();

    /**
     * @param map            the concept map
     * @param bundle         the input
     * @param evaluationDate the date ages and durations are computed for
     */
    public RequestAssembler(TriageConceptMap map, Bundle bundle, LocalDate evaluationDate) {
        this.map = map;
        this.bundle = bundle;
        this.evaluationDate = evaluationDate;
    }

    /** @return the request (when possible) and the issues */
    public Result run() {
        index();
        findPatient();
        for (Located l : located) {
            Resource r = l.resource();
            if (r instanceof Patient) {
                continue;
            }
            if (r instanceof Condition c) {
                classifyCondition(l, c);
            } else if (r instanceof Observation o) {
                classifyObservation(l, o);
            } else {
                issues.information(l.at(""), "a " + r.fhirType() + " is not used by twitch-triage");
            }
        }
        readTwitchLinks();
        attachSymptoms();
        if (twitches.isEmpty() && !issues.hasErrors()) {
            issues.error(IssueType.REQUIRED, Issues.bundle(""), "the bundle holds no twitch: add a Condition whose "
                    + "code is in the concept map as TWITCH (for example ICD-10-CM R25.3, or code TWITCH of "
                    + TriageFhir.CONCEPT_SYSTEM + ")");
        }
        org.twitchtriage.model.Patient modelPatient = patient == null ? null : buildPatient();
        Map<String, String> sources = new LinkedHashMap<>();
        for (TwitchDraft t : twitches) {
            sources.put(t.id, t.source.resource().fhirType() + "/" + t.id);
        }
        if (issues.hasErrors()) {
            return new Result(null, issues.outcome(), sources);
        }
        TriageRequest.TriageRequestBuilder builder = TriageRequest.builder().patient(modelPatient);
        for (int i = 0; i < twitches.size(); i++) {
            TwitchDraft t = twitches.get(i);
            builder.twitch(Twitch.builder().id(t.id).site(t.site).course(t.course).visibility(t.visibility)
                    .selfCare(t.selfCare).beforeSleep(t.beforeSleep).durationDays(t.durationDays)
                    .symptoms(t.symptoms).build());
            Where w = t.source.at("");
            modelLocations.put("twitches[" + i + "]", w);
            modelLocations.put("twitches[" + i + "].durationDays", w.then(".onset"));
            modelLocations.put("twitches[" + i + "].course", w.then(extensionPath(TriageFhir.EXT_COURSE)));
        }
        TriageRequest request = builder.build();
        List<Violation> violations = new RequestValidator().validate(request);
        for (Violation v : violations) {
            issues.error(IssueType.BUSINESSRULE, locate(v.field()), v.message() + " (request field " + v.field()
                    + ")");
        }
        if (!violations.isEmpty()) {
            return new Result(null, issues.outcome(), sources);
        }
        issues.information(Issues.bundle(""), "mapped to a triage request with " + twitches.size() + " twitch"
                + (twitches.size() == 1 ? "" : "es") + ", " + modelPatient.getLabResults().size() + " lab result"
                + (modelPatient.getLabResults().size() == 1 ? "" : "s") + " and " + circumstances.size()
                + " circumstance" + (circumstances.size() == 1 ? "" : "s") + " (concept map " + map.name() + " "
                + map.version() + ", evaluation date " + evaluationDate + ")");
        return new Result(request, issues.outcome(), sources);
    }

    // ---- indexing ------------------------------------------------------------------------------------------------

    private void index() {
        List<Bundle.BundleEntryComponent> entries = bundle.getEntry();
        for (int i = 0; i < entries.size(); i++) {
            Bundle.BundleEntryComponent entry = entries.get(i);
            Resource r = entry.getResource();
            if (r == null) {
                issues.warning(IssueType.INCOMPLETE, Issues.bundle(".entry[" + i + "]"),
                        "the entry holds no resource; ignored");
                continue;
            }
            String id = r.getIdElement().getIdPart();
            String label;
            if (r instanceof Patient) {
                label = "Patient";
            } else if (id != null && !id.isBlank()) {
                label = r.fhirType() + "/" + id;
            } else {
                label = r.fhirType() + "@entry[" + i + "]";
            }
            Located l = new Located(r, i, label);
            located.add(l);
            if (id != null && !id.isBlank()) {
                byReference.putIfAbsent(r.fhirType() + "/" + id, l);
            }
            if (entry.hasFullUrl()) {
                byReference.putIfAbsent(entry.getFullUrl(), l);
            }
        }
    }

    private Located resolve(Reference ref) {
        if (ref == null || !ref.hasReference()) {
            return null;
        }
        String value = ref.getReference();
        Located hit = byReference.get(value);
        if (hit != null) {
            return hit;
        }
        int history = value.indexOf("/_history/");
        String plain = history < 0 ? value : value.substring(0, history);
        String[] parts = plain.split("/");
        if (parts.length >= 2) {
            return byReference.get(parts[parts.length - 2] + "/" + parts[parts.length - 1]);
        }
        return null;
    }

    private void findPatient() {
        List<Located> patients = located.stream().filter(l -> l.resource() instanceof Patient).toList();
        if (patients.isEmpty()) {
            issues.error(IssueType.REQUIRED, Issues.bundle(".entry"), "the bundle holds no Patient resource");
            return;
        }
        if (patients.size() > 1) {
            for (Located p : patients.subList(1, patients.size())) {
                issues.error(IssueType.BUSINESSRULE, new Where("Patient@entry[" + p.index() + "]", p.index(), ""),
                        "the bundle holds more than one Patient; send one patient per bundle");
            }
        }
        patient = patients.get(0);
    }

    /** Checks that a reference to the patient points at the bundle's Patient. */
    private boolean checkSubject(Located l, Reference subject, String path) {
        if (subject == null || subject.isEmpty() || patient == null) {
            return true;
        }
        Located target = resolve(subject);
        if (target == patient) {
            return true;
        }
        if (target == null) {
            issues.error(IssueType.NOTFOUND, l.at(path), "refers to a patient that is not in the bundle");
        } else {
            issues.error(IssueType.BUSINESSRULE, l.at(path), "refers to a " + target.resource().fhirType()
                    + ", not to the bundle's Patient");
        }
        return false;
    }

    // ---- classification --------------------------------------------------------------------------------------

    /** The first coding of a concept that the map reads, with its index. */
    private record Hit(ConceptMapEntry entry, int codingIndex) {
    }

    private Optional<Hit> lookup(CodeableConcept cc) {
        if (cc == null) {
            return Optional.empty();
        }
        List<Coding> codings = cc.getCoding();
        for (int k = 0; k < codings.size(); k++) {
            Coding c = codings.get(k);
            Optional<ConceptMapEntry> e = map.lookup(c.getSystem(), c.getCode());
            if (e.isPresent()) {
                return Optional.of(new Hit(e.get(), k));
            }
        }
        return Optional.empty();
    }

    /** Looks up a concept that must map to {@code expected}; reports an error naming each coding otherwise. */
    private Optional<ConceptMapEntry> require(Located l, CodeableConcept cc, String path, ConceptTarget expected,
                                              String what) {
        if (cc == null || cc.getCoding().isEmpty()) {
            issues.error(IssueType.REQUIRED, l.at(path), what + " has no coding; give a code from the concept map"
                    + (cc != null && cc.hasText() ? " (text alone cannot be read)" : ""));
            return Optional.empty();
        }
        Optional<Hit> hit = lookup(cc);
        if (hit.isPresent() && hit.get().entry().target() == expected) {
            warnIfUnconfirmed(l, path + ".coding[" + hit.get().codingIndex() + "]", hit.get().entry());
            return Optional.of(hit.get().entry());
        }
        if (hit.isPresent()) {
            int k = hit.get().codingIndex();
            ConceptMapEntry e = hit.get().entry();
            issues.error(IssueType.CODEINVALID, l.at(path + ".coding[" + k + "]"), "code " + e.code() + " of "
                    + e.system() + " stands for " + e.target() + " " + e.value() + ", not for " + what);
            return Optional.empty();
        }
        List<Coding> codings = cc.getCoding();
        for (int k = 0; k < codings.size(); k++) {
            Coding c = codings.get(k);
            issues.error(IssueType.CODEINVALID, l.at(path + ".coding[" + k + "]"), describe(c)
                    + " is not in the concept map (" + map.name() + " " + map.version() + "), so " + what
                    + " cannot be read; use a listed code or add this one to the map");
        }
        return Optional.empty();
    }

    private void warnIfUnconfirmed(Located l, String path, ConceptMapEntry e) {
        if (!e.confirmed()) {
            issues.warning(IssueType.CODEINVALID, l.at(path), "code " + e.code() + " of " + e.system()
                    + " is read as " + e.target() + " " + e.value() + ", but the concept map marks it as not "
                    + "confirmed: " + e.note());
        }
    }

    private static String describe(Coding c) {
        if (!c.hasCode()) {
            return "a coding without a code";
        }
        return "code " + c.getCode() + (c.hasSystem() ? " of " + c.getSystem() : " without a system");
    }

    private void classifyCondition(Located l, Condition c) {
        if (hasCode(c.getVerificationStatus(), CONDITION_VERIFICATION, NOT_TRUE)) {
            issues.information(l.at(".verificationStatus"), "the condition is refuted or entered in error; not used");
            return;
        }
        if (hasCode(c.getClinicalStatus(), CONDITION_CLINICAL, NOT_CURRENT)) {
            issues.information(l.at(".clinicalStatus"), "the condition is no longer active; not used");
            return;
        }
        Optional<Hit> hit = lookup(c.getCode());
        if (hit.isEmpty()) {
            issues.warning(IssueType.NOTSUPPORTED, l.at(".code"), "none of the condition's codes is in the concept "
                    + "map; the condition is not used");
            return;
        }
        if (!checkSubject(l, c.getSubject(), ".subject")) {
            return;
        }
        ConceptMapEntry e = hit.get().entry();
        warnIfUnconfirmed(l, ".code.coding[" + hit.get().codingIndex() + "]", e);
        switch (e.target()) {
            case TWITCH -> readConditionTwitch(l, c);
            case SYMPTOM -> addSymptomSource(l, e.valueAs(Symptom.class));
            case CIRCUMSTANCE -> circumstances.add(e.valueAs(Circumstance.class));
            case PREGNANCY -> pregnancyStatements.put(e.value() + "@" + l.index(), l.at(".code"));
            default -> issues.warning(IssueType.NOTSUPPORTED, l.at(".code"), "the code stands for " + e.target()
                    + " " + e.value() + ", which is not read from a Condition; the condition is not used");
        }
    }

    private void classifyObservation(Located l, Observation o) {
        Observation.ObservationStatus status = o.getStatus();
        if (status == Observation.ObservationStatus.ENTEREDINERROR || status == Observation.ObservationStatus.CANCELLED
                || status == Observation.ObservationStatus.REGISTERED) {
            issues.information(l.at(".status"), "the observation's status is " + status.toCode() + "; not used");
            return;
        }
        Optional<Hit> hit = lookup(o.getCode());
        if (hit.isEmpty()) {
            issues.warning(IssueType.NOTSUPPORTED, l.at(".code"), "none of the observation's codes is in the "
                    + "concept map; the observation is not used");
            return;
        }
        if (!checkSubject(l, o.getSubject(), ".subject")) {
            return;
        }
        ConceptMapEntry e = hit.get().entry();
        warnIfUnconfirmed(l, ".code.coding[" + hit.get().codingIndex() + "]", e);
        switch (e.target()) {
            case TWITCH -> readObservationTwitch(l, o);
            case SYMPTOM -> {
                if (statedAbsent(l, o)) {
                    return;
                }
                addSymptomSource(l, e.valueAs(Symptom.class));
            }
            case CIRCUMSTANCE -> {
                if (!statedAbsent(l, o)) {
                    circumstances.add(e.valueAs(Circumstance.class));
                }
            }
            case PREGNANCY_STATUS -> readPregnancyStatus(l, o);
            case ANALYTE -> readLab(l, o, e.valueAs(Analyte.class));
            default -> issues.warning(IssueType.NOTSUPPORTED, l.at(".code"), "the code stands for " + e.target()
                    + " " + e.value() + ", which is not read from an Observation; the observation is not used");
        }
    }

    private boolean statedAbsent(Located l, Observation o) {
        if (o.getValue() instanceof BooleanType b && b.hasValue() && !b.booleanValue()) {
            issues.information(l.at(".valueBoolean"), "the observation states the finding is absent; not counted");
            return true;
        }
        return false;
    }

    private static boolean hasCode(CodeableConcept cc, String system, Set<String> codes) {
        if (cc == null) {
            return false;
        }
        for (Coding c : cc.getCoding()) {
            if (system.equals(c.getSystem()) && codes.contains(c.getCode())) {
                return true;
            }
        }
        return false;
    }

    // ---- twitches --------------------------------------------------------------------------------------------

    private TwitchDraft startTwitch(Located l) {
        String id = l.resource().getIdElement().getIdPart();
        if (id == null || id.isBlank()) {
            issues.error(IssueType.REQUIRED, l.at(".id"), "the twitch has no id; give the resource an id, which "
                    + "becomes the twitch id in the decision");
            id = "entry-" + l.index();
        }
        TwitchDraft t = new TwitchDraft(l, id);
        twitches.add(t);
        twitchByResource.put(l.resource(), t);
        return t;
    }

    private void readConditionTwitch(Located l, Condition c) {
        TwitchDraft t = startTwitch(l);
        List<CodeableConcept> sites = c.getBodySite();
        readSites(t, sites, ".bodySite[", "]");
        readTwitchExtensions(t, c);
        if (c.hasOnsetDateTimeType()) {
            t.durationDays = durationSince(l, c.getOnsetDateTimeType(), ".onsetDateTime");
        } else if (c.hasOnsetPeriod() && c.getOnsetPeriod().hasStartElement()) {
            t.durationDays = durationSince(l, c.getOnsetPeriod().getStartElement(), ".onsetPeriod.start");
        } else if (c.hasOnset()) {
            issues.warning(IssueType.NOTSUPPORTED, l.at(".onset"), "only onsetDateTime and onsetPeriod.start are "
                    + "read; the duration is left unstated");
        }
    }

    private void readObservationTwitch(Located l, Observation o) {
        TwitchDraft t = startTwitch(l);
        List<CodeableConcept> sites = o.hasBodySite() ? List.of(o.getBodySite()) : List.of();
        readSites(t, sites, ".bodySite", "");
        readTwitchExtensions(t, o);
    }

    private void readSites(TwitchDraft t, List<CodeableConcept> sites, String prefix, String suffix) {
        Located l = t.source;
        if (sites.isEmpty()) {
            issues.error(IssueType.REQUIRED, l.at(prefix.replace("[", "")), "the twitch has no body site; "
                    + "the body site is required");
            return;
        }
        Set<BodySite> found = new LinkedHashSet<>();
        for (int j = 0; j < sites.size(); j++) {
            String path = sites.size() == 1 && suffix.isEmpty() ? prefix : prefix + j + suffix;
            require(l, sites.get(j), path, ConceptTarget.BODY_SITE, "the body site")
                    .ifPresent(e -> found.add(e.valueAs(BodySite.class)));
        }
        if (found.size() > 1) {
            issues.error(IssueType.BUSINESSRULE, l.at(prefix.replace("[", "")), "the twitch names more than one "
                    + "body site (" + found + "); record one twitch per body site");
        } else if (found.size() == 1) {
            t.site = found.iterator().next();
        }
    }

    private void readTwitchExtensions(TwitchDraft t, DomainResource r) {
        Located l = t.source;
        Extension course = single(l, r, TriageFhir.EXT_COURSE);
        if (course == null) {
            issues.error(IssueType.REQUIRED, l.at(extensionPath(TriageFhir.EXT_COURSE)), "the twitch's course is "
                    + "missing (NEW, PERSISTING, INCREASING or IMPROVING); add the course extension");
        } else {
            concept(l, course, TriageFhir.EXT_COURSE, ConceptTarget.COURSE, "the course")
                    .ifPresent(e -> t.course = e.valueAs(Course.class));
        }
        Extension visibility = single(l, r, TriageFhir.EXT_VISIBILITY);
        if (visibility != null) {
            concept(l, visibility, TriageFhir.EXT_VISIBILITY, ConceptTarget.VISIBILITY, "the visibility")
                    .ifPresent(e -> t.visibility = e.valueAs(Visibility.class));
        }
        Extension selfCare = single(l, r, TriageFhir.EXT_SELF_CARE);
        if (selfCare != null) {
            concept(l, selfCare, TriageFhir.EXT_SELF_CARE, ConceptTarget.SELF_CARE, "the self-care result")
                    .ifPresent(e -> t.selfCare = e.valueAs(SelfCare.class));
        }
        Extension beforeSleep = single(l, r, TriageFhir.EXT_BEFORE_SLEEP);
        if (beforeSleep != null) {
            if (beforeSleep.getValue() instanceof BooleanType b && b.hasValue()) {
                t.beforeSleep = b.booleanValue();
            } else {
                issues.error(IssueType.VALUE, l.at(extensionPath(TriageFhir.EXT_BEFORE_SLEEP) + ".value"),
                        "must be a valueBoolean");
            }
        }
    }

    private Extension single(Located l, DomainResource r, String url) {
        List<Extension> found = r.getExtensionsByUrl(url);
        if (found.size() > 1) {
            issues.error(IssueType.BUSINESSRULE, l.at(extensionPath(url)), "the extension appears " + found.size()
                    + " times; give it once");
        }
        return found.isEmpty() ? null : found.get(0);
    }

    private Optional<ConceptMapEntry> concept(Located l, Extension ext, String url, ConceptTarget target,
                                              String what) {
        String path = extensionPath(url) + ".value";
        if (!(ext.getValue() instanceof CodeableConcept cc)) {
            issues.error(IssueType.VALUE, l.at(path), what + " must be a valueCodeableConcept");
            return Optional.empty();
        }
        return require(l, cc, path, target, what);
    }

    static String extensionPath(String url) {
        return ".extension('" + url + "')";
    }

    private Integer durationSince(Located l, BaseDateTimeType onset, String path) {
        LocalDate start = startDate(l, onset, path);
        if (start == null) {
            return null;
        }
        long days = ChronoUnit.DAYS.between(start, evaluationDate);
        if (days < 0) {
            issues.error(IssueType.VALUE, l.at(path), "the onset lies after the evaluation date " + evaluationDate);
            return null;
        }
        if (days > RequestValidator.MAX_DURATION_DAYS) {
            issues.error(IssueType.VALUE, l.at(path), "the onset lies more than " + RequestValidator.MAX_DURATION_DAYS
                    + " days before the evaluation date");
            return null;
        }
        return (int) days;
    }

    // ---- symptoms --------------------------------------------------------------------------------------------

    private void addSymptomSource(Located l, Symptom symptom) {
        SymptomSource s = new SymptomSource(l, symptom);
        symptomSources.add(s);
        symptomByResource.put(l.resource(), s);
    }

    private void readTwitchLinks() {
        for (TwitchDraft t : twitches) {
            Resource r = t.source.resource();
            if (r instanceof Condition c) {
                List<Condition.ConditionEvidenceComponent> evidence = c.getEvidence();
                for (int e = 0; e < evidence.size(); e++) {
                    List<CodeableConcept> codes = evidence.get(e).getCode();
                    for (int k = 0; k < codes.size(); k++) {
                        require(t.source, codes.get(k), ".evidence[" + e + "].code[" + k + "]", ConceptTarget.SYMPTOM,
                                "a symptom").ifPresent(en -> t.symptoms.add(en.valueAs(Symptom.class)));
                    }
                    List<Reference> details = evidence.get(e).getDetail();
                    for (int d = 0; d < details.size(); d++) {
                        link(t, details.get(d), ".evidence[" + e + "].detail[" + d + "]");
                    }
                }
            } else if (r instanceof Observation o) {
                List<Reference> members = o.getHasMember();
                for (int d = 0; d < members.size(); d++) {
                    link(t, members.get(d), ".hasMember[" + d + "]");
                }
            }
        }
        for (SymptomSource s : symptomSources) {
            if (s.located().resource() instanceof Observation o) {
                List<Reference> focus = o.getFocus();
                for (int f = 0; f < focus.size(); f++) {
                    Located target = resolve(focus.get(f));
                    TwitchDraft t = target == null ? null : twitchByResource.get(target.resource());
                    if (t == null) {
                        issues.error(IssueType.NOTFOUND, s.located().at(".focus[" + f + "]"), "does not refer to a "
                                + "twitch in the bundle");
                    } else {
                        symptomLinks.computeIfAbsent(o, k -> new ArrayList<>()).add(t);
                    }
                }
            }
        }
    }

    private void link(TwitchDraft t, Reference ref, String path) {
        Located target = resolve(ref);
        if (target == null) {
            issues.error(IssueType.NOTFOUND, t.source.at(path), "refers to a resource that is not in the bundle");
            return;
        }
        if (!symptomByResource.containsKey(target.resource())) {
            issues.error(IssueType.CODEINVALID, t.source.at(path), "refers to " + target.label()
                    + ", which does not state a symptom from the concept map (or was not used; see its own issue)");
            return;
        }
        symptomLinks.computeIfAbsent(target.resource(), k -> new ArrayList<>()).add(t);
    }

    private void attachSymptoms() {
        for (SymptomSource s : symptomSources) {
            List<TwitchDraft> linked = symptomLinks.get(s.located().resource());
            if (linked != null) {
                linked.forEach(t -> t.symptoms.add(s.symptom()));
            } else if (twitches.size() == 1) {
                twitches.get(0).symptoms.add(s.symptom());
                issues.information(s.located().at(""), "read as " + s.symptom() + " accompanying the only twitch ("
                        + twitches.get(0).source.label() + ")");
            } else if (!twitches.isEmpty()) {
                issues.error(IssueType.BUSINESSRULE, s.located().at(""), "states " + s.symptom() + " but no twitch "
                        + "refers to it and there are " + twitches.size() + " twitches; reference it from the "
                        + "twitch's Condition.evidence.detail (or Observation.focus)");
            } else {
                issues.warning(IssueType.NOTSUPPORTED, s.located().at(""), "states " + s.symptom() + " but the "
                        + "bundle holds no twitch; not used");
            }
        }
    }

    // ---- pregnancy, labs --------------------------------------------------------------------------------------

    private void readPregnancyStatus(Located l, Observation o) {
        if (!o.hasValue()) {
            issues.error(IssueType.REQUIRED, l.at(".value"), "the pregnancy status has no value");
            return;
        }
        if (!(o.getValue() instanceof CodeableConcept cc)) {
            issues.error(IssueType.VALUE, l.at(".value"), "the pregnancy status must be a valueCodeableConcept");
            return;
        }
        require(l, cc, ".valueCodeableConcept", ConceptTarget.PREGNANCY, "the pregnancy status")
                .ifPresent(e -> pregnancyStatements.put(e.value() + "@" + l.index(),
                        l.at(".valueCodeableConcept")));
    }

    private boolean pregnant() {
        Map<String, Where> pregnant = new LinkedHashMap<>();
        Map<String, Where> notPregnant = new LinkedHashMap<>();
        for (Map.Entry<String, Where> s : pregnancyStatements.entrySet()) {
            String value = s.getKey().substring(0, s.getKey().indexOf('@'));
            switch (value) {
                case "PREGNANT" -> pregnant.put(s.getKey(), s.getValue());
                case "NOT_PREGNANT" -> notPregnant.put(s.getKey(), s.getValue());
                default -> issues.information(s.getValue(), "the pregnancy status is unknown; read as not pregnant");
            }
        }
        if (!pregnant.isEmpty() && !notPregnant.isEmpty()) {
            Where first = notPregnant.values().iterator().next();
            issues.error(IssueType.BUSINESSRULE, first, "the bundle states both pregnant ("
                    + pregnant.values().iterator().next().readable() + ") and not pregnant; send one status");
            return false;
        }
        if (!pregnant.isEmpty()) {
            modelLocations.put("patient.pregnant", pregnant.values().iterator().next());
            return true;
        }
        return false;
    }

    private void readLab(Located l, Observation o, Analyte analyte) {
        if (!o.hasValue()) {
            issues.error(IssueType.REQUIRED, l.at(".value"), "the " + analyte.display() + " result has no value");
            return;
        }
        if (!(o.getValue() instanceof Quantity q)) {
            issues.error(IssueType.VALUE, l.at(".value"), "the " + analyte.display() + " result must be a "
                    + "valueQuantity");
            return;
        }
        BigDecimal value = q.getValue();
        if (value == null) {
            issues.error(IssueType.REQUIRED, l.at(".valueQuantity.value"), "the result has no number");
            return;
        }
        if (q.hasComparator()) {
            issues.error(IssueType.VALUE, l.at(".valueQuantity.comparator"), "a value with a comparator ("
                    + q.getComparator().toCode() + ") cannot be judged against the reference range");
            return;
        }
        if (q.hasSystem() && !UCUM.equals(q.getSystem())) {
            issues.error(IssueType.NOTSUPPORTED, l.at(".valueQuantity.system"), "units must be UCUM (" + UCUM
                    + "); the unit system is not supported");
            return;
        }
        String unitCode = q.hasCode() ? q.getCode() : q.getUnit();
        String unitPath = q.hasCode() ? ".valueQuantity.code" : ".valueQuantity.unit";
        if (unitCode == null || unitCode.isBlank()) {
            issues.error(IssueType.REQUIRED, l.at(".valueQuantity.code"), "the result has no unit");
            return;
        }
        Optional<ConceptMapEntry> unit = map.lookup(UCUM, unitCode).filter(e -> e.target() == ConceptTarget.UNIT);
        if (unit.isEmpty()) {
            issues.error(IssueType.NOTSUPPORTED, l.at(unitPath), "the unit '" + unitCode + "' is not supported for "
                    + analyte.display() + "; use mmol/L, mg/dL or meq/L");
            return;
        }
        warnIfUnconfirmed(l, unitPath, unit.get());
        LocalDate date = null;
        if (o.hasEffectiveDateTimeType()) {
            date = startDate(l, o.getEffectiveDateTimeType(), ".effectiveDateTime");
        } else if (o.hasEffectivePeriod() && o.getEffectivePeriod().hasStartElement()) {
            date = startDate(l, o.getEffectivePeriod().getStartElement(), ".effectivePeriod.start");
        }
        if (date != null && date.isAfter(evaluationDate)) {
            issues.warning(IssueType.INFORMATIONAL, l.at(".effective"), "the result is dated after the evaluation "
                    + "date " + evaluationDate + "; not used");
            return;
        }
        LabResult result = LabResult.builder().analyte(analyte).value(value).unit(unit.get().valueAs(LabUnit.class))
                .build();
        labs.add(new LabDraft(l, result, date));
    }

    private List<LabResult> latestLabs() {
        Map<Analyte, List<LabDraft>> byAnalyte = new EnumMap<>(Analyte.class);
        for (LabDraft d : labs) {
            byAnalyte.computeIfAbsent(d.result().getAnalyte(), k -> new ArrayList<>()).add(d);
        }
        List<LabResult> out = new ArrayList<>();
        for (List<LabDraft> drafts : byAnalyte.values()) {
            LabDraft latest = drafts.stream().max(Comparator.comparing(LabDraft::date,
                    Comparator.nullsFirst(Comparator.naturalOrder()))).orElseThrow();
            for (LabDraft d : drafts) {
                if (d != latest) {
                    issues.information(d.located().at(""), "an earlier " + d.result().getAnalyte().display()
                            + " result; the most recent one (" + latest.located().label() + ") is used");
                }
            }
            modelLocations.put("patient.labResults[" + out.size() + "]", latest.located().at(".valueQuantity"));
            out.add(latest.result());
        }
        return out;
    }

    // ---- patient ---------------------------------------------------------------------------------------------

    private org.twitchtriage.model.Patient buildPatient() {
        Patient p = (Patient) patient.resource();
        modelLocations.put("patient", patient.at(""));
        modelLocations.put("patient.reference", patient.at(".id"));
        modelLocations.put("patient.ageYears", patient.at(".birthDate"));
        modelLocations.put("patient.sex", patient.at(".gender"));
        modelLocations.put("patient.pregnant", patient.at(""));
        String reference = p.getIdElement().getIdPart();
        if (reference == null || reference.isBlank()) {
            reference = p.getIdentifier().stream().filter(Identifier::hasValue).map(Identifier::getValue)
                    .findFirst().orElse(null);
            if (reference == null) {
                issues.error(IssueType.REQUIRED, patient.at(".id"), "the Patient has neither an id nor an "
                        + "identifier; one of them becomes the pseudonymous reference");
            }
        }
        Integer age = null;
        if (!p.hasBirthDateElement() || !p.getBirthDateElement().hasValue()) {
            issues.error(IssueType.REQUIRED, patient.at(".birthDate"), "the birth date is missing; the age is "
                    + "required");
        } else {
            LocalDate born = startDate(patient, p.getBirthDateElement(), ".birthDate");
            if (born != null) {
                if (born.isAfter(evaluationDate)) {
                    issues.error(IssueType.VALUE, patient.at(".birthDate"), "the birth date lies after the "
                            + "evaluation date " + evaluationDate);
                } else {
                    age = Period.between(born, evaluationDate).getYears();
                }
            }
        }
        Sex sex = switch (p.hasGender() ? p.getGender() : org.hl7.fhir.r4.model.Enumerations.AdministrativeGender.NULL) {
            case MALE -> Sex.MALE;
            case FEMALE -> Sex.FEMALE;
            case OTHER -> Sex.OTHER;
            case UNKNOWN -> Sex.UNKNOWN;
            default -> {
                issues.information(patient.at(".gender"), "no gender given; read as UNKNOWN");
                yield Sex.UNKNOWN;
            }
        };
        return org.twitchtriage.model.Patient.builder().reference(reference).ageYears(age).sex(sex)
                .pregnant(pregnant()).circumstances(circumstances).labResults(latestLabs()).build();
    }

    // ---- dates -----------------------------------------------------------------------------------------------

    /** The first day of a date or dateTime; a warning when it is only given to the month or year. */
    private LocalDate startDate(Located l, BaseDateTimeType t, String path) {
        String text = t.getValueAsString();
        if (text == null || text.length() < 4) {
            issues.error(IssueType.VALUE, l.at(path), "is not a date");
            return null;
        }
        try {
            int year = Integer.parseInt(text.substring(0, 4));
            if (text.length() >= 10) {
                return LocalDate.of(year, Integer.parseInt(text.substring(5, 7)), Integer.parseInt(text.substring(8,
                        10)));
            }
            int month = text.length() >= 7 ? Integer.parseInt(text.substring(5, 7)) : 1;
            issues.warning(IssueType.INCOMPLETE, l.at(path), "is given only to the " + (text.length() >= 7 ? "month"
                    : "year") + "; read as its first day");
            return LocalDate.of(year, month, 1);
        } catch (NumberFormatException | DateTimeException e) {
            issues.error(IssueType.VALUE, l.at(path), "is not a valid date");
            return null;
        }
    }

    // ---- violations ------------------------------------------------------------------------------------------

    private Where locate(String field) {
        Where best = null;
        int bestLength = -1;
        for (Map.Entry<String, Where> e : modelLocations.entrySet()) {
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
