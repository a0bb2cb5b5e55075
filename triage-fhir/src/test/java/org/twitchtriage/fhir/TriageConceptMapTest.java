package org.twitchtriage.fhir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.twitchtriage.fhir.Fhir.EVALUATION_DATE;
import static org.twitchtriage.fhir.Fhir.bundle;
import static org.twitchtriage.fhir.Fhir.expressions;
import static org.twitchtriage.fhir.Fhir.issues;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.ConceptMap;
import org.hl7.fhir.r4.model.Enumerations.ConceptMapEquivalence;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r4.model.Quantity;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.twitchtriage.model.Analyte;
import org.twitchtriage.model.BodySite;
import org.twitchtriage.model.Course;
import org.twitchtriage.model.LabUnit;
import org.twitchtriage.model.TriageRequest;

class TriageConceptMapTest {
    private static final String SNOMED = "http://snomed.info/sct";
    private static final String LOINC = "http://loinc.org";
    private static final String UCUM = "http://unitsofmeasure.org";
    private static final String CLINIC_COURSE = "http://example.org/fhir/CodeSystem/twitch-course";

    /** The codes the default map keeps for review but could not confirm; kept in step with docs/fhir.md. */
    private static final List<String> UNCONFIRMED = List.of(
            "SYMPTOM.URGE_TO_MOVE_LEGS <- http://hl7.org/fhir/sid/icd-10-cm|G25.81",
            "UNIT.MEQ_PER_L <- http://unitsofmeasure.org|mEq/L",
            "FINDING.POLYNEUROPATHY <- http://snomed.info/sct|42345000",
            "FINDING.SPINAL_CANAL_STENOSIS <- http://snomed.info/sct|76107001",
            "FINDING.TIC_DISORDER <- http://snomed.info/sct|568005");
    /** Mappings confirmed since the former map: EMG by the public catalogue issue 12 accepts. */
    private static final List<String> CONFIRMED_SINCE_FORMER_MAP = List.of(
            "FINDING.EMG <- http://snomed.info/sct|42803009");

    @Test
    @DisplayName("The default map is a FHIR ConceptMap that loads, names itself and carries the build's version")
    void defaultMap_loads() {
        TriageConceptMap map = TriageConceptMap.defaults();
        assertThat(map.name()).isEqualTo("twitch-triage default concept map");
        assertThat(map.version()).doesNotContain("${").matches("\\d+\\.\\d+\\.\\d+.*");
        assertThat(map.entries()).hasSize(73);
        assertThat(map.entries()).allSatisfy(e -> assertThat(e.comment()).as(e.toString()).startsWith("Checked "));
        assertThat(map.lookup(SNOMED, "53840002")).get().extracting(e -> e.valueAs(BodySite.class))
                .isEqualTo(BodySite.CALF);
        ConceptMap resource = map.toConceptMap();
        assertThat(resource.getUrl()).isEqualTo(TriageFhir.CONCEPT_MAP_URL);
        assertThat(resource.getGroup()).allSatisfy(g -> assertThat(g.getTarget()).startsWith(TriageFhir.BASE));
    }

    @Test
    @DisplayName("Every mapping of the old home-made map was carried over, with the same reading and writing")
    void defaultMap_keepsEveryFormerMapping() throws IOException {
        TriageConceptMap map = TriageConceptMap.defaults();
        com.fasterxml.jackson.databind.JsonNode old;
        try (InputStream in = getClass().getResourceAsStream("/concept-maps/former-format.json")) {
            old = new com.fasterxml.jackson.databind.ObjectMapper().readTree(in);
        }
        assertThat(old.path("entries").size()).isEqualTo(map.entries().size());
        for (com.fasterxml.jackson.databind.JsonNode e : old.path("entries")) {
            String system = e.path("system").asText();
            String code = e.path("code").asText();
            ConceptTarget target = ConceptTarget.valueOf(e.path("target").asText());
            String value = e.path("value").asText();
            String what = target + "." + value + " <- " + system + "|" + code;
            boolean confirmed = e.path("confirmed").asBoolean() || CONFIRMED_SINCE_FORMER_MAP.contains(what);
            if (e.path("direction").asText().equals("in")) {
                assertThat(map.lookup(system, code)).as(what).get()
                        .satisfies(m -> assertThat(m.target()).isEqualTo(target))
                        .satisfies(m -> assertThat(m.value()).isEqualTo(value))
                        .satisfies(m -> assertThat(m.confirmed()).isEqualTo(confirmed));
            } else {
                assertThat(map.lookup(system, code).filter(m -> m.target() == target)).as(what).isEmpty();
                List<String> written = map.codingsFor(target, value).stream().map(ConceptMapEntry::code).toList();
                if (confirmed) {
                    assertThat(written).as(what).contains(code);
                } else {
                    assertThat(written).as(what).doesNotContain(code);
                }
            }
            assertThat(map.entries()).as(what).anySatisfy(m -> assertThat(List.of(m.system(), m.code(),
                    m.target(), m.value(), m.confirmed())).isEqualTo(List.of(system, code, target, value, confirmed)));
        }
    }

    @Test
    @DisplayName("Lists the codes that could not be confirmed, each saying what is in doubt")
    void unconfirmedCodes_areListed() {
        List<ConceptMapEntry> unconfirmed = TriageConceptMap.defaults().unconfirmed();
        assertThat(unconfirmed).extracting(e -> e.target() + "." + e.value() + " <- " + e.system() + "|" + e.code())
                .containsExactlyInAnyOrderElementsOf(UNCONFIRMED);
        assertThat(unconfirmed).allSatisfy(e -> assertThat(e.doubt()).as(e.toString()).isNotBlank());
    }

    @Test
    @DisplayName("docs/fhir.md names every unconfirmed code")
    void docs_nameUnconfirmedCodes() throws IOException {
        String doc = Files.readString(Path.of("..", "docs", "fhir.md"));
        for (ConceptMapEntry e : TriageConceptMap.defaults().unconfirmed()) {
            assertThat(doc).as(e.toString()).contains(e.code());
        }
    }

    @Test
    @DisplayName("Every value of every kind is understood in its local code system")
    void localCodes_areBuiltIn() {
        TriageConceptMap map = TriageConceptMap.defaults();
        for (ConceptTarget target : ConceptTarget.values()) {
            for (String value : target.allowedValues()) {
                assertThat(map.lookup(target.localSystem(), value)).as(target + "." + value).get()
                        .satisfies(e -> assertThat(e.local()).isTrue())
                        .satisfies(e -> assertThat(e.target()).isEqualTo(target))
                        .satisfies(e -> assertThat(e.value()).isEqualTo(value));
            }
            assertThat(map.lookup(target.localSystem(), "NO_SUCH_VALUE")).isEmpty();
        }
    }

    @Test
    @DisplayName("A user's map replaces the default one: its codes are read, the default's are not")
    void userMap_replacesDefault(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("clinic-map.json");
        Files.writeString(file, """
                {
                  "resourceType": "ConceptMap",
                  "title": "clinic map",
                  "version": "clinic-7",
                  "status": "draft",
                  "group": [
                    {"source": "http://snomed.info/sct", "target": "http://twitchtriage.org/fhir/CodeSystem/body-site",
                     "element": [{"code": "91470000", "display": "Axilla", "target": [{"code": "UPPER_ARM",
                       "equivalence": "wider", "comment": "we record upper-arm twitches at the axilla"}]}]},
                    {"source": "http://hl7.org/fhir/sid/icd-10-cm", "target": "http://twitchtriage.org/fhir/CodeSystem/concept",
                     "element": [{"code": "R25.3", "target": [{"code": "TWITCH", "equivalence": "equivalent"}]}]},
                    {"source": "http://loinc.org", "target": "http://twitchtriage.org/fhir/CodeSystem/analyte",
                     "element": [{"code": "2951-2", "target": [{"code": "SODIUM", "equivalence": "equivalent"}]}]},
                    {"source": "http://unitsofmeasure.org", "target": "http://twitchtriage.org/fhir/CodeSystem/lab-unit",
                     "element": [{"code": "mg/L", "target": [{"code": "MMOL_PER_L", "equivalence": "inexact",
                       "comment": "a test",
                       "extension": [{"url": "http://twitchtriage.org/fhir/StructureDefinition/mapping-unconfirmed",
                                      "valueString": "deliberately wrong"}]}]}]}
                  ]
                }
                """);
        TriageConceptMap map = TriageConceptMap.load(file);
        assertThat(map.name()).isEqualTo("clinic map");
        assertThat(map.version()).isEqualTo("clinic-7");
        assertThat(map.source()).isEqualTo(file.toString());
        assertThat(map.lookup(SNOMED, "53840002")).isEmpty();

        FhirRequestMapper mapper = new FhirRequestMapper(map);
        assertThat(mapper.conceptMap()).isSameAs(map);
        RequestMappingResult r = mapper.map(bundle("unmappable-code.json"), EVALUATION_DATE);
        assertThat(issues(r.outcome(), IssueSeverity.ERROR)).isEmpty();
        assertThat(r.requireRequest().getTwitches().get(0).getSite()).isEqualTo(BodySite.UPPER_ARM);
        assertThat(expressions(issues(r.outcome(), IssueSeverity.WARNING)))
                .contains("Observation/na1.valueQuantity.code");
    }

    @Test
    @DisplayName("A ConceptMap as a terminology server exports it (metadata, narrative, unmatched and conditional "
            + "targets, an unmapped rule) is used as is")
    void terminologyServerExport_usedAsIs() throws IOException {
        TriageConceptMap map;
        try (InputStream in = getClass().getResourceAsStream("/concept-maps/terminology-server-export.json")) {
            map = TriageConceptMap.read(in, "terminology-server-export.json");
        }
        assertThat(map.name()).isEqualTo("Clinic map for twitch-triage");
        assertThat(map.version()).isEqualTo("2025.10");
        assertThat(map.lookup(SNOMED, "39937001")).as("unmatched").isEmpty();
        assertThat(map.lookup(SNOMED, "7569003")).as("depends on laterality").isEmpty();
        assertThat(map.lookup(SNOMED, "91470000")).get()
                .satisfies(e -> assertThat(e.equivalence()).isEqualTo(ConceptMapEquivalence.WIDER));
        assertThat(map.translate(CLINIC_COURSE, "PERSISTING", ConceptTarget.COURSE)).as("unmapped: provided").get()
                .satisfies(e -> assertThat(e.valueAs(Course.class)).isEqualTo(Course.PERSISTING));
        assertThat(map.translate(CLINIC_COURSE, "SOMETIMES", ConceptTarget.COURSE)).isEmpty();
        assertThat(map.lookup(CLINIC_COURSE, "PERSISTING")).as("unmapped rules do not classify").isEmpty();

        Bundle bundle = bundle("unmappable-code.json");
        Condition twitch = (Condition) bundle.getEntry().get(1).getResource();
        twitch.getExtensionByUrl(TriageFhir.EXT_COURSE).setValue(new CodeableConcept(new Coding(CLINIC_COURSE,
                "PERSISTING", null)));
        Observation sodium = (Observation) bundle.getEntry().get(2).getResource();
        sodium.setValue(new Quantity().setValue(139).setSystem(UCUM).setCode("mmol/L").setUnit("mmol/L"));

        RequestMappingResult r = new FhirRequestMapper(map).map(bundle, EVALUATION_DATE);
        assertThat(issues(r.outcome(), IssueSeverity.ERROR)).isEmpty();
        TriageRequest request = r.requireRequest();
        assertThat(request.getTwitches().get(0).getSite()).isEqualTo(BodySite.UPPER_ARM);
        assertThat(request.getTwitches().get(0).getCourse()).isEqualTo(Course.PERSISTING);
        assertThat(request.getPatient().getLabResults()).singleElement()
                .satisfies(l -> assertThat(l.getAnalyte()).isEqualTo(Analyte.SODIUM))
                .satisfies(l -> assertThat(l.getUnit()).isEqualTo(LabUnit.MMOL_PER_L));
        assertThat(expressions(issues(r.outcome(), IssueSeverity.WARNING))).containsExactly("Condition/htn.code");
    }

    @Test
    @DisplayName("Output codings are the map read in reverse: equal, equivalent or narrower targets only, confirmed")
    void reverse_writesOnlyWhatClaimsNoMore() {
        TriageConceptMap map = TriageConceptMap.of(new ConceptMap().setStatus(
                org.hl7.fhir.r4.model.Enumerations.PublicationStatus.ACTIVE).addGroup(group(
                TriageFhir.FINDING_SYSTEM, "1", "ALS", "equivalent", "2", "ALS", "wider", "3", "MS", "narrower")),
                "inline");
        assertThat(map.codingsFor(ConceptTarget.FINDING, "ALS")).extracting(ConceptMapEntry::code)
                .containsExactly("ALS", "1");
        assertThat(map.codingsFor(ConceptTarget.FINDING, "MS")).extracting(ConceptMapEntry::code)
                .containsExactly("MS", "3");
        assertThat(map.lookup("urn:test", "1")).as("output kinds are not read").isEmpty();
    }

    @Test
    @DisplayName("An unmapped rule of mode fixed reads every unlisted code of the group's source as its code")
    void unmappedFixed_readsUnlistedCodes() {
        ConceptMap.ConceptMapGroupComponent visibility = group(TriageFhir.VISIBILITY_SYSTEM, "v1",
                "LIMB_OR_EYE_MOVES", "equivalent");
        visibility.getUnmapped().setMode(ConceptMap.ConceptMapGroupUnmappedMode.FIXED).setCode("UNDER_SKIN");
        TriageConceptMap map = TriageConceptMap.of(new ConceptMap().setStatus(
                org.hl7.fhir.r4.model.Enumerations.PublicationStatus.ACTIVE).addGroup(visibility), "inline");
        assertThat(map.translate("urn:test", "v9", ConceptTarget.VISIBILITY)).get()
                .extracting(ConceptMapEntry::value).isEqualTo("UNDER_SKIN");
        assertThat(map.translate("urn:test", "v1", ConceptTarget.VISIBILITY)).get()
                .extracting(ConceptMapEntry::value).isEqualTo("LIMB_OR_EYE_MOVES");
        assertThat(map.translate("urn:test", "v9", ConceptTarget.BODY_SITE)).isEmpty();
        assertThat(map.translate("urn:other", "v9", ConceptTarget.VISIBILITY)).isEmpty();
    }

    @Test
    @DisplayName("An invalid ConceptMap is refused with every problem listed, each naming its element")
    void invalidMap_listsEveryProblem() {
        String json = """
                {
                  "resourceType": "ConceptMap",
                  "colour": "red",
                  "group": [
                    {"source": "s", "target": "http://twitchtriage.org/fhir/CodeSystem/organ",
                     "element": [{"code": "1", "target": [{"code": "X", "equivalence": "equivalent"}]}]},
                    {"source": "s", "target": "http://twitchtriage.org/fhir/CodeSystem/body-site",
                     "element": [
                       {"code": "2", "target": [{"code": "ARMPIT", "equivalence": "equivalent"}]},
                       {"code": "3", "target": [{"code": "CALF", "equivalence": "sideways"}]},
                       {"code": "4", "target": [{"code": "CALF", "equivalence": "narrower"}]},
                       {"code": "5", "target": [{"code": "KNEE", "equivalence": "equivalent"}]},
                       {"code": "5", "target": [{"code": "HAND", "equivalence": "equivalent"}]},
                       {"target": [{"code": "HAND", "equivalence": "equivalent"}]}
                     ],
                     "unmapped": {"mode": "other-map", "url": "http://example.org/ConceptMap/other"}},
                    {"source": "http://twitchtriage.org/fhir/CodeSystem/symptom",
                     "target": "http://twitchtriage.org/fhir/CodeSystem/body-site"}
                  ]
                }
                """;
        assertThatThrownBy(() -> TriageConceptMap.read(new ByteArrayInputStream(json.getBytes(
                StandardCharsets.UTF_8)), "broken.json"))
                .isInstanceOf(ConceptMapException.class)
                .hasMessageContaining("broken.json")
                .satisfies(e -> assertThat(((ConceptMapException) e).getProblems()).satisfiesExactly(
                        p -> assertThat(p).startsWith("ConceptMap.colour: unknown element"),
                        p -> assertThat(p).startsWith("equivalence: invalid value 'sideways'"),
                        p -> assertThat(p).startsWith("status: is missing"),
                        p -> assertThat(p).startsWith("group[0].target: 'http://twitchtriage.org/fhir/CodeSystem/"
                                + "organ' is not a twitch-triage code system; expected one of: "
                                + TriageFhir.CONCEPT_SYSTEM),
                        p -> assertThat(p).startsWith("group[1].unmapped.mode: other-map is not supported"),
                        p -> assertThat(p).isEqualTo("group[1].element[0].target[0].code: 'ARMPIT' is not a code "
                                + "of http://twitchtriage.org/fhir/CodeSystem/body-site; allowed: UPPER_ARM, CALF, "
                                + "EYE, EYELID, FACE, LIP, LEG, KNEE, HAND, ABDOMEN, WHOLE_BODY, UNKNOWN"),
                        p -> assertThat(p).startsWith("group[1].element[1].target[0].equivalence: is missing or "
                                + "not a valid code; one of relatedto, equivalent"),
                        p -> assertThat(p).startsWith("group[1].element[2].target[0].comment: a narrower mapping "
                                + "needs a comment"),
                        p -> assertThat(p).isEqualTo("group[1].element[4].target[0]: s|5 is already read by "
                                + "group[1].element[3].target[0]; a code must stand for one value"),
                        p -> assertThat(p).isEqualTo("group[1].element[5].code: is missing"),
                        p -> assertThat(p).startsWith("group[2].source: local codes of http://twitchtriage.org/fhir/ "
                                + "are built in")));
    }

    @Test
    @DisplayName("A missing file, malformed JSON and the former home-made format are reported, not thrown raw")
    void unreadableMap_reported(@TempDir Path dir) throws IOException {
        assertThatThrownBy(() -> TriageConceptMap.load(dir.resolve("none.json")))
                .isInstanceOf(ConceptMapException.class).hasMessageContaining("none.json");
        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, "{ \"resourceType\": \"ConceptMap\",");
        assertThatThrownBy(() -> TriageConceptMap.load(bad)).isInstanceOf(ConceptMapException.class)
                .hasMessageContaining("bad.json").hasMessageContaining("not a FHIR R4 ConceptMap in JSON");
        Path former = dir.resolve("former.json");
        Files.writeString(former, "{ \"formatVersion\": 1, \"name\": \"x\", \"version\": \"1\", \"entries\": [] }");
        assertThatThrownBy(() -> TriageConceptMap.load(former)).isInstanceOf(ConceptMapException.class)
                .hasMessageContaining("resourceType");
    }

    private static ConceptMap.ConceptMapGroupComponent group(String targetSystem, String... codeValueEquivalence) {
        ConceptMap.ConceptMapGroupComponent g = new ConceptMap.ConceptMapGroupComponent().setSource("urn:test")
                .setTarget(targetSystem);
        for (int i = 0; i < codeValueEquivalence.length; i += 3) {
            g.addElement().setCode(codeValueEquivalence[i]).addTarget().setCode(codeValueEquivalence[i + 1])
                    .setEquivalence(ConceptMapEquivalence.fromCode(codeValueEquivalence[i + 2]))
                    .setComment("test mapping");
        }
        return g;
    }
}
