package org.twitchtriage.cdshooks.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.twitchtriage.fhir.TriageConceptMap;

/** The prefetch templates keep to the query subset the CDS Hooks specification recommends. */
class PrefetchTemplatesTest {
    static final Set<String> ALLOWED_PARAMETERS = Set.of("patient", "code", "clinical-status", "_sort", "_count");

    @Test
    @DisplayName("each template is an instance read or a type search with patient, token, _sort and _count only")
    void templates_keepToTheRecommendedSubset() {
        Map<String, String> templates = new PrefetchTemplates(TriageConceptMap.defaults()).asMap();

        assertThat(templates).containsOnlyKeys("patient", "conditions", "latest-calcium", "latest-magnesium",
                "latest-potassium", "latest-sodium", "pregnancy", "findings");
        templates.forEach((key, query) -> {
            if (!query.contains("?")) {
                assertThat(query).isEqualTo("Patient/{{context.patientId}}");
                return;
            }
            String[] parts = query.split("\\?", 2);
            assertThat(parts[0]).isIn("Condition", "Observation");
            for (String p : parts[1].split("&")) {
                String name = p.split("=", 2)[0];
                assertThat(ALLOWED_PARAMETERS).as("%s parameter %s", key, name).contains(name);
            }
            assertThat(parts[1]).startsWith("patient={{context.patientId}}").doesNotContain("{{userP");
        });
    }
}
