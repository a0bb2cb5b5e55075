package org.twitchtriage.fhir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.twitchtriage.fhir.Fhir.EVALUATION_DATE;
import static org.twitchtriage.fhir.Fhir.bundle;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.hl7.fhir.r4.model.Annotation;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.ClinicalImpression;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.RelatedArtifact;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.RiskAssessment;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.hl7.fhir.r4.model.ServiceRequest.ServiceRequestPriority;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.twitchtriage.engine.TriageDecision;
import org.twitchtriage.engine.TriageEngine;
import org.twitchtriage.model.FindingCode;
import org.twitchtriage.model.FindingKind;
import org.twitchtriage.model.Urgency;

class FhirDecisionMapperTest {
    private static final String SNOMED = "http://snomed.info/sct";

    private static TriageEngine engine;

    private final FhirRequestMapper requestMapper = new FhirRequestMapper();
    private final FhirDecisionMapper decisionMapper = new FhirDecisionMapper(TriageConceptMap.defaults(),
            sequentialIds());

    @BeforeAll
    static void loadRules() {
        engine = TriageEngine.create();
    }

    @Test
    @DisplayName("Paralysis case: neurology referral, EMG and ENG as urgent draft proposals; ALS and MS as risks")
    void paralysisCase_mapsToReferralsWorkupAndRisks() {
        Decided d = decide("whole-body-increasing-paralysis.json");
        Bundle out = d.output();

        List<ServiceRequest> requests = resources(out, ServiceRequest.class);
        ServiceRequest neuro = request(requests, FindingCode.SEE_NEUROLOGIST);
        assertThat(neuro.getStatus()).isEqualTo(ServiceRequest.ServiceRequestStatus.DRAFT);
        assertThat(neuro.getIntent()).isEqualTo(ServiceRequest.ServiceRequestIntent.PROPOSAL);
        assertThat(neuro.getPriority()).isEqualTo(ServiceRequestPriority.ASAP);
        assertThat(codes(neuro.getPerformerType())).contains(SNOMED + "|56397003");
        assertThat(codes(neuro.getCategoryFirstRep())).contains(SNOMED + "|3457005");
        assertThat(neuro.getSubject().getReference()).isEqualTo("Patient/pseudo-body-02");
        assertThat(neuro.getReasonReference()).extracting(Reference::getReference)
                .containsExactly("Condition/body-twitch");
        for (FindingCode workup : List.of(FindingCode.EMG, FindingCode.ENG)) {
            ServiceRequest sr = request(requests, workup);
            assertThat(sr.getPriority()).as(workup.name()).isEqualTo(priorityOf(d.decision(), workup));
            assertThat(sr.getPriority()).as(workup.name()).isIn(ServiceRequestPriority.ASAP,
                    ServiceRequestPriority.URGENT);
            assertThat(sr.getStatus()).isEqualTo(ServiceRequest.ServiceRequestStatus.DRAFT);
            assertThat(sr.getIntent()).isEqualTo(ServiceRequest.ServiceRequestIntent.PROPOSAL);
        }
        // one ServiceRequest per referral and workup finding, nothing else
        assertThat(requests).hasSize(d.decision().findings(FindingKind.REFERRAL).size()
                + d.decision().findings(FindingKind.WORKUP).size());

        RiskAssessment risk = single(out, RiskAssessment.class);
        assertThat(risk.getStatus()).isEqualTo(RiskAssessment.RiskAssessmentStatus.PRELIMINARY);
        List<String> outcomes = risk.getPrediction().stream().flatMap(p -> codes(p.getOutcome()).stream()).toList();
        assertThat(outcomes).contains(SNOMED + "|86044005", SNOMED + "|24700007",
                TriageFhir.FINDING_SYSTEM + "|ALS", TriageFhir.FINDING_SYSTEM + "|MS");
        assertThat(risk.getBasis()).extracting(Reference::getReference).containsExactly("Condition/body-twitch");

        ClinicalImpression impression = single(out, ClinicalImpression.class);
        assertThat(impression.getStatus()).isEqualTo(ClinicalImpression.ClinicalImpressionStatus.INPROGRESS);
        assertThat(impression.getFinding()).extracting(f -> f.getItemCodeableConcept().getCodingFirstRep().getCode())
                .contains(FindingCode.RED_FLAG_PARALYSIS.name(), FindingCode.RED_FLAG_INCREASING.name());
        assertThat(impression.getSupportingInfo()).hasSize(requests.size() + 1);
        assertThat(impression.getProblem()).extracting(Reference::getReference).containsExactly("Condition/body-twitch");
        assertThat(impression.getSummary()).startsWith("Highest urgency URGENT");
    }

    @Test
    @DisplayName("Pregnant woman with a calf twitch: magnesium deficiency as a risk, coded SNOMED 190855004")
    void pregnancyCase_hypothesisMagnesiumDeficiency() {
        Decided d = decide("pregnant-calf.json");
        RiskAssessment risk = single(d.output(), RiskAssessment.class);
        RiskAssessment.RiskAssessmentPredictionComponent mg = risk.getPrediction().stream()
                .filter(p -> codes(p.getOutcome()).contains(TriageFhir.FINDING_SYSTEM + "|MAGNESIUM_DEFICIENCY"))
                .findFirst().orElseThrow();
        assertThat(codes(mg.getOutcome())).contains(SNOMED + "|190855004");
        assertThat(mg.getOutcome().getText()).isEqualTo(FindingCode.MAGNESIUM_DEFICIENCY.display());
        assertThat(mg.getRationale()).isNotBlank();
        Extension basis = mg.getExtensionByUrl(TriageFhir.EXT_BASIS);
        assertThat(citations(basis)).contains("muscle-twitching#PREG-2");
        // self-care advice goes into the clinician's impression as notes
        ClinicalImpression impression = single(d.output(), ClinicalImpression.class);
        assertThat(impression.getNote()).extracting(Annotation::getText)
                .anyMatch(t -> t.startsWith("Self-care: " + FindingCode.DIETARY_MAGNESIUM.display()));
    }

    @Test
    @DisplayName("Every resource references the patient and states its rules and guideline passages")
    void everyResource_citesRulesAndPassages() {
        Decided d = decide("whole-body-increasing-paralysis.json");
        List<String> firedRuleIds = d.decision().firedRuleIds();
        for (Bundle.BundleEntryComponent e : d.output().getEntry()) {
            Resource r = e.getResource();
            assertThat(e.getFullUrl()).isEqualTo("urn:uuid:" + r.getIdElement().getIdPart());
            Extension basis = ((org.hl7.fhir.r4.model.DomainResource) r).getExtensionByUrl(TriageFhir.EXT_BASIS);
            assertThat(basis).as(r.fhirType()).isNotNull();
            List<String> rules = basis.getExtensionsByUrl("rule").stream().map(x -> x.getValue().primitiveValue())
                    .toList();
            assertThat(rules).as(r.fhirType()).isNotEmpty();
            assertThat(firedRuleIds).containsAll(rules);
            assertThat(citations(basis)).as(r.fhirType()).isNotEmpty()
                    .allMatch(c -> c.matches("muscle-twitching#[A-Z]+-[0-9]+"));
            assertThat(basis.getExtensionByUrl("knowledgeBase").getValue().primitiveValue())
                    .startsWith(d.decision().knowledgeBase().releaseId());
            assertThat(basis.getExtensionByUrl("conceptMap").getValue().primitiveValue())
                    .isEqualTo(TriageConceptMap.defaults().name() + " " + TriageConceptMap.defaults().version());
        }
        ServiceRequest neuro = request(resources(d.output(), ServiceRequest.class), FindingCode.SEE_NEUROLOGIST);
        assertThat(citations(neuro.getExtensionByUrl(TriageFhir.EXT_BASIS))).contains("muscle-twitching#BODY-4");
    }

    @Test
    @DisplayName("EMG is written with its confirmed SNOMED CT code 42803009 beside the local code")
    void emg_carriesConfirmedSnomedCode() {
        Decided d = decide("whole-body-increasing-paralysis.json");
        ServiceRequest emg = request(resources(d.output(), ServiceRequest.class), FindingCode.EMG);
        assertThat(codes(emg.getCode())).containsExactly(TriageFhir.FINDING_SYSTEM + "|EMG", SNOMED + "|42803009");
        assertThat(emg.getCode().getCoding().get(1).getDisplay()).isEqualTo("Electromyography");
        assertThat(emg.getCode().getText()).isEqualTo(FindingCode.EMG.display());
    }

    @Test
    @DisplayName("Unconfirmed codes of the concept map are never written: polyneuropathy, stenosis and tic disorder "
            + "carry only the local coding, in the output of every bundled case")
    void unconfirmedCodes_neverWritten() {
        List<ConceptMapEntry> unconfirmed = TriageConceptMap.defaults().unconfirmed();
        assertThat(unconfirmed).isNotEmpty();
        boolean sawUnconfirmedFinding = false;
        for (OutputCases.Output o : OutputCases.all()) {
            String json = Fhir.json().encodeResourceToString(o.bundle());
            for (ConceptMapEntry e : unconfirmed) {
                assertThat(json).as(o.name() + " " + e).doesNotContain("\"" + e.code() + "\"");
                if (e.target() == ConceptTarget.FINDING && o.decision().finding(FindingCode.valueOf(e.value()))
                        .isPresent()) {
                    sawUnconfirmedFinding = true;
                    assertThat(json).as(o.name()).contains("\"" + e.value() + "\"");
                }
            }
        }
        assertThat(sawUnconfirmedFinding).as("some case concludes a finding whose standard code is unconfirmed")
                .isTrue();
    }

    @Test
    @DisplayName("Every output resource has a generated narrative naming what it holds, its urgency and the passages "
            + "cited, and never the patient")
    void everyResource_hasNarrative() {
        for (OutputCases.Output o : OutputCases.all()) {
            for (Bundle.BundleEntryComponent e : o.bundle().getEntry()) {
                org.hl7.fhir.r4.model.DomainResource r = (org.hl7.fhir.r4.model.DomainResource) e.getResource();
                String what = o.name() + " " + r.fhirType();
                assertThat(r.getText().getStatus()).as(what)
                        .isEqualTo(org.hl7.fhir.r4.model.Narrative.NarrativeStatus.GENERATED);
                String html = r.getText().getDivAsString();
                assertThat(html).as(what).startsWith("<div xmlns=\"http://www.w3.org/1999/xhtml\">")
                        .doesNotContain(o.patientReference())
                        .contains("Not a diagnosis and not a medical device");
                Extension basis = r.getExtensionByUrl(TriageFhir.EXT_BASIS);
                for (String citation : citations(basis)) {
                    assertThat(html).as(what).contains(escaped(citation));
                }
                for (Extension rule : basis.getExtensionsByUrl("rule")) {
                    assertThat(html).as(what).contains(escaped(rule.getValue().primitiveValue()));
                }
            }
        }
        Decided d = decide("whole-body-increasing-paralysis.json");
        ServiceRequest neuro = request(resources(d.output(), ServiceRequest.class), FindingCode.SEE_NEUROLOGIST);
        assertThat(neuro.getText().getDivAsString()).contains(escaped(FindingCode.SEE_NEUROLOGIST.display()),
                "To be seen by: Neurologist", "urgent, see a doctor without delay (priority asap)",
                escaped(neuro.getNoteFirstRep().getText()));
        ClinicalImpression impression = single(d.output(), ClinicalImpression.class);
        String html = impression.getText().getDivAsString();
        assertThat(html).contains("Warning signs:", escaped(FindingCode.RED_FLAG_PARALYSIS.display()),
                escaped(impression.getSummary()));
        RiskAssessment risk = single(d.output(), RiskAssessment.class);
        for (RiskAssessment.RiskAssessmentPredictionComponent p : risk.getPrediction()) {
            assertThat(risk.getText().getDivAsString()).contains(escaped(p.getOutcome().getText()),
                    escaped(p.getRationale()));
        }
    }

    private static String escaped(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"ROUTINE, ROUTINE", "SOON, URGENT", "URGENT, ASAP"})
    @DisplayName("Urgency maps to ServiceRequest priority")
    void urgency_mapsToPriority(Urgency urgency, ServiceRequestPriority priority) {
        assertThat(org.twitchtriage.fhir.internal.DecisionAssemblerAccess.priority(urgency)).isEqualTo(priority);
    }

    @Test
    @DisplayName("Output bundle, input bundles and the OperationOutcome survive a JSON round trip through HAPI")
    void resources_roundTripThroughHapi() {
        Decided d = decide("whole-body-increasing-paralysis.json");
        Bundle parsed = Fhir.roundTrip(d.output(), Bundle.class);
        assertThat(parsed.getEntry()).hasSameSizeAs(d.output().getEntry());
        for (int i = 0; i < parsed.getEntry().size(); i++) {
            Bundle.BundleEntryComponent before = d.output().getEntry().get(i);
            Bundle.BundleEntryComponent after = parsed.getEntry().get(i);
            assertThat(after.getFullUrl()).isEqualTo(before.getFullUrl());
            // HAPI takes the id of a bundled resource from its urn:uuid fullUrl; compare everything else
            Resource a = before.getResource().copy().setIdElement(null);
            Resource b = after.getResource().copy().setIdElement(null);
            assertThat(b.equalsDeep(a)).as(a.fhirType()).isTrue();
        }
        // a second round trip changes nothing at all
        String once = Fhir.json().encodeResourceToString(parsed);
        assertThat(Fhir.json().encodeResourceToString(Fhir.roundTrip(parsed, Bundle.class))).isEqualTo(once);
        ServiceRequest neuro = request(resources(parsed, ServiceRequest.class), FindingCode.SEE_NEUROLOGIST);
        assertThat(citations(neuro.getExtensionByUrl(TriageFhir.EXT_BASIS))).contains("muscle-twitching#BODY-4");

        for (String name : List.of("pregnant-calf.json", "whole-body-increasing-paralysis.json",
                "unmappable-code.json")) {
            Bundle in = bundle(name);
            assertThat(Fhir.roundTrip(in, Bundle.class).equalsDeep(in)).as(name).isTrue();
            var outcome = requestMapper.map(in, EVALUATION_DATE).outcome();
            assertThat(Fhir.roundTrip(outcome, org.hl7.fhir.r4.model.OperationOutcome.class).equalsDeep(outcome))
                    .as(name).isTrue();
        }
    }

    @Test
    @DisplayName("Without twitch sources no reason references are written; a patient reference is required")
    void withoutTwitchSources_andArgumentChecks() {
        Decided d = decide("pregnant-calf.json");
        Bundle out = decisionMapper.toFhir(d.decision(), new Reference("Patient/x"));
        resources(out, ServiceRequest.class).forEach(sr -> assertThat(sr.getReasonReference()).isEmpty());
        assertThatThrownBy(() -> decisionMapper.toFhir(d.decision(), new Reference()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @DisplayName("Every finding code the rules can conclude has a local coding with its display")
    void everyFindingCode_hasLocalCoding() {
        for (FindingCode code : FindingCode.values()) {
            List<ConceptMapEntry> codings = TriageConceptMap.defaults().codingsFor(ConceptTarget.FINDING, code.name());
            assertThat(codings).as(code.name()).isNotEmpty();
            assertThat(codings.get(0).system()).isEqualTo(TriageFhir.FINDING_SYSTEM);
            assertThat(codings.get(0).code()).isEqualTo(code.name());
        }
    }

    // ---- helpers -------------------------------------------------------------------------------------------

    private record Decided(TriageDecision decision, Bundle output) {
    }

    private Decided decide(String bundleName) {
        RequestMappingResult mapped = requestMapper.map(bundle(bundleName), EVALUATION_DATE);
        TriageDecision decision = engine.evaluate(mapped.requireRequest());
        String patientId = mapped.requireRequest().getPatient().getReference();
        Bundle out = decisionMapper.toFhir(decision, new Reference("Patient/" + patientId), mapped.twitchSources());
        return new Decided(decision, out);
    }

    private static ServiceRequestPriority priorityOf(TriageDecision d, FindingCode code) {
        return org.twitchtriage.fhir.internal.DecisionAssemblerAccess.priority(d.finding(code).orElseThrow()
                .getUrgency());
    }

    private static <T extends Resource> List<T> resources(Bundle b, Class<T> type) {
        return b.getEntry().stream().map(Bundle.BundleEntryComponent::getResource).filter(type::isInstance)
                .map(type::cast).toList();
    }

    private static <T extends Resource> T single(Bundle b, Class<T> type) {
        List<T> found = resources(b, type);
        assertThat(found).as(type.getSimpleName()).hasSize(1);
        return found.get(0);
    }

    private static ServiceRequest request(List<ServiceRequest> requests, FindingCode code) {
        return requests.stream().filter(sr -> codes(sr.getCode()).contains(TriageFhir.FINDING_SYSTEM + "|"
                + code.name())).findFirst().orElseThrow(() -> new AssertionError("no ServiceRequest for " + code));
    }

    private static List<String> codes(CodeableConcept cc) {
        return cc.getCoding().stream().map(c -> c.getSystem() + "|" + c.getCode()).toList();
    }

    private static List<String> citations(Extension basis) {
        return basis.getExtensionsByUrl("passage").stream()
                .map(x -> ((RelatedArtifact) x.getValue()).getCitation()).toList();
    }

    private static Supplier<UUID> sequentialIds() {
        AtomicLong n = new AtomicLong();
        return () -> new UUID(0x7a1e0000_0000_4000L, 0x8000_0000_0000_0000L | n.incrementAndGet());
    }
}
