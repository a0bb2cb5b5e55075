package org.twitchtriage.authoring.tables;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("Table cells in CSV and in a workbook")
class TableCellsTest {
    private static final String CSV = String.join("\n",
            "RuleSet,org.example.referral,,",
            "Notes,\"A note, with a comma and \"\"quotes\"\"\",,",
            ",,,",
            "RuleTable Referral",
            "NAME,METADATA,CONDITION",
            ",,$t : Twitch",
            ",\"id(\"\"$param\"\")\",site == BodySite.$param",
            "Rule,Id,Site",
            "\"Two\nlines\",R-1,HAND",
            ",,",
            "");

    @Test
    @DisplayName("CSV: quoted commas, doubled quotes and line breaks; trailing empty cells and rows dropped")
    void parsesCsv() {
        List<List<String>> cells = TableCells.parseCsv(CSV);

        assertThat(cells).hasSize(9);
        assertThat(cells.get(0)).containsExactly("RuleSet", "org.example.referral");
        assertThat(cells.get(1)).containsExactly("Notes", "A note, with a comma and \"quotes\"");
        assertThat(cells.get(2)).isEmpty();
        assertThat(cells.get(6)).containsExactly("", "id(\"$param\")", "site == BodySite.$param");
        assertThat(cells.get(8)).containsExactly("Two\nlines", "R-1", "HAND");
        assertThat(TableCells.parseCsv("a,b\r\nc,d\r\n")).containsExactly(List.of("a", "b"), List.of("c", "d"));
    }

    @Test
    @DisplayName("CSV: an unclosed quote is an error naming its line")
    void unclosedQuoteIsAnError() {
        assertThatThrownBy(() -> TableCells.parseCsv("a,b\nc,\"d\n")).hasMessageContaining("line 2");
    }

    @Test
    @DisplayName("a workbook written from cells reads back as the same cells, and the same cells give the same bytes")
    void workbookRoundTrip(@TempDir Path dir) throws Exception {
        List<List<String>> cells = TableCells.parseCsv(CSV);
        Path xlsx = dir.resolve("sub/referral.drl.xlsx");

        TableCells.writeWorkbook(cells, "Referral", xlsx);

        assertThat(TableCells.readWorkbook(xlsx)).isEqualTo(cells);
        assertThat(TableCells.workbookBytes(cells, "Referral")).isEqualTo(Files.readAllBytes(xlsx));
        assertThat(TableCells.readWorkbook(new ByteArrayInputStream(Files.readAllBytes(xlsx)))).isEqualTo(cells);
    }

    @Test
    @DisplayName("the generated workbook is a decision table Drools compiles like the CSV")
    void workbookCompilesLikeTheCsv(@TempDir Path dir) throws Exception {
        String csv = String.join("\n",
                "RuleSet,org.example.referral",
                "RuleTable Referral",
                "NAME,METADATA,CONDITION,ACTION",
                ",,$t : Twitch,",
                ",\"id(\"\"$param\"\")\",site == BodySite.$param,\"insertLogical(Conclusion.referral("
                        + "FindingCode.$param, Urgency.SOON, $t, \"\"See a doctor, soon.\"\"));\"",
                "Rule,Id,Site,Referral",
                "Hand -> doctor,R-1,HAND,SEE_DOCTOR",
                "");
        Path xlsx = dir.resolve("t.drl.xlsx");
        TableCells.writeWorkbook(TableCells.parseCsv(csv), "Referral", xlsx);

        String drl = DecisionTables.toDrl(xlsx);

        assertThat(drl).isEqualTo(DecisionTables.toDrl("t.drl.csv", csv.getBytes(StandardCharsets.UTF_8)))
                .contains("package org.example.referral;").contains("@id(\"R-1\")")
                .contains("$t : Twitch(site == BodySite.HAND)")
                .contains("insertLogical(Conclusion.referral(FindingCode.SEE_DOCTOR, Urgency.SOON, $t,"
                        + " \"See a doctor, soon.\"));");
    }

    @Test
    @DisplayName("only files named .drl.xlsx, .drl.xls or .drl.csv are decision tables to the build")
    void decisionTableNames() {
        assertThat(DecisionTables.isDecisionTable("referral.drl.xlsx")).isTrue();
        assertThat(DecisionTables.isDecisionTable("a/referral.DRL.CSV")).isTrue();
        assertThat(DecisionTables.isDecisionTable("referral.xlsx")).isFalse();
        assertThat(DecisionTables.isDecisionTable("referral.csv")).isFalse();
    }

    @Test
    @DisplayName("a CSV table's workbook goes into the folder of its package, its sheet named after its table")
    void workbookLocation() {
        List<List<String>> cells = TableCells.parseCsv(CSV);

        assertThat(DecisionTableSources.workbookFor(Path.of("tables/referral.csv"), cells, Path.of("res")))
                .isEqualTo(Path.of("res/org/example/referral/referral.drl.xlsx"));
        assertThat(DecisionTableSources.sheetName(cells)).isEqualTo("Referral");
        assertThatThrownBy(() -> DecisionTableSources.workbookFor(Path.of("x.csv"), List.of(), Path.of("res")))
                .hasMessageContaining("RuleSet");
    }
}
