package org.twitchtriage.fhir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.twitchtriage.fhir.Fhir.EVALUATION_DATE;
import static org.twitchtriage.fhir.Fhir.bundle;
import static org.twitchtriage.fhir.Fhir.expressions;
import static org.twitchtriage.fhir.Fhir.issues;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.twitchtriage.model.BodySite;

class TriageConceptMapTest {
    private static final String SNOMED = "http://snomed.info/sct";

    /** The codes the default map keeps for review but could not confirm; kept in step with docs/fhir.md. */
    private static final List<String> UNCONFIRMED = List.of(
            "SYMPTOM.URGE_TO_MOVE_LEGS <- http://hl7.org/fhir/sid/icd-10-cm|G25.81",
            "UNIT.MEQ_PER_L <- http://unitsofmeasure.org|mEq/L",
            "FINDING.POLYNEUROPATHY <- http://snomed.info/sct|42345000",
            "FINDING.SPINAL_CANAL_STENOSIS <- http://snomed.info/sct|76107001",
            "FINDING.TIC_DISORDER <- http://snomed.info/sct|568005",
            "FINDING.EMG <- http://snomed.info/sct|42803009");

    @Test
    @DisplayName("The default map loads, names itself and carries the build's version")
    void defaultMap_loads() {
        TriageConceptMap map = TriageConceptMap.defaults();
        assertThat(map.name()).isEqualTo("twitch-triage default concept map");
        assertThat(map.version()).doesNotContain("${").matches("\\d+\\.\\d+\\.\\d+.*");
        assertThat(map.entries()).hasSizeGreaterThan(60);
        assertThat(map.entries()).allSatisfy(e -> assertThat(e.source()).as(e.toString()).isNotBlank());
        assertThat(map.lookup(SNOMED, "53840002")).get().extracting(e -> e.valueAs(BodySite.class))
                .isEqualTo(BodySite.CALF);
    }

    @Test
    @DisplayName("Lists the codes that could not be confirmed, each with a note")
    void unconfirmedCodes_areListed() {
        List<ConceptMapEntry> unconfirmed = TriageConceptMap.defaults().unconfirmed();
        assertThat(unconfirmed).extracting(e -> e.target() + "." + e.value() + " <- " + e.system() + "|" + e.code())
                .containsExactlyElementsOf(UNCONFIRMED);
        assertThat(unconfirmed).allSatisfy(e -> assertThat(e.note()).as(e.toString()).isNotBlank());
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
    @DisplayName("Every value of every target with a local code system is understood in local codes")
    void localCodes_areBuiltIn() {
        TriageConceptMap map = TriageConceptMap.defaults();
        for (ConceptTarget target : ConceptTarget.values()) {
            if (target.localSystem() == null) {
                continue;
            }
            for (String value : target.allowedValues()) {
                assertThat(map.lookup(target.localSystem(), value)).as(target + "." + value).get()
                        .satisfies(e -> assertThat(e.local()).isTrue())
                        .satisfies(e -> assertThat(e.value()).isEqualTo(value));
            }
            assertThat(map.lookup(target.localSystem(), "NO_SUCH_VALUE")).isEmpty();
        }
    }

    @Test
    @DisplayName("A user-supplied map replaces the default one: its codes are read, the default's are not")
    void userMap_replacesDefault(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("clinic-map.json");
        Files.writeString(file, """
                {
                  "formatVersion": 1,
                  "name": "clinic map",
                  "version": "clinic-7",
                  "entries": [
                    {"target": "BODY_SITE", "value": "UPPER_ARM", "system": "http://snomed.info/sct",
                     "code": "91470000", "display": "Axilla", "direction": "in", "confirmed": true,
                     "source": "our terminology team", "note": "we record upper-arm twitches at the axilla"},
                    {"target": "TWITCH", "value": "TWITCH", "system": "http://hl7.org/fhir/sid/icd-10-cm",
                     "code": "R25.3", "direction": "in", "confirmed": true, "source": "ICD-10-CM"},
                    {"target": "ANALYTE", "value": "SODIUM", "system": "http://loinc.org", "code": "2951-2",
                     "direction": "in", "confirmed": true, "source": "LOINC"},
                    {"target": "UNIT", "value": "MMOL_PER_L", "system": "http://unitsofmeasure.org", "code": "mg/L",
                     "direction": "in", "confirmed": false, "source": "a test", "note": "deliberately wrong"}
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
    @DisplayName("An invalid map is refused with every problem listed")
    void invalidMap_listsEveryProblem() {
        String json = """
                {
                  "formatVersion": 1,
                  "name": "broken",
                  "version": "1",
                  "colour": "red",
                  "entries": [
                    {"target": "ORGAN", "value": "X", "system": "s", "code": "1", "direction": "in",
                     "confirmed": true, "source": "x"},
                    {"target": "BODY_SITE", "value": "ARMPIT", "system": "s", "code": "2", "direction": "in",
                     "confirmed": true, "source": "x"},
                    {"target": "BODY_SITE", "value": "CALF", "system": "s", "code": "3", "direction": "sideways",
                     "confirmed": false, "source": "x"},
                    {"target": "BODY_SITE", "value": "CALF", "system": "s", "code": "4", "direction": "in",
                     "confirmed": true},
                    {"target": "BODY_SITE", "value": "KNEE", "system": "s", "code": "5", "direction": "in",
                     "confirmed": true, "source": "x"},
                    {"target": "BODY_SITE", "value": "HAND", "system": "s", "code": "5", "direction": "in",
                     "confirmed": true, "source": "x"},
                    {"target": "BODY_SITE", "value": "HAND", "system": "http://twitchtriage.org/fhir/CodeSystem/x",
                     "code": "6", "direction": "in", "confirmed": true, "source": "x"}
                  ]
                }
                """;
        assertThatThrownBy(() -> TriageConceptMap.read(new ByteArrayInputStream(json.getBytes(
                StandardCharsets.UTF_8)), "broken.json"))
                .isInstanceOf(ConceptMapException.class)
                .satisfies(e -> assertThat(((ConceptMapException) e).getProblems()).containsExactly(
                        "colour: unknown field; expected one of: description, entries, formatVersion, name, version",
                        "entries[0].target: unknown target 'ORGAN'; allowed: TWITCH, BODY_SITE, SYMPTOM, "
                                + "CIRCUMSTANCE, COURSE, VISIBILITY, SELF_CARE, PREGNANCY_STATUS, PREGNANCY, ANALYTE, "
                                + "UNIT, FINDING, PERFORMER, SERVICE_CATEGORY",
                        "entries[1].value: 'ARMPIT' is not a value of BODY_SITE; allowed: UPPER_ARM, CALF, EYE, "
                                + "EYELID, FACE, LIP, LEG, KNEE, HAND, ABDOMEN, WHOLE_BODY",
                        "entries[2].direction: must be in, out or both, was 'sideways'",
                        "entries[2].note: an unconfirmed entry needs a note saying what is in doubt",
                        "entries[3].source: is missing",
                        "entries[5]: s|5 is already read by entries[4]",
                        "entries[6].system: local codes of http://twitchtriage.org/fhir/ are built in and must not "
                                + "be listed"))
                .hasMessageContaining("broken.json");
    }

    @Test
    @DisplayName("A missing file and malformed JSON are reported, not thrown as raw IO errors")
    void unreadableMap_reported(@TempDir Path dir) throws IOException {
        assertThatThrownBy(() -> TriageConceptMap.load(dir.resolve("none.json")))
                .isInstanceOf(ConceptMapException.class).hasMessageContaining("none.json");
        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, "{ \"formatVersion\": 1,");
        assertThatThrownBy(() -> TriageConceptMap.load(bad)).isInstanceOf(ConceptMapException.class)
                .hasMessageContaining("malformed JSON at line 1");
    }
}
