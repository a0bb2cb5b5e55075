package org.twitchtriage.cdshooks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Checks response JSON against the CDS Hooks 2.0 rules (specification text and the HL7 logical models): required
 * members present, allowed codes only, summary under 140 characters, {@code selectionBehavior} whenever there are
 * suggestions, a display on every override reason, and no null or empty element anywhere except {@code "cards": []}.
 */
final class CdsHooksJson {
    private static final Set<String> INDICATORS = Set.of("info", "warning", "critical");
    private static final Set<String> SELECTION = Set.of("at-most-one", "any");
    private static final Set<String> ACTIONS = Set.of("create", "update", "delete");

    private CdsHooksJson() {
    }

    /** Asserts a valid {@code {"cards": [...]}} response. */
    static void assertValidCardsResponse(JsonNode response) {
        assertThat(response.isObject()).as("response is an object").isTrue();
        assertThat(response.path("cards").isArray()).as("cards is an array").isTrue();
        if (!response.path("cards").isEmpty()) {
            assertNoNullOrEmpty(response, "$");
        }
        int i = 0;
        for (JsonNode card : response.path("cards")) {
            String at = "cards[" + i++ + "]";
            String summary = card.path("summary").asText("");
            assertThat(summary).as(at + ".summary").isNotBlank();
            assertThat(summary.codePointCount(0, summary.length())).as(at + ".summary length").isLessThan(140);
            assertThat(INDICATORS).as(at + ".indicator").contains(card.path("indicator").asText());
            assertThat(card.path("source").path("label").asText("")).as(at + ".source.label").isNotBlank();
            assertThat(card.path("uuid").isTextual()).as(at + ".uuid").isTrue();
            assertThat(UUID.fromString(card.path("uuid").asText()).toString()).isEqualTo(card.path("uuid").asText());
            JsonNode topic = card.path("source").path("topic");
            if (!topic.isMissingNode()) {
                assertThat(topic.path("system").asText("")).as(at + ".source.topic.system").isNotBlank();
                assertThat(topic.path("code").asText("")).as(at + ".source.topic.code").isNotBlank();
            }
            if (card.has("suggestions")) {
                assertThat(SELECTION).as(at + ".selectionBehavior").contains(card.path("selectionBehavior").asText());
                for (JsonNode s : card.path("suggestions")) {
                    assertThat(s.path("label").asText("")).as(at + " suggestion label").isNotBlank();
                    for (JsonNode a : s.path("actions")) {
                        assertThat(ACTIONS).as(at + " action type").contains(a.path("type").asText());
                        assertThat(a.path("description").asText("")).as(at + " action description").isNotBlank();
                        if (a.path("type").asText().equals("create")) {
                            assertThat(a.path("resource").path("resourceType").asText("")).isNotBlank();
                        }
                    }
                }
            }
            for (JsonNode r : card.path("overrideReasons")) {
                assertThat(r.path("code").asText("")).isNotBlank();
                assertThat(r.path("system").asText("")).isNotBlank();
                assertThat(r.path("display").asText("")).as(at + " override reason display").isNotBlank();
            }
        }
    }

    /** Asserts a valid discovery response. */
    static void assertValidDiscovery(JsonNode discovery) {
        assertNoNullOrEmpty(discovery, "$");
        assertThat(discovery.path("services").isArray()).isTrue();
        for (JsonNode s : discovery.path("services")) {
            assertThat(s.path("hook").asText("")).isNotBlank();
            assertThat(s.path("description").asText("")).isNotBlank();
            assertThat(s.path("id").asText("")).isNotBlank();
            for (Iterator<Map.Entry<String, JsonNode>> it = s.path("prefetch").fields(); it.hasNext(); ) {
                assertThat(it.next().getValue().isTextual()).as("prefetch templates are strings").isTrue();
            }
        }
    }

    /** Asserts that no element below {@code node} is null, an empty or blank string, an empty array or object. */
    static void assertNoNullOrEmpty(JsonNode node, String path) {
        assertThat(node.isNull()).as(path + " is null").isFalse();
        if (node.isTextual()) {
            assertThat(node.asText()).as(path + " is an empty string").isNotBlank();
        } else if (node.isArray()) {
            assertThat(node.isEmpty()).as(path + " is an empty array").isFalse();
            for (int i = 0; i < node.size(); i++) {
                assertNoNullOrEmpty(node.get(i), path + "[" + i + "]");
            }
        } else if (node.isObject()) {
            assertThat(node.isEmpty()).as(path + " is an empty object").isFalse();
            node.fields().forEachRemaining(e -> assertNoNullOrEmpty(e.getValue(), path + "." + e.getKey()));
        }
    }
}
