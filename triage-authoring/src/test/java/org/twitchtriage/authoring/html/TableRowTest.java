package org.twitchtriage.authoring.html;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.twitchtriage.authoring.tables.TableCells;

@DisplayName("Decision-table rows in words")
class TableRowTest {
    /** The layout of the referral table, with two rules and a row after the blank line that ends the table. */
    private static final String CSV = String.join("\n",
            "RuleSet,org.twitchtriage.rules.referral",
            "Notes,Referrals from red flags.",
            "",
            "RuleTable Referral from red flags",
            "NAME,METADATA,CONDITION,CONDITION,CONDITION,ACTION,ACTION,DESCRIPTION",
            ",,$t : Twitch,$t : Twitch,exists Conclusion,,,",
            ",\"id(\"\"$param\"\")\",,site == BodySite.$param,"
                    + "\"code in (forall(,){FindingCode.RED_FLAG_$}), twitchId == $t.id\","
                    + "\"insertLogical(Conclusion.referral(FindingCode.$param,\",\"Urgency.$param, $t, \"\"x\"\"));\",",
            "Rule,Id,Any body site,Only at body site,Red flag (any of),Referral,Urgency,Why",
            "Paralysis -> doctor,REF-A,yes,,PARALYSIS,SEE_DOCTOR,URGENT,Loss of strength never waits.",
            "Upper arm -> doctor,REF-B,,UPPER_ARM,\"PAIN, NUMBNESS\",SEE_DOCTOR,SOON,",
            "",
            "Not a rule,REF-C,yes,,PAIN,SEE_DOCTOR,SOON,",
            "");

    @Test
    @DisplayName("each rule row becomes conditions and actions under their labels, in the model's words")
    void rowsInWords() {
        List<TableRow> rows = TableRow.inWords("referral.drl.csv", TableCells.parseCsv(CSV));

        assertThat(rows).extracting(TableRow::row).containsExactly(9, 10);
        TableRow first = rows.get(0);
        assertThat(first.conditions()).extracting(TableRow.Cell::label, TableRow.Cell::value, TableRow.Cell::words)
                .containsExactly(tuple("Any body site", "yes", "yes"),
                        tuple("Red flag (any of)", "PARALYSIS", "Twitching with paralysis or weakness"));
        assertThat(first.actions()).extracting(TableRow.Cell::label, TableRow.Cell::words)
                .containsExactly(tuple("Referral", "See a doctor"), tuple("Urgency", "urgent"));
        assertThat(first.note()).isEqualTo("Loss of strength never waits.");

        assertThat(rows.get(1).conditions()).extracting(TableRow.Cell::words)
                .containsExactly("upper arm", "Twitching with pain, Twitching with numbness");
        assertThat(rows.get(1).note()).isEmpty();
    }

    @Test
    @DisplayName("a value the model does not know stays as written, so a typo is not hidden")
    void unknownValuesStayAsWritten() {
        assertThat(TableRow.words("site == BodySite.$param", "ELBOW")).isEqualTo("ELBOW");
        assertThat(TableRow.words("code in (forall(,){FindingCode.RED_FLAG_$})", "PAIN, HEADACHE"))
                .isEqualTo("PAIN, HEADACHE");
        assertThat(TableRow.words("\"$param\"));", "Some explanation")).isEqualTo("Some explanation");
    }
}
