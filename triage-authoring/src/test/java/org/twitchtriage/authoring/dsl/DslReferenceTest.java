package org.twitchtriage.authoring.dsl;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The rule language reference document")
class DslReferenceTest {
    private static final String DSL = String.join("\n",
            "# The language",
            "",
            "# -----",
            "# Conditions: the twitch",
            "# -----",
            "[when]there is a twitch in the eye or eyelid=$t : Twitch( site in (BodySite.EYE, BodySite.EYELID) )",
            "[when]- it has lasted at least {days:\\d+} days=durationDays != null && durationDays >= {days}",
            "",
            "# -----",
            "# Conclusions",
            "# -----",
            "[then]reassure: {explanation}=insertLogical(Conclusion.reassurance($t, {explanation}));",
            "[when]- it tingles or itches=symptoms contains Symptom.TINGLING || symptoms contains Symptom.ITCH",
            "");

    @Test
    @DisplayName("every sentence under its section heading, variables in angle brackets, with its DRL")
    void sectionsAndSentences() {
        String md = DslReference.markdown("rules/t.dsl", DSL);

        assertThat(md).startsWith("# The rule language: every sentence\n\nGenerated from `rules/t.dsl`; do not edit "
                + "by hand. 4 sentences.");
        assertThat(md).contains("## Conditions: the twitch\n\n| Sentence | Stands for (DRL) |\n|---|---|\n"
                + "| `there is a twitch in the eye or eyelid` | `$t : Twitch( site in (BodySite.EYE, BodySite.EYELID) )`"
                + " |\n| `- it has lasted at least <days> days` | `durationDays != null && durationDays >= {days}` |\n");
        assertThat(md).contains("## Conclusions\n\n| Sentence | Stands for (DRL) |\n|---|---|\n"
                + "| `reassure: <explanation>` | `insertLogical(Conclusion.reassurance($t, {explanation}));` |\n");
        assertThat(md).as("a pipe in a cell is escaped")
                .contains("`symptoms contains Symptom.TINGLING \\|\\| symptoms contains Symptom.ITCH`");
    }

    @Test
    @DisplayName("the same text gives the same document")
    void isDeterministic() {
        assertThat(DslReference.markdown("t.dsl", DSL)).isEqualTo(DslReference.markdown("t.dsl", DSL));
    }
}
