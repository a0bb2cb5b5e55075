package org.twitchtriage.authoring.dsl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Expanding rule files written in the rule language")
class DslExpanderTest {
    private static final String DSL = String.join("\n",
            "# a comment",
            "[when]there is a twitch in the eye or eyelid=$t : Twitch( site in (BodySite.EYE, BodySite.EYELID) )",
            "[when]there is a twitch in the eye=$t : Twitch( site == BodySite.EYE )",
            "[when]- it has lasted at least {days:\\d+} days=durationDays != null && durationDays >= {days}",
            "[then]reassure: {explanation}=insertLogical(Conclusion.reassurance($t, {explanation}));",
            "");
    private static final DslExpander EXPANDER = DslExpander.of(Map.of("t.dsl", DSL));

    @Test
    @DisplayName("lists the sentences in order, with their part, variables and DRL")
    void listsSentences() {
        assertThat(EXPANDER.sentences()).extracting(DslSentence::sentence).containsExactly(
                "there is a twitch in the eye or eyelid", "there is a twitch in the eye",
                "- it has lasted at least {days:\\d+} days", "reassure: {explanation}");
        DslSentence days = EXPANDER.sentences().get(2);
        assertThat(days.part()).isEqualTo(DslSentence.Part.CONDITION);
        assertThat(days.isQualifier()).isTrue();
        assertThat(days.variables()).containsExactly("days");
        assertThat(days.writtenWith((name, pattern) -> "\\d+".equals(pattern) ? "7" : "?"))
                .isEqualTo("- it has lasted at least 7 days");
        assertThat(days.expandedWith((name, pattern) -> "7")).isEqualTo("durationDays != null && durationDays >= 7");
        assertThat(EXPANDER.sentences().get(3).part()).isEqualTo(DslSentence.Part.CONSEQUENCE);
    }

    @Test
    @DisplayName("expands sentences, qualifiers and passes DRL lines through")
    void expands() {
        DslExpander.Expansion e = EXPANDER.expand(String.join("\n",
                "package p;",
                "rule \"r\"",
                "when",
                "    there is a twitch in the eye or eyelid",
                "    - it has lasted at least 14 days",
                ">   Patient( pregnant )",
                "then",
                "    reassure: \"Fine, {really}.\"",
                "end",
                ""));

        assertThat(e.succeeded()).isTrue();
        assertThat(e.drl())
                .contains("$t : Twitch( site in (BodySite.EYE, BodySite.EYELID) , durationDays != null"
                        + " && durationDays >= 14)")
                .contains("    Patient( pregnant )")
                .contains("insertLogical(Conclusion.reassurance($t, \"Fine, {really}.\"));");
    }

    @Test
    @DisplayName("a longer sentence written first wins over a shorter one it begins with")
    void longerSentenceFirst() {
        String drl = EXPANDER.expand("rule \"r\"\nwhen\n    there is a twitch in the eye or eyelid\nthen\nend\n").drl();

        assertThat(drl).contains("site in (BodySite.EYE, BodySite.EYELID)").doesNotContain("or eyelid");
    }

    @Test
    @DisplayName("a line no sentence matches is an error naming it")
    void unknownLineIsAnError() {
        DslExpander.Expansion e = EXPANDER.expand("rule \"r\"\nwhen\n    there is a headache\nthen\nend\n");

        assertThat(e.succeeded()).isFalse();
        assertThat(e.errors()).singleElement().asString().contains("there is a headache");
    }

    @Test
    @DisplayName("a DSL file that is not valid is rejected with its name")
    void invalidDslIsRejected() {
        assertThatThrownBy(() -> DslExpander.of(Map.of("bad.dsl", "[when]there is {an unclosed=x\n")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bad.dsl");
    }

    @Test
    @DisplayName("a line is a sentence only when one sentence covers all of it, in the part of the rule it stands in")
    void sentenceFor_wholeLinesOnly() {
        assertThat(EXPANDER.sentenceFor("  there is a twitch in the eye ", DslSentence.Part.CONDITION))
                .map(DslSentence::sentence).contains("there is a twitch in the eye");
        assertThat(EXPANDER.sentenceFor("- it has lasted at least 14 days", DslSentence.Part.CONDITION))
                .map(DslSentence::sentence).contains("- it has lasted at least {days:\\d+} days");
        assertThat(EXPANDER.sentenceFor("there is a twitch in the eye and the lip", DslSentence.Part.CONDITION))
                .isEmpty();
        assertThat(EXPANDER.sentenceFor("there is a twitch in the eye", DslSentence.Part.CONSEQUENCE)).isEmpty();
        assertThat(EXPANDER.sentenceFor("reassure: \"Fine.\"", DslSentence.Part.CONSEQUENCE)).isPresent();
    }

    @Test
    @DisplayName("the closest sentences to a misspelt line come first; quotes and numbers are not compared")
    void closest_ranksBySimilarity() {
        assertThat(EXPANDER.closest("there is a twich in the eye", DslSentence.Part.CONDITION, 2))
                .extracting(DslSentence::readable)
                .containsExactly("there is a twitch in the eye", "there is a twitch in the eye or eyelid");
        assertThat(EXPANDER.closest("reasure \"Fine, really.\"", DslSentence.Part.CONSEQUENCE, 1))
                .extracting(DslSentence::readable).containsExactly("reassure: <explanation>");
    }

    @Test
    @DisplayName("the sentence a longer line begins with, as Drools would expand it")
    void beginning_findsTheLongestSentenceAtTheStart() {
        DslExpander.Beginning b = EXPANDER.beginning("there is a twitch in the eye or eyelid and more",
                DslSentence.Part.CONDITION).orElseThrow();

        assertThat(b.sentence().sentence()).isEqualTo("there is a twitch in the eye or eyelid");
        assertThat(b.length()).isEqualTo("there is a twitch in the eye or eyelid".length());
        assertThat(EXPANDER.beginning("no sentence at all", DslSentence.Part.CONDITION)).isEmpty();
    }

    @Test
    @DisplayName("one line expands to its sentence's DRL with the values written in it")
    void expandLine_fillsInValues() {
        assertThat(EXPANDER.expandLine("- it has lasted at least 21 days", DslSentence.Part.CONDITION))
                .contains("durationDays != null && durationDays >= 21");
        assertThat(EXPANDER.expandLine("there is a twitch", DslSentence.Part.CONDITION)).isEmpty();
    }

    @Test
    @DisplayName("the values a line gives the sentence's variables, and the pattern a variable must match")
    void valuesAndPatterns() {
        assertThat(EXPANDER.values("reassure: \"Fine.\"", DslSentence.Part.CONSEQUENCE))
                .contains(Map.of("explanation", "\"Fine.\""));
        assertThat(EXPANDER.values("- it has lasted at least 7 days", DslSentence.Part.CONDITION))
                .contains(Map.of("days", "7"));
        assertThat(EXPANDER.values("no sentence", DslSentence.Part.CONDITION)).isEmpty();
        DslSentence days = EXPANDER.sentences().get(2);
        assertThat(days.pattern("days")).contains("\\d+");
        assertThat(EXPANDER.sentences().get(3).pattern("explanation")).isEmpty();
    }

    @Test
    @DisplayName("a sentence reads with its variables in angle brackets")
    void readable_namesVariables() {
        assertThat(EXPANDER.sentences()).extracting(DslSentence::readable).contains(
                "- it has lasted at least <days> days", "reassure: <explanation>");
    }

    @Test
    @DisplayName("edit distance counts inserted, deleted and replaced characters")
    void distance() {
        assertThat(DslExpander.distance("twich", "twitch")).isEqualTo(1);
        assertThat(DslExpander.distance("calf", "half")).isEqualTo(1);
        assertThat(DslExpander.distance("", "abc")).isEqualTo(3);
        assertThat(DslExpander.distance("same", "same")).isZero();
    }
}
