package org.twitchtriage.fhir.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Supplier;
import org.hl7.fhir.r4.model.Annotation;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.ClinicalImpression;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.RelatedArtifact;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.RiskAssessment;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.hl7.fhir.r4.model.StringType;
import org.twitchtriage.engine.KnowledgeBaseInfo;
import org.twitchtriage.engine.TriageDecision;
import org.twitchtriage.fhir.ConceptMapEntry;
import org.twitchtriage.fhir.ConceptTarget;
import org.twitchtriage.fhir.TriageConceptMap;
import org.twitchtriage.fhir.TriageFhir;
import org.twitchtriage.guideline.Guideline;
import org.twitchtriage.model.Finding;
import org.twitchtriage.model.FindingCode;
import org.twitchtriage.model.FindingKind;
import org.twitchtriage.model.Urgency;

/**
 * Builds the FHIR resources for one decision. One instance per call; not thread-safe. The choices (which resource
 * for which kind of finding, priorities, the basis extension) are explained in {@code docs/fhir.md}.
 */
public final class DecisionAssembler {
    static final String NOT_A_DIAGNOSIS = "Decision support by twitch-triage for muscle twitching, for a "
            + "clinician to review. Not a diagnosis and not a medical device.";

    private final TriageConceptMap map;
    private final Supplier<UUID> ids;
    private final TriageDecision decision;
    private final Reference patient;
    private final Map<String, Reference> twitchSources;
    private final Guideline guideline = Guideline.muscleTwitching();
    private final Narratives narratives = new Narratives(guideline);
    private final Map<String, Resource> resources = new LinkedHashMap<>();

    /**
     * @param map           the concept map
     * @param ids           source of resource ids
     * @param decision      the decision
     * @param patient       the reference every resource's subject gets a copy of
     * @param twitchSources twitch id to the resource it was read from (may be empty)
     */
    public DecisionAssembler(TriageConceptMap map, Supplier<UUID> ids, TriageDecision decision, Reference patient,
                             Map<String, Reference> twitchSources) {
        this.map = map;
        this.ids = ids;
        this.decision = decision;
        this.patient = patient;
        this.twitchSources = twitchSources;
    }

    /** @return a collection Bundle: the ClinicalImpression, then the ServiceRequests, then the RiskAssessment */
    public Bundle build() {
        List<String> requests = new ArrayList<>();
        for (Finding f : decision.findings()) {
            if (f.getKind() == FindingKind.REFERRAL || f.getKind() == FindingKind.WORKUP) {
                requests.add(add(serviceRequest(f)));
            }
        }
        List<Finding> hypotheses = decision.findings(FindingKind.HYPOTHESIS);
        String risk = hypotheses.isEmpty() ? null : add(riskAssessment(hypotheses));
        ClinicalImpression impression = clinicalImpression(requests.size() + (risk == null ? 0 : 1));
        requests.forEach(url -> impression.addSupportingInfo(new Reference(url)));
        if (risk != null) {
            impression.addSupportingInfo(new Reference(risk));
        }
        String impressionUrl = add(impression);

        Bundle bundle = new Bundle().setType(Bundle.BundleType.COLLECTION);
        bundle.addEntry().setFullUrl(impressionUrl).setResource(impression);
        resources.forEach((url, r) -> {
            if (r != impression) {
                bundle.addEntry().setFullUrl(url).setResource(r);
            }
        });
        return bundle;
    }

    private String add(Resource r) {
        String id = ids.get().toString();
        r.setId(id);
        String url = "urn:uuid:" + id;
        resources.put(url, r);
        return url;
    }

    // ---- resources -------------------------------------------------------------------------------------------

    private ServiceRequest serviceRequest(Finding f) {
        ServiceRequest.ServiceRequestPriority priority = priority(f.getUrgency());
        ServiceRequest sr = new ServiceRequest()
                .setStatus(ServiceRequest.ServiceRequestStatus.DRAFT)
                .setIntent(ServiceRequest.ServiceRequestIntent.PROPOSAL)
                .setPriority(priority)
                .setCode(findingConcept(f.getCode()))
                .setSubject(patient.copy());
        sr.getMeta().addProfile(TriageFhir.PROFILE_SERVICE_REQUEST);
        String performer = null;
        if (f.getKind() == FindingKind.REFERRAL) {
            performer = performer(f.getCode());
            sr.addCategory(concept(ConceptTarget.SERVICE_CATEGORY, "REFERRAL", "Referral"));
            sr.setPerformerType(concept(ConceptTarget.PERFORMER, f.getCode().name(), performer));
        } else if (f.getCode() == FindingCode.IMAGING_CT_MRI) {
            sr.addCategory(concept(ConceptTarget.SERVICE_CATEGORY, "IMAGING", "Imaging"));
        }
        twitchReferences(f).forEach(sr::addReasonReference);
        sr.addNote(new Annotation().setText(f.getExplanation()));
        sr.addExtension(basis(List.of(f), true));
        sr.setText(narratives.serviceRequest(f.getCode().display(), f, performer, priority.toCode()));
        return sr;
    }

    private RiskAssessment riskAssessment(List<Finding> hypotheses) {
        RiskAssessment ra = new RiskAssessment()
                .setStatus(RiskAssessment.RiskAssessmentStatus.PRELIMINARY)
                .setSubject(patient.copy());
        ra.getMeta().addProfile(TriageFhir.PROFILE_RISK_ASSESSMENT);
        for (Finding f : hypotheses) {
            RiskAssessment.RiskAssessmentPredictionComponent p = ra.addPrediction()
                    .setOutcome(findingConcept(f.getCode()))
                    .setRationale(f.getExplanation());
            p.addExtension(basis(List.of(f), false));
        }
        new TreeSet<>(hypotheses.stream().flatMap(f -> f.getTwitchIds().stream()).toList()).forEach(id ->
                reference(id).ifPresent(ra::addBasis));
        ra.addNote(new Annotation().setText("Possible causes to consider, not diagnoses; twitch-triage states no "
                + "probabilities. " + NOT_A_DIAGNOSIS));
        ra.addExtension(basis(hypotheses, true));
        ra.setText(narratives.riskAssessment(hypotheses));
        return ra;
    }

    private ClinicalImpression clinicalImpression(int proposals) {
        ClinicalImpression ci = new ClinicalImpression()
                .setStatus(ClinicalImpression.ClinicalImpressionStatus.INPROGRESS)
                .setSubject(patient.copy())
                .setDescription(NOT_A_DIAGNOSIS);
        ci.getMeta().addProfile(TriageFhir.PROFILE_CLINICAL_IMPRESSION);
        List<Finding> shown = new ArrayList<>();
        List<Finding> advice = new ArrayList<>();
        List<Finding> flagged = new ArrayList<>(decision.findings(FindingKind.OUTSIDE_GUIDELINE));
        flagged.addAll(decision.findings(FindingKind.RED_FLAG));
        for (Finding f : flagged) {
            ClinicalImpression.ClinicalImpressionFindingComponent item = ci.addFinding()
                    .setItemCodeableConcept(findingConcept(f.getCode()))
                    .setBasis(f.getExplanation());
            item.addExtension(basis(List.of(f), false));
            shown.add(f);
        }
        for (FindingKind kind : List.of(FindingKind.SELF_CARE, FindingKind.REASSURANCE)) {
            for (Finding f : decision.findings(kind)) {
                Annotation note = new Annotation().setText((kind == FindingKind.SELF_CARE ? "Self-care: "
                        : "Reassurance: ") + f.getCode().display() + ". " + f.getExplanation());
                note.addExtension(basis(List.of(f), false));
                ci.addNote(note);
                shown.add(f);
                advice.add(f);
            }
        }
        TreeSet<String> twitchIds = new TreeSet<>();
        decision.findings().forEach(f -> twitchIds.addAll(f.getTwitchIds()));
        for (String id : twitchIds) {
            reference(id).filter(r -> r.getReference().startsWith("Condition/")).ifPresent(ci::addProblem);
        }
        ci.setSummary(summary());
        ci.addExtension(basis(shown, true));
        ci.setText(narratives.clinicalImpression(ci.getSummary(), flagged, advice, proposals));
        return ci;
    }

    private String summary() {
        Urgency u = decision.highestUrgency();
        String when = switch (u) {
            case URGENT -> "see a doctor without delay";
            case SOON -> "see a doctor within days";
            case ROUTINE -> "no time pressure";
        };
        int outside = decision.findings(FindingKind.OUTSIDE_GUIDELINE).size();
        return "Highest urgency " + u + " (" + when + "): "
                + (outside == 0 ? "" : outside + " point(s) outside the guideline, ")
                + decision.findings(FindingKind.RED_FLAG).size()
                + " red flag(s), " + decision.findings(FindingKind.REFERRAL).size() + " referral(s), "
                + decision.findings(FindingKind.WORKUP).size() + " workup step(s), "
                + decision.findings(FindingKind.HYPOTHESIS).size() + " possible cause(s). Knowledge base "
                + decision.knowledgeBase().releaseId() + ".";
    }

    // ---- pieces ----------------------------------------------------------------------------------------------

    static ServiceRequest.ServiceRequestPriority priority(Urgency u) {
        return switch (u) {
            case ROUTINE -> ServiceRequest.ServiceRequestPriority.ROUTINE;
            case SOON -> ServiceRequest.ServiceRequestPriority.URGENT;
            case URGENT -> ServiceRequest.ServiceRequestPriority.ASAP;
        };
    }

    private static String performer(FindingCode code) {
        return switch (code) {
            case SEE_NEUROLOGIST -> "Neurologist";
            case SEE_EYE_DOCTOR -> "Ophthalmologist";
            default -> "Physician (general practice)";
        };
    }

    private CodeableConcept findingConcept(FindingCode code) {
        return concept(ConceptTarget.FINDING, code.name(), code.display());
    }

    private CodeableConcept concept(ConceptTarget target, String value, String text) {
        CodeableConcept cc = new CodeableConcept().setText(text);
        for (ConceptMapEntry e : map.codingsFor(target, value)) {
            cc.addCoding(new Coding(e.system(), e.code(), e.local() ? text : e.display()));
        }
        return cc;
    }

    private List<Reference> twitchReferences(Finding f) {
        List<Reference> out = new ArrayList<>();
        f.getTwitchIds().forEach(id -> reference(id).ifPresent(out::add));
        return out;
    }

    private Optional<Reference> reference(String twitchId) {
        Reference r = twitchSources.get(twitchId);
        return r == null ? Optional.empty() : Optional.of(r.copy());
    }

    private Extension basis(Collection<Finding> findings, boolean provenance) {
        Extension ext = new Extension(TriageFhir.EXT_BASIS);
        TreeSet<String> rules = new TreeSet<>();
        TreeSet<String> passages = new TreeSet<>(Passages.ORDER);
        TreeSet<String> twitchIds = new TreeSet<>();
        Urgency urgency = Urgency.ROUTINE;
        for (Finding f : findings) {
            rules.addAll(f.getRules());
            passages.addAll(f.getPassages());
            twitchIds.addAll(f.getTwitchIds());
            urgency = urgency.max(f.getUrgency());
        }
        rules.forEach(r -> ext.addExtension("rule", new StringType(r)));
        for (String id : passages) {
            RelatedArtifact citation = new RelatedArtifact().setType(RelatedArtifact.RelatedArtifactType.CITATION)
                    .setLabel(id).setCitation(guideline.name() + "#" + id);
            Passages.describe(guideline, id).ifPresent(citation::setDisplay);
            ext.addExtension("passage", citation);
        }
        if (!findings.isEmpty()) {
            ext.addExtension("urgency", new CodeType(urgency.name()));
        }
        twitchIds.forEach(id -> ext.addExtension("twitch", new StringType(id)));
        if (provenance) {
            KnowledgeBaseInfo kb = decision.knowledgeBase();
            ext.addExtension("knowledgeBase", new StringType(kb.releaseId() + " (" + kb.kieBase() + ", rules sha256 "
                    + kb.rulesSha256() + ")"));
            ext.addExtension("conceptMap", new StringType(map.name() + " " + map.version()));
        }
        return ext;
    }
}
