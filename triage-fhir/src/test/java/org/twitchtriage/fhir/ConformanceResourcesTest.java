package org.twitchtriage.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.MetadataResource;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.StructureDefinition;
import org.hl7.fhir.r4.model.ValueSet;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.twitchtriage.model.FindingCode;
import org.twitchtriage.model.Urgency;

/**
 * The published conformance resources cannot drift from the code: every local code the adapter reads or writes, every
 * extension it reads or writes and every profile it declares is defined there, with exactly the codes the code knows.
 */
class ConformanceResourcesTest {
    private static final FhirContext CTX = FhirContext.forR4Cached();
    private static final Path FOLDER = Path.of("src", "main", "resources", "org", "twitchtriage", "fhir",
            "conformance");

    private final List<Resource> resources = TriageConformance.resources(CTX);
    private final Map<String, MetadataResource> byUrl = resources.stream().map(r -> (MetadataResource) r)
            .collect(Collectors.toMap(MetadataResource::getUrl, Function.identity()));

    @Test
    @DisplayName("The list of published files is the folder's content; each file is Type-id.json with its canonical URL "
            + "under the project base and the build's version")
    void filesNamesUrlsAndVersions() throws IOException {
        try (Stream<Path> files = Files.list(FOLDER)) {
            assertThat(files.map(p -> p.getFileName().toString()).toList())
                    .containsExactlyInAnyOrderElementsOf(TriageConformance.FILES);
        }
        for (int i = 0; i < resources.size(); i++) {
            MetadataResource r = (MetadataResource) resources.get(i);
            String type = r.fhirType();
            String id = r.getIdElement().getIdPart();
            assertThat(TriageConformance.FILES.get(i)).isEqualTo(type + "-" + id + ".json");
            assertThat(r.getUrl()).isEqualTo(TriageFhir.BASE + type + "/" + id);
            assertThat(r.getVersion()).as(r.getUrl()).isEqualTo(TriageConceptMap.defaults().version())
                    .doesNotContain("${");
        }
    }

    @Test
    @DisplayName("Each local code system is published with exactly the codes the adapter reads or writes")
    void localCodeSystems_matchTheCode() {
        Set<String> systems = new TreeSet<>();
        Arrays.stream(ConceptTarget.values()).forEach(t -> systems.add(t.localSystem()));
        for (String system : systems) {
            assertThat(codes(codeSystem(system))).as(system)
                    .containsExactlyInAnyOrderElementsOf(ConceptTarget.localCodes(system));
        }
        assertThat(codes(codeSystem(TriageFhir.URGENCY_SYSTEM)))
                .containsExactlyElementsOf(Arrays.stream(Urgency.values()).map(Enum::name).toList());
        ValueSet urgency = (ValueSet) byUrl.get(TriageFhir.URGENCY_VALUE_SET);
        assertThat(urgency.getCompose().getIncludeFirstRep().getSystem()).isEqualTo(TriageFhir.URGENCY_SYSTEM);
        Set<String> published = new TreeSet<>(byUrl.keySet());
        published.removeIf(url -> !url.contains("/CodeSystem/"));
        systems.add(TriageFhir.URGENCY_SYSTEM);
        assertThat(published).as("no code system the code does not use").isEqualTo(systems);
    }

    @Test
    @DisplayName("The finding code system's displays are the displays written into output")
    void findingDisplays_matchTheModel() {
        CodeSystem findings = codeSystem(TriageFhir.FINDING_SYSTEM);
        for (FindingCode code : FindingCode.values()) {
            assertThat(findings.getConcept()).filteredOn(c -> c.getCode().equals(code.name()))
                    .singleElement().extracting(CodeSystem.ConceptDefinitionComponent::getDisplay)
                    .isEqualTo(code.display());
        }
    }

    @Test
    @DisplayName("Every extension, code system, value set and profile URL the code names has a published definition")
    void everyUrlConstant_isDefined() throws IllegalAccessException {
        List<String> urls = new ArrayList<>();
        for (Field f : TriageFhir.class.getFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == String.class) {
                String value = (String) f.get(null);
                if (value.matches("\\Q" + TriageFhir.BASE + "\\E(StructureDefinition|CodeSystem|ValueSet)/.+")) {
                    urls.add(value);
                }
            }
        }
        assertThat(urls).hasSizeGreaterThan(20);
        assertThat(byUrl.keySet()).containsAll(urls);
        assertThat(urls).as("nothing published that the code does not name").containsAll(byUrl.keySet());
    }

    @Test
    @DisplayName("Every local coding, extension and profile in the output of every case and in the FHIR test bundles "
            + "and the concept map is defined in the published resources")
    void everythingEmittedOrRead_isDefined() {
        List<IBaseResource> seen = new ArrayList<>();
        OutputCases.all().forEach(o -> o.bundle().getEntry().forEach(e -> seen.add(e.getResource())));
        for (String name : List.of("pregnant-calf.json", "whole-body-increasing-paralysis.json",
                "unmappable-code.json")) {
            Fhir.bundle(name).getEntry().forEach(e -> seen.add(e.getResource()));
        }
        seen.add(TriageConceptMap.defaults().toConceptMap());
        int locals = 0;
        for (IBaseResource r : seen) {
            for (Coding c : CTX.newTerser().getAllPopulatedChildElementsOfType(r, Coding.class)) {
                if (c.getSystem() != null && c.getSystem().startsWith(TriageFhir.BASE)) {
                    assertThat(codes(codeSystem(c.getSystem()))).as(c.getSystem()).contains(c.getCode());
                    locals++;
                }
            }
            for (Extension e : CTX.newTerser().getAllPopulatedChildElementsOfType(r, Extension.class)) {
                if (e.getUrl().startsWith("http")) {
                    assertThat(byUrl.get(e.getUrl())).as(e.getUrl()).isInstanceOf(StructureDefinition.class);
                }
                if (e.getUrl().equals("urgency") && e.getValue() instanceof CodeType code) {
                    assertThat(codes(codeSystem(TriageFhir.URGENCY_SYSTEM))).contains(code.getCode());
                }
            }
            if (r instanceof Resource res) {
                res.getMeta().getProfile().forEach(p -> assertThat(byUrl).containsKey(p.getValue()));
            }
        }
        assertThat(locals).as("local codings were seen at all").isGreaterThan(100);
    }

    private CodeSystem codeSystem(String url) {
        assertThat(byUrl).as("published " + url).containsKey(url);
        return (CodeSystem) byUrl.get(url);
    }

    private static List<String> codes(CodeSystem cs) {
        return cs.getConcept().stream().map(CodeSystem.ConceptDefinitionComponent::getCode).toList();
    }
}
