package org.twitchtriage.testkit;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.twitchtriage.guideline.Guideline;
import org.twitchtriage.json.JsonBinder;
import org.twitchtriage.json.RequestReader;
import org.twitchtriage.json.StrictJson;
import org.twitchtriage.model.FindingCode;
import org.twitchtriage.model.TriageRequest;
import org.twitchtriage.model.Twitch;
import org.twitchtriage.model.Urgency;
import org.twitchtriage.validation.InvalidRequestException;
import org.twitchtriage.validation.Violation;

/**
 * Reads a scenario file (JSON, format in {@code docs/scenarios.md}) into a {@link Scenario}, through the
 * project's strict {@link JsonBinder}.
 *
 * <p>Reading is strict and reports every problem at once in one {@link InvalidScenarioException}, each naming its
 * field: malformed JSON (with line and column), unknown fields, missing or wrongly typed values, unknown codes (with
 * the allowed ones), a passage the guideline does not have, a twitch id the case does not have, a finding that is both
 * expected and expected absent, and every problem of the case itself, as {@link RequestReader} reports it, under
 * {@code input.} (the case written in the scenario) or {@code case} (a case file the scenario names, relative to the
 * scenario file). Codes are matched ignoring case, as in case files.
 *
 * <p>Immutable and thread-safe.
 */
public final class ScenarioReader {
    /** How scenario files are named: {@code something.scenario.json}. */
    public static final String FILE_SUFFIX = ".scenario.json";

    private static final String ROOT = "scenario";
    private static final String EXPECTED = "expected";
    private static final int MAX_ECHO = 60;

    private final RequestReader requests = new RequestReader();
    private final Guideline guideline = Guideline.muscleTwitching();

    /**
     * Reads and checks one scenario file. A case file it names is read too.
     *
     * @param file the scenario file
     * @return the scenario
     * @throws IOException              when the scenario file cannot be read (does not exist, no permission, ...)
     * @throws InvalidScenarioException listing every problem with its content, or with the case it names
     */
    public Scenario read(Path file) throws IOException {
        Objects.requireNonNull(file, "file");
        JsonBinder binder = new JsonBinder(ROOT);
        ScenarioFile dto;
        try {
            dto = binder.bind(StrictJson.parse(Files.readAllBytes(file), ROOT), ScenarioFile.class);
        } catch (StrictJson.JsonProblem e) {
            throw new InvalidScenarioException(file, List.of(e.problem()));
        }
        if (dto == null) {
            throw new InvalidScenarioException(file, binder.violations());
        }
        if (dto.description() != null && dto.description().isBlank()) {
            binder.report("description", "must not be blank: say in a sentence what the scenario is about");
        }
        Path caseFile = null;
        TriageRequest request = null;
        if (dto.input() != null && dto.caseFile() != null) {
            binder.report("case", "give either \"input\" (the case itself) or \"case\" (the path of a case file),"
                    + " not both");
        } else if (dto.input() != null) {
            request = inline(dto.input(), binder);
        } else if (dto.caseFile() != null && dto.caseFile().isBlank()) {
            binder.report("case", "must not be blank: give the path of a case file, relative to this file");
        } else if (dto.caseFile() != null) {
            caseFile = resolve(file, dto.caseFile());
            request = fromFile(caseFile, dto.caseFile(), binder);
        } else if (!binder.reported("case")) {
            binder.report("input", "is missing: give the case itself in \"input\", or the path of a case file"
                    + " in \"case\"");
        }
        ScenarioExpectation expected = expectation(dto.expected(), request, binder);
        if (!binder.isClean()) {
            throw new InvalidScenarioException(file, binder.violations());
        }
        return new Scenario(file, dto.description().strip(), dto.evaluationTime(), caseFile, request, expected);
    }

    private TriageRequest inline(JsonNode input, JsonBinder binder) {
        if (!input.isObject()) {
            binder.report("input", "must be an object (the case, in the format of docs/input-format.md), was "
                    + JsonBinder.describe(input));
            return null;
        }
        try {
            return requests.read(input);
        } catch (InvalidRequestException e) {
            for (Violation v : e.getViolations()) {
                binder.report(v.field().equals("request") ? "input" : "input." + v.field(), v.message());
            }
            return null;
        }
    }

    private TriageRequest fromFile(Path caseFile, String name, JsonBinder binder) {
        try {
            return requests.read(caseFile);
        } catch (NoSuchFileException e) {
            binder.report("case", "no case file " + name + " (looked for " + caseFile.toAbsolutePath().normalize()
                    + ")");
        } catch (IOException e) {
            binder.report("case", "cannot read the case file " + name + ": " + e);
        } catch (InvalidRequestException e) {
            for (Violation v : e.getViolations()) {
                binder.report("case", "the case file " + name + " is invalid: " + v);
            }
        }
        return null;
    }

    private static Path resolve(Path scenarioFile, String name) {
        Path folder = scenarioFile.getParent();
        return folder == null ? Path.of(name) : folder.resolve(name).normalize();
    }

    private ScenarioExpectation expectation(Expected dto, TriageRequest request, JsonBinder binder) {
        List<String> parts = JsonBinder.fieldNames(Expected.class);
        if (dto == null) {
            if (!binder.reported(EXPECTED)) {
                binder.report(EXPECTED, "is missing: say what the decision must show (" + String.join(", ", parts)
                        + ")");
            }
            return null;
        }
        List<ExpectedFinding> findings = new ArrayList<>();
        Map<FindingCode, Integer> expectedAt = new HashMap<>();
        for (int i = 0; dto.findings() != null && i < dto.findings().size(); i++) {
            String at = EXPECTED + ".findings[" + i + "]";
            ExpectedFinding f = finding(dto.findings().get(i), at, request, binder);
            if (f == null) {
                continue;
            }
            findings.add(f);
            Integer earlier = expectedAt.putIfAbsent(f.code(), i);
            if (earlier != null) {
                binder.report(at + ".code", f.code() + " is already expected at " + EXPECTED + ".findings["
                        + earlier + "]; describe each finding once");
            }
        }
        List<FindingCode> absent = dto.absentFindings();
        for (int i = 0; absent != null && i < absent.size(); i++) {
            Integer at = absent.get(i) == null ? null : expectedAt.get(absent.get(i));
            if (at != null) {
                binder.report(EXPECTED + ".absentFindings[" + i + "]", absent.get(i) + " is also expected as a"
                        + " finding, at " + EXPECTED + ".findings[" + at + "]; it cannot be both");
            }
        }
        noRepeats(absent, EXPECTED + ".absentFindings", binder);
        List<String> fired = names(dto.firedRules(), EXPECTED + ".firedRules", binder);
        noRepeats(fired, EXPECTED + ".firedRules", binder);
        ScenarioExpectation expectation = new ScenarioExpectation(dto.highestUrgency(), findings, asSet(absent),
                fired == null ? null : asSet(fired), Boolean.TRUE.equals(dto.exactFindings()));
        if (expectation.isEmpty() && binder.isClean()) {
            binder.report(EXPECTED, "states nothing to check: give at least one of " + String.join(", ", parts));
        }
        return expectation;
    }

    private ExpectedFinding finding(Finding dto, String path, TriageRequest request, JsonBinder binder) {
        if (dto == null) {
            return null;
        }
        if (dto.code() == null && !binder.reported(path + ".code")) {
            binder.report(path + ".code", "is missing: which finding is expected (for example SEE_DOCTOR)?");
        }
        List<String> rules = names(dto.rules(), path + ".rules", binder);
        noRepeats(rules, path + ".rules", binder);
        List<String> passages = names(dto.passages(), path + ".passages", binder);
        for (int i = 0; passages != null && i < passages.size(); i++) {
            String text = passages.get(i);
            if (text != null) {
                String id = DecisionText.passageId(text);
                if (guideline.passage(id).isEmpty()) {
                    binder.report(path + ".passages[" + i + "]", "the guideline " + guideline.name()
                            + " has no passage '" + JsonBinder.printable(text, MAX_ECHO)
                            + "'; passages are written like UARM-10");
                    id = null;
                }
                passages.set(i, id);
            }
        }
        List<String> twitchIds = names(dto.twitchIds(), path + ".twitchIds", binder);
        for (int i = 0; twitchIds != null && request != null && i < twitchIds.size(); i++) {
            String id = twitchIds.get(i);
            if (id != null && request.getTwitches().stream().noneMatch(t -> t.getId().equals(id))) {
                binder.report(path + ".twitchIds[" + i + "]", "the case has no twitch '"
                        + JsonBinder.printable(id, MAX_ECHO) + "'; its twitches are "
                        + request.getTwitches().stream().map(Twitch::getId).collect(Collectors.joining(", ")));
                twitchIds.set(i, null);
            }
        }
        noRepeats(passages, path + ".passages", binder);
        noRepeats(twitchIds, path + ".twitchIds", binder);
        if (dto.code() == null) {
            return null;
        }
        return new ExpectedFinding(dto.code(), dto.urgency(), rules == null ? null : asSet(rules),
                passages == null ? null : asSet(passages), twitchIds == null ? null : asSet(twitchIds));
    }

    /**
     * An optional list of names, stripped; {@code null} when absent. A blank entry is reported and kept as
     * {@code null}, so that later indexes stay those of the file; an empty list is reported.
     */
    private static List<String> names(List<String> values, String path, JsonBinder binder) {
        if (values == null) {
            return null;
        }
        if (values.isEmpty()) {
            binder.report(path, "is an empty list: name at least one, or leave the field out");
        }
        List<String> out = new ArrayList<>(values.size());
        for (int i = 0; i < values.size(); i++) {
            String v = values.get(i);
            if (v != null && v.isBlank()) {
                binder.report(path + "[" + i + "]", "must not be blank");
                v = null;
            }
            out.add(v == null ? null : v.strip());
        }
        return out;
    }

    private static void noRepeats(List<?> values, String path, JsonBinder binder) {
        Set<Object> seen = new LinkedHashSet<>();
        for (int i = 0; values != null && i < values.size(); i++) {
            Object v = values.get(i);
            if (v != null && !seen.add(v)) {
                binder.report(path + "[" + i + "]", v + " is listed twice");
            }
        }
    }

    private static <T> Set<T> asSet(List<T> values) {
        return values == null ? new LinkedHashSet<>()
                : values.stream().filter(Objects::nonNull).collect(Collectors.toCollection(LinkedHashSet::new));
    }

    // The scenario format: component names are the JSON field names (docs/scenarios.md).

    private record ScenarioFile(@JsonProperty(required = true) String description, String notes,
                                @JsonProperty(required = true) Instant evaluationTime, JsonNode input,
                                @JsonProperty("case") String caseFile, Expected expected) {
    }

    private record Expected(Urgency highestUrgency, List<Finding> findings, List<FindingCode> absentFindings,
                            List<String> firedRules, Boolean exactFindings) {
    }

    private record Finding(FindingCode code, Urgency urgency, List<String> rules, List<String> passages,
                           List<String> twitchIds) {
    }
}
