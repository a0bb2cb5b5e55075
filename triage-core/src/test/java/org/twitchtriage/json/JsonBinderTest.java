package org.twitchtriage.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.twitchtriage.model.Sex;
import org.twitchtriage.validation.Violation;

/** The shared strict layer: {@link StrictJson} parsing and {@link JsonBinder} binding, on a small format of its own. */
class JsonBinderTest {
    record Doc(@JsonProperty(required = true) String name, @JsonProperty("case") Integer number, Long big,
               Boolean flag, Sex sex, List<Part> parts, URI url, ZoneId zone, Instant at, BigDecimal amount) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Part(@JsonProperty(required = true) String id) {
    }

    private static List<Violation> problems(String json) {
        JsonBinder binder = new JsonBinder("doc");
        binder.bind(StrictJson.parse(json.getBytes(StandardCharsets.UTF_8), "doc"), Doc.class);
        return binder.violations();
    }

    @Test
    @DisplayName("a valid document binds every kind of value, renamed fields and codes in any case included")
    void validDocument_binds() {
        JsonBinder binder = new JsonBinder("doc");
        Doc doc = binder.bind(StrictJson.parse(("{\"name\": \"n\", \"case\": 3.0, \"big\": 5000000000, \"flag\": true,"
                + " \"sex\": \"female\", \"parts\": [{\"id\": \"p\", \"extension\": 1}], \"url\": \"https://x.test\","
                + " \"zone\": \"UTC\", \"at\": \"2026-01-01T10:00:00+01:00\", \"amount\": 0.70}")
                .getBytes(StandardCharsets.UTF_8), "doc"), Doc.class);

        assertThat(binder.violations()).isEmpty();
        assertThat(doc).isEqualTo(new Doc("n", 3, 5_000_000_000L, true, Sex.FEMALE, List.of(new Part("p")),
                URI.create("https://x.test"), ZoneId.of("UTC"), Instant.parse("2026-01-01T09:00:00Z"),
                new BigDecimal("0.70")));
        assertThat(StrictJson.write(doc).get("amount").decimalValue().scale()).as("digits kept").isEqualTo(2);
        assertThat(StrictJson.write(doc).has("case")).isTrue();
    }

    @Test
    @DisplayName("every problem is collected with its path, and no message repeats a value from the input")
    void everyProblem_isCollectedWithoutValues() {
        List<Violation> problems = problems("{\"case\": \"secret-1\", \"sex\": \"secret-2\", \"parts\": [{}, null],"
                + " \"zone\": \"secret-3\", \"at\": \"secret-4\", \"url\": 7, \"big\": 1.5, \"other\": true}");

        assertThat(problems).extracting(Violation::field).containsExactlyInAnyOrder("other", "name", "case", "sex",
                "parts[0].id", "parts[1]", "zone", "at", "url", "big");
        assertThat(problems).allSatisfy(v -> assertThat(v.toString()).doesNotContain("secret"));
        assertThat(problems).contains(new Violation("name", "is missing"),
                new Violation("zone", "must be a time zone id such as Europe/Berlin or UTC"),
                new Violation("big", "must be a whole number, was a decimal number"));
    }

    @Test
    @DisplayName("an unrecognised token in malformed JSON is not repeated; line, column and field are named")
    void malformedJson_hidesTheToken() {
        StrictJson.JsonProblem e = catchThrowableOfType(StrictJson.JsonProblem.class,
                () -> problems("{\"name\": \"n\",\n \"zone\": secretvalue}"));

        assertThat(e.problem().field()).isEqualTo("zone");
        assertThat(e.problem().message()).startsWith("malformed JSON at line 2").doesNotContain("secretvalue");
    }

    @Test
    @DisplayName("input beyond the configured bounds is refused before it is bound")
    void deepOrLongInput_isRefused() {
        String deep = "[".repeat(StrictJson.MAX_NESTING_DEPTH + 1) + "]".repeat(StrictJson.MAX_NESTING_DEPTH + 1);
        String longNumber = "{\"amount\": " + "9".repeat(StrictJson.MAX_NUMBER_LENGTH + 1) + "}";

        assertThat(catchThrowableOfType(StrictJson.JsonProblem.class, () -> problems(deep)).problem().message())
                .startsWith("JSON beyond the accepted size");
        assertThat(catchThrowableOfType(StrictJson.JsonProblem.class, () -> problems(longNumber)).problem().message())
                .startsWith("JSON beyond the accepted size").doesNotContain("9999");
    }
}
