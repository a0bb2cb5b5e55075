package org.twitchtriage.authoring.folder;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The compiler's messages in plain words")
class CompilerMessagesTest {
    @Test
    @DisplayName("a syntax error: what was not expected, and in which rule")
    void parserError() {
        assertThat(CompilerMessages.translate("[ERR 102] Line 72:49 mismatched input 'leg' in rule \"Calf: x\""))
                .isEqualTo(new CompilerMessages.Plain("cannot read this line: did not expect 'leg' here (rule "
                        + "\"Calf: x\")", null));
    }

    @Test
    @DisplayName("a misspelt field or value, with the text to look for and, for a value, the allowed ones")
    void unknownFieldOrValue() {
        assertThat(CompilerMessages.translate("Unable to Analyse Expression symptomz contains Symptom.PAIN:"))
                .isEqualTo(new CompilerMessages.Plain("cannot understand the condition \"symptomz contains "
                        + "Symptom.PAIN\" (is a field or value misspelt?)", "symptomz contains Symptom.PAIN"));
        CompilerMessages.Plain value = CompilerMessages.translate(
                "Unknown field FACES on class org.twitchtriage.model.BodySite");
        assertThat(value.message()).isEqualTo("BodySite has no value FACES; allowed: UPPER_ARM, CALF, EYE, EYELID, "
                + "FACE, LIP, LEG, KNEE, HAND, ABDOMEN, WHOLE_BODY, UNKNOWN");
        assertThat(value.snippet()).isEqualTo("BodySite.FACES");
        assertThat(CompilerMessages.translate("Unable to find class: Twitchy").snippet()).isEqualTo("Twitchy");
    }

    @Test
    @DisplayName("a consequence that does not parse: no stack trace, a hint at the quotes")
    void consequenceWithoutStackTrace() {
        String message = CompilerMessages.plain("Unable to parse consequence caused by: (line 2,col 42) Parse error."
                + " Found \"twitching\" <IDENTIFIER> Problem stacktrace : com.github.javaparser.GeneratedJavaParser"
                + ".generateParseException(GeneratedJavaParser.java:14486)\n  at x.y(Z.java:1)");

        assertThat(message).startsWith("cannot read the conclusions of this rule (")
                .endsWith("is an explanation not in double quotes, or has one inside?")
                .doesNotContain("stacktrace").doesNotContain("GeneratedJavaParser").doesNotContain("\n");
    }

    @Test
    @DisplayName("the parser giving up after an error adds nothing; other messages keep their words on one line")
    void otherMessages() {
        assertThat(CompilerMessages.isConsequential("Parser returned a null Package")).isTrue();
        assertThat(CompilerMessages.plain("Something\n  went wrong")).isEqualTo("Something went wrong");
        assertThat(CompilerMessages.plain(null)).isEqualTo("the rule compiler reports an error without a message");
    }
}
