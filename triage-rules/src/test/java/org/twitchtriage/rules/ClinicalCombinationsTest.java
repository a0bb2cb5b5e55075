package org.twitchtriage.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;
import static org.twitchtriage.rules.ProjectRules.ENGINE;
import static org.twitchtriage.testkit.TriageAssertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.twitchtriage.engine.TriageDecision;
import org.twitchtriage.guideline.Guideline;
import org.twitchtriage.model.BodySite;
import org.twitchtriage.model.Circumstance;
import org.twitchtriage.model.Course;
import org.twitchtriage.model.FindingCode;
import org.twitchtriage.model.Patient;
import org.twitchtriage.model.SelfCare;
import org.twitchtriage.model.Sex;
import org.twitchtriage.model.Symptom;
import org.twitchtriage.model.TriageRequest;
import org.twitchtriage.model.Twitch;
import org.twitchtriage.model.Urgency;
import org.twitchtriage.validation.InvalidRequestException;

/**
 * The clinical combinations table ({@code clinical-combinations.csv}): body sites crossed with pregnancy, warning signs
 * and everyday circumstances, each row with the urgency, conclusions and guideline citations the guideline asks for.
 * The table is meant to be read and extended by clinical staff; its header comment explains the columns.
 *
 * <p>Rows marked {@code known-gap} are situations where the rules disagree with the guideline. They are evaluated and
 * reported as skipped with their reason; once the rules meet every expectation of such a row, the test fails so that
 * the row is set back to {@code active}.
 */
@DisplayName("Clinical combinations: body site x pregnancy x warning signs x circumstances")
class ClinicalCombinationsTest {
    private static final String TABLE = "/clinical-combinations.csv";
    private static final List<String> COLUMNS = List.of("status", "case", "site", "pregnant", "sex", "age", "course",
            "symptoms", "circumstances", "selfCare", "beforeSleep", "expectedUrgency", "mustConclude",
            "mustNotConclude", "passages", "note");
    private static final Set<Symptom> RED_FLAG_SYMPTOMS = EnumSet.of(Symptom.PAIN, Symptom.NUMBNESS,
            Symptom.PARALYSIS, Symptom.SENSORY_DISTURBANCE, Symptom.BACK_PAIN);

    static Stream<TableLine> combinations() {
        return read().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("combinations")
    @DisplayName("each situation gets the urgency, conclusions and guideline citations the guideline asks for")
    void combination(TableLine line) {
        if (line.row() == null) {
            fail(line.error());
        }
        Row row = line.row();
        TriageDecision decision;
        try {
            decision = ENGINE.evaluate(row.request());
        } catch (InvalidRequestException e) {
            fail(row.where() + ": the table describes an invalid request: " + e.getMessage(), e);
            return;
        }
        assertThat(decision).as(row.where()).meetsSafetyInvariants(row.request());
        List<String> differences = differences(row, decision);
        if (row.knownGap()) {
            if (differences.isEmpty()) {
                fail(row.where() + " is marked known-gap but the rules now meet every expectation:"
                        + " set its status to active");
            }
            Assumptions.abort("known gap: " + row.note() + "\n  differences: " + String.join("; ", differences));
        }
        if (!differences.isEmpty()) {
            fail(row.where() + " does not get what the guideline asks for:\n  - "
                    + String.join("\n  - ", differences) + "\n  decision: " + summary(decision));
        }
    }

    @Test
    @DisplayName("the table is well formed, has at least 60 situations and covers every body site, pregnant or not")
    void tableCoversEveryBodySite() {
        List<TableLine> lines = read();
        assertThat(lines.stream().map(TableLine::error).filter(e -> e != null).toList())
                .as("malformed rows").isEmpty();
        List<Row> rows = lines.stream().map(TableLine::row).toList();
        assertThat(rows).as("rows in the table").hasSizeGreaterThanOrEqualTo(60);

        List<Row> active = rows.stream().filter(r -> !r.knownGap()).toList();
        Set<BodySite> withPregnancy = sites(active, true);
        Set<BodySite> withoutPregnancy = sites(active, false);
        // an unknown body site is no site of the guideline; UnknownInputRulesTest covers it
        BodySite[] known = java.util.Arrays.stream(BodySite.values()).filter(s -> s != BodySite.UNKNOWN)
                .toArray(BodySite[]::new);
        assertThat(withoutPregnancy).as("body sites checked in patients who are not pregnant")
                .containsExactlyInAnyOrder(known);
        assertThat(withPregnancy).as("body sites checked in pregnant women")
                .containsExactlyInAnyOrder(known);
    }

    @Test
    @DisplayName("the table checks every warning sign and every everyday circumstance")
    void tableCoversEveryWarningSignAndCircumstance() {
        List<Row> active = read().stream().map(TableLine::row).filter(r -> r != null && !r.knownGap()).toList();
        List<Twitch> twitches = active.stream().flatMap(r -> r.request().getTwitches().stream()).toList();

        Set<Symptom> symptoms = twitches.stream().flatMap(t -> t.getSymptoms().stream())
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(Symptom.class)));
        assertThat(symptoms).as("warning-sign symptoms in the table").containsAll(RED_FLAG_SYMPTOMS);
        assertThat(twitches).as("a twitch that increases").anyMatch(t -> t.getCourse() == Course.INCREASING);
        assertThat(twitches).as("a twitch that persists after self-care").anyMatch(Twitch::isSelfCareFailed);

        Set<Circumstance> circumstances = active.stream()
                .flatMap(r -> r.request().getPatient().getCircumstances().stream())
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(Circumstance.class)));
        assertThat(circumstances).as("circumstances in the table").containsExactlyInAnyOrder(Circumstance.values());
    }

    // ---------------------------------------------------------------------------------------------- checking a row

    private static List<String> differences(Row row, TriageDecision d) {
        List<String> out = new ArrayList<>();
        if (d.highestUrgency() != row.urgency()) {
            out.add("urgency: expected " + row.urgency() + ", was " + d.highestUrgency());
        }
        for (Expected e : row.mustConclude()) {
            if (!concluded(d, e)) {
                out.add("missing conclusion " + e);
            }
        }
        for (Expected e : row.mustNotConclude()) {
            if (concluded(d, e)) {
                out.add("conclusion that must be absent: " + e);
            }
        }
        Set<String> cited = d.findings().stream().flatMap(f -> f.getPassages().stream())
                .collect(Collectors.toCollection(TreeSet::new));
        List<String> uncited = row.passages().stream().filter(p -> !cited.contains(p)).toList();
        if (!uncited.isEmpty()) {
            out.add("guideline passages not cited: " + uncited);
        }
        return out;
    }

    private static boolean concluded(TriageDecision d, Expected e) {
        return d.finding(e.code())
                .filter(f -> e.twitchId() == null || f.getTwitchIds().contains(e.twitchId()))
                .isPresent();
    }

    private static String summary(TriageDecision d) {
        return d.highestUrgency() + " " + d.findings().stream()
                .map(f -> f.getCode() + "(" + f.getUrgency() + (f.getTwitchIds().isEmpty() ? ""
                        : " " + String.join(",", f.getTwitchIds())) + ")")
                .collect(Collectors.joining(" "));
    }

    private static Set<BodySite> sites(List<Row> rows, boolean pregnant) {
        return rows.stream().filter(r -> r.request().getPatient().isPregnant() == pregnant)
                .flatMap(r -> r.request().getTwitches().stream()).map(Twitch::getSite)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(BodySite.class)));
    }

    // ---------------------------------------------------------------------------------------------- reading the table

    /** One line of the table: a parsed row, or the reason it could not be parsed. */
    record TableLine(int lineNumber, Row row, String error) {
        @Override
        public String toString() {
            return row != null ? row.toString() : "malformed row at line " + lineNumber;
        }
    }

    /** A code expected in (or absent from) the decision, optionally for one twitch only. */
    record Expected(FindingCode code, String twitchId) {
        @Override
        public String toString() {
            return twitchId == null ? code.name() : code + " for twitch " + twitchId;
        }
    }

    /** One situation with its expectations. */
    record Row(int lineNumber, boolean knownGap, String description, TriageRequest request, Urgency urgency,
               List<Expected> mustConclude, List<Expected> mustNotConclude, List<String> passages, String note) {
        String where() {
            return "line " + lineNumber + " '" + description + "'";
        }

        @Override
        public String toString() {
            return description + (knownGap ? " [known gap]" : "") + "  (line " + lineNumber + ")";
        }
    }

    private static List<TableLine> read() {
        InputStream in = ClinicalCombinationsTest.class.getResourceAsStream(TABLE);
        if (in == null) {
            throw new IllegalStateException("the table " + TABLE + " is not on the test class path");
        }
        List<TableLine> lines = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            boolean headerSeen = false;
            String text;
            int number = 0;
            while ((text = reader.readLine()) != null) {
                number++;
                if (text.isBlank() || text.startsWith("#")) {
                    continue;
                }
                if (!headerSeen) {
                    List<String> header = split(text);
                    if (!header.equals(COLUMNS)) {
                        throw new IllegalStateException(TABLE + " line " + number + ": the header must be "
                                + String.join(",", COLUMNS) + " but was " + text);
                    }
                    headerSeen = true;
                    continue;
                }
                lines.add(parse(number, text));
            }
            if (!headerSeen) {
                throw new IllegalStateException(TABLE + " has no header line");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + TABLE, e);
        }
        return lines;
    }

    private static TableLine parse(int number, String text) {
        String where = "line " + number;
        try {
            List<String> cells = split(text);
            if (cells.size() > 1) {
                where = "line " + number + " '" + cells.get(1).trim() + "'";
            }
            if (cells.size() != COLUMNS.size()) {
                throw new IllegalArgumentException("expected " + COLUMNS.size() + " columns but found "
                        + cells.size());
            }
            Cells c = new Cells(cells);
            return new TableLine(number, parseRow(number, c), null);
        } catch (IllegalArgumentException e) {
            return new TableLine(number, null, TABLE + " " + where + " is malformed: " + e.getMessage());
        }
    }

    private static Row parseRow(int number, Cells c) {
        String status = c.get("status");
        boolean knownGap = switch (status) {
            case "active" -> false;
            case "known-gap" -> true;
            default -> throw new IllegalArgumentException("column 'status': expected active or known-gap, was '"
                    + status + "'");
        };
        String description = c.get("case");
        if (description.isBlank()) {
            throw new IllegalArgumentException("column 'case': a description is required");
        }
        String note = c.get("note");
        if (knownGap && note.isBlank()) {
            throw new IllegalArgumentException("column 'note': a known-gap row needs the reason");
        }

        List<BodySite> sites = perTwitch(c, "site", 0).stream().map(v -> parseEnum(BodySite.class, "site", v))
                .toList();
        int n = sites.size();
        List<Course> courses = perTwitch(c, "course", n).stream().map(v -> parseEnum(Course.class, "course", v))
                .toList();
        List<Set<Symptom>> symptoms = perTwitch(c, "symptoms", n).stream()
                .map(v -> enumSet(Symptom.class, "symptoms", v)).toList();
        List<SelfCare> selfCare = perTwitch(c, "selfCare", n).stream()
                .map(v -> parseEnum(SelfCare.class, "selfCare", v)).toList();
        List<Boolean> beforeSleep = perTwitch(c, "beforeSleep", n).stream().map(v -> yesNo("beforeSleep", v))
                .toList();

        Patient.PatientBuilder patient = Patient.builder()
                .reference("clinical-table")
                .ageYears(parseAge(c.get("age")))
                .sex(parseEnum(Sex.class, "sex", c.get("sex")))
                .pregnant(yesNo("pregnant", c.get("pregnant")))
                .circumstances(enumSet(Circumstance.class, "circumstances", c.get("circumstances")));
        TriageRequest.TriageRequestBuilder request = TriageRequest.builder().patient(patient.build());
        for (int i = 0; i < n; i++) {
            request.twitch(Twitch.builder()
                    .id("t" + (i + 1))
                    .site(sites.get(i))
                    .course(courses.get(i))
                    .symptoms(symptoms.get(i))
                    .selfCare(selfCare.get(i))
                    .beforeSleep(beforeSleep.get(i))
                    .build());
        }

        Urgency urgency = parseEnum(Urgency.class, "expectedUrgency", c.get("expectedUrgency"));
        List<Expected> must = expectations(c, "mustConclude", n);
        List<Expected> mustNot = expectations(c, "mustNotConclude", n);
        if (must.isEmpty()) {
            throw new IllegalArgumentException("column 'mustConclude': name at least one expected conclusion");
        }
        Set<Expected> both = new LinkedHashSet<>(must);
        both.retainAll(mustNot);
        if (!both.isEmpty()) {
            throw new IllegalArgumentException("both required and forbidden: " + both);
        }
        List<String> passages = list(c.get("passages"));
        if (passages.isEmpty()) {
            throw new IllegalArgumentException("column 'passages': cite at least one guideline passage");
        }
        Guideline guideline = Guideline.muscleTwitching();
        for (String p : passages) {
            if (guideline.passage(p).isEmpty()) {
                throw new IllegalArgumentException("column 'passages': the guideline has no passage '" + p + "'");
            }
        }
        return new Row(number, knownGap, description, request.build(), urgency, must, mustNot, passages, note);
    }

    /** The values of a per-twitch column: one for every twitch, or a single value that applies to all. */
    private static List<String> perTwitch(Cells c, String column, int twitches) {
        List<String> values = Arrays.asList(c.get(column).split("\\|", -1));
        if (twitches == 0) {
            return values;
        }
        if (values.size() == 1) {
            return Collections.nCopies(twitches, values.get(0));
        }
        if (values.size() != twitches) {
            throw new IllegalArgumentException("column '" + column + "': " + values.size() + " values for "
                    + twitches + " twitches (give one value, or one per twitch separated by '|')");
        }
        return values;
    }

    private static List<Expected> expectations(Cells c, String column, int twitches) {
        List<Expected> out = new ArrayList<>();
        for (String item : list(c.get(column))) {
            int at = item.indexOf('@');
            FindingCode code = parseEnum(FindingCode.class, column, at < 0 ? item : item.substring(0, at));
            String twitch = at < 0 ? null : item.substring(at + 1);
            if (twitch != null && !twitch.matches("t[1-9][0-9]*")
                    || twitch != null && Integer.parseInt(twitch.substring(1)) > twitches) {
                throw new IllegalArgumentException("column '" + column + "': '" + item + "' names no twitch of this"
                        + " row (t1 to t" + twitches + ")");
            }
            out.add(new Expected(code, twitch));
        }
        return out;
    }

    private static <E extends Enum<E>> Set<E> enumSet(Class<E> type, String column, String cell) {
        Set<E> out = EnumSet.noneOf(type);
        for (String item : list(cell)) {
            if (!out.add(parseEnum(type, column, item))) {
                throw new IllegalArgumentException("column '" + column + "': '" + item + "' is given twice");
            }
        }
        return out;
    }

    private static <E extends Enum<E>> E parseEnum(Class<E> type, String column, String value) {
        try {
            return Enum.valueOf(type, value.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("column '" + column + "': unknown " + type.getSimpleName() + " '"
                    + value + "'; expected one of " + Arrays.toString(type.getEnumConstants()), e);
        }
    }

    private static boolean yesNo(String column, String value) {
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "yes" -> true;
            case "no" -> false;
            default -> throw new IllegalArgumentException("column '" + column + "': expected yes or no, was '"
                    + value + "'");
        };
    }

    private static int parseAge(String value) {
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("column 'age': expected whole years, was '" + value + "'", e);
        }
    }

    private static List<String> list(String cell) {
        if (cell.isBlank()) {
            return List.of();
        }
        List<String> items = Arrays.stream(cell.split(";", -1)).map(String::trim).toList();
        if (items.contains("")) {
            throw new IllegalArgumentException("empty item in '" + cell + "'");
        }
        return items;
    }

    /**
     * Splits one CSV line. Cells may be quoted with {@code "} to contain commas; {@code ""} inside quotes is a quote.
     */
    static List<String> split(String line) {
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char ch = line.charAt(i);
            if (quoted) {
                if (ch == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (ch == '"') {
                    quoted = false;
                } else {
                    cell.append(ch);
                }
            } else if (ch == '"' && cell.length() == 0) {
                quoted = true;
            } else if (ch == ',') {
                cells.add(cell.toString());
                cell.setLength(0);
            } else {
                cell.append(ch);
            }
        }
        if (quoted) {
            throw new IllegalArgumentException("a quoted cell is not closed");
        }
        cells.add(cell.toString());
        return cells;
    }

    /** The cells of one row, looked up by column name. */
    private record Cells(List<String> values) {
        String get(String column) {
            return values.get(COLUMNS.indexOf(column)).trim();
        }
    }
}
