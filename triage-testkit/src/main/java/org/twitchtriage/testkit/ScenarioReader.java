package org.twitchtriage.testkit;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.stream.Collectors;
import org.twitchtriage.guideline.Guideline;
import org.twitchtriage.json.RequestReader;
import org.twitchtriage.model.FindingCode;
import org.twitchtriage.model.TriageRequest;
import org.twitchtriage.model.Twitch;
import org.twitchtriage.model.Urgency;
import org.twitchtriage.validation.InvalidRequestException;
import org.twitchtriage.validation.Violation;

/**
 * Reads a scenario file (JSON, format in {@code docs/scenarios.md}) into a {@link Scenario}.
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
    private static final List<String> TOP_FIELDS =
            List.of("description", "notes", "evaluationTime", "input", "case", "expected");
    private static final List<String> EXPECTED_FIELDS =
            List.of("highestUrgency", "findings", "absentFindings", "firedRules", "exactFindings");
    private static final List<String> FINDING_FIELDS = List.of("code", "urgency", "rules", "passages", "twitchIds");
    private static final int MAX_ECHO = 60;

    private final ObjectMapper mapper = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .disable(StreamReadFeature.AUTO_CLOSE_SOURCE)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();
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
        byte[] content = Files.readAllBytes(file);
        Problems problems = new Problems();
        JsonNode root = parse(content, problems);
        if (root != null && !root.isObject()) {
            problems.report(ROOT, "must be a JSON object with the fields " + String.join(", ", TOP_FIELDS)
                    + ", was " + Problems.describe(root));
        }
        if (!problems.isEmpty()) {
            throw new InvalidScenarioException(file, problems.all());
        }
        problems.onlyKnown(root, "", TOP_FIELDS);
        String description = problems.text(root, "description", "", true);
        if (description != null && description.isBlank()) {
            problems.report("description", "must not be blank: say in a sentence what the scenario is about");
        }
        problems.text(root, "notes", "", false);
        Instant evaluationTime = evaluationTime(root, problems);

        Path caseFile = null;
        TriageRequest request = null;
        JsonNode input = root.get("input");
        JsonNode caseName = root.get("case");
        if (present(input) && present(caseName)) {
            problems.report("case", "give either \"input\" (the case itself) or \"case\" (the path of a case file),"
                    + " not both");
        } else if (present(input)) {
            request = inline(input, problems);
        } else if (present(caseName)) {
            String name = problems.text(root, "case", "", true);
            if (name != null && name.isBlank()) {
                problems.report("case", "must not be blank: give the path of a case file, relative to this file");
            } else if (name != null) {
                caseFile = resolve(file, name);
                request = fromFile(caseFile, name, problems);
            }
        } else {
            problems.report("input", "is missing: give the case itself in \"input\", or the path of a case file"
                    + " in \"case\"");
        }
        ScenarioExpectation expected = expectation(root.get("expected"), request, problems);
        if (!problems.isEmpty()) {
            throw new InvalidScenarioException(file, problems.all());
        }
        return new Scenario(file, description.strip(), evaluationTime, caseFile, request, expected);
    }

    private JsonNode parse(byte[] content, Problems problems) {
        try (JsonParser parser = mapper.createParser(content)) {
            JsonNode root = mapper.readTree(parser);
            if (root == null || root.isMissingNode()) {
                problems.report(ROOT, "the file is empty; expected a JSON object with the fields "
                        + String.join(", ", TOP_FIELDS));
                return null;
            }
            if (parser.nextToken() != null) {
                problems.report(ROOT, "unexpected content" + location(parser.currentTokenLocation())
                        + " after the end of the JSON object; a scenario file holds one object");
                return null;
            }
            return root;
        } catch (JsonProcessingException e) {
            String path = e.getProcessor() instanceof JsonParser p ? pathOf(p.getParsingContext()) : "";
            String message = e.getOriginalMessage() == null ? "unreadable content"
                    : e.getOriginalMessage().lines().findFirst().orElse("").strip();
            problems.report(path.isEmpty() ? ROOT : path,
                    "malformed JSON" + location(e.getLocation()) + ": " + Problems.shorten(message, 200));
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot parse bytes already read", e);
        }
    }

    private static Instant evaluationTime(JsonNode root, Problems problems) {
        String text = problems.text(root, "evaluationTime", "", true);
        if (text == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            problems.report("evaluationTime", "must be a date and time with its offset from UTC, such as"
                    + " 2026-01-01T09:00:00Z, was '" + Problems.shorten(text, MAX_ECHO) + "'");
            return null;
        }
    }

    private TriageRequest inline(JsonNode input, Problems problems) {
        if (!input.isObject()) {
            problems.report("input", "must be an object (the case, in the format of docs/input-format.md), was "
                    + Problems.describe(input));
            return null;
        }
        try {
            return requests.read(mapper.writeValueAsString(input));
        } catch (InvalidRequestException e) {
            for (Violation v : e.getViolations()) {
                problems.report(v.field().equals("request") ? "input" : "input." + v.field(), v.message());
            }
            return null;
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("cannot write a parsed JSON tree", e);
        }
    }

    private TriageRequest fromFile(Path caseFile, String name, Problems problems) {
        try {
            return requests.read(caseFile);
        } catch (NoSuchFileException e) {
            problems.report("case", "no case file " + name + " (looked for " + caseFile.toAbsolutePath().normalize()
                    + ")");
        } catch (IOException e) {
            problems.report("case", "cannot read the case file " + name + ": " + e);
        } catch (InvalidRequestException e) {
            for (Violation v : e.getViolations()) {
                problems.report("case", "the case file " + name + " is invalid: " + v);
            }
        }
        return null;
    }

    private static Path resolve(Path scenarioFile, String name) {
        Path folder = scenarioFile.getParent();
        return folder == null ? Path.of(name) : folder.resolve(name).normalize();
    }

    private ScenarioExpectation expectation(JsonNode node, TriageRequest request, Problems problems) {
        String path = "expected";
        if (!present(node)) {
            problems.report(path, "is missing: say what the decision must show (" + String.join(", ",
                    EXPECTED_FIELDS) + ")");
            return null;
        }
        if (!node.isObject()) {
            problems.report(path, "must be an object with the fields " + String.join(", ", EXPECTED_FIELDS)
                    + ", was " + Problems.describe(node));
            return null;
        }
        problems.onlyKnown(node, path, EXPECTED_FIELDS);
        Urgency highest = problems.code(node.get("highestUrgency"), Urgency.class, path + ".highestUrgency");
        List<ExpectedFinding> findings = problems.list(node, "findings", path,
                (item, itemPath) -> finding(item, itemPath, request, problems));
        List<FindingCode> absent = problems.list(node, "absentFindings", path,
                (item, itemPath) -> problems.code(item, FindingCode.class, itemPath));
        List<String> fired = problems.list(node, "firedRules", path,
                (item, itemPath) -> problems.nonBlankText(item, itemPath));
        Boolean exact = problems.bool(node.get("exactFindings"), path + ".exactFindings");

        Map<FindingCode, Integer> expectedAt = new HashMap<>();
        for (int i = 0; findings != null && i < findings.size(); i++) {
            ExpectedFinding f = findings.get(i);
            if (f == null) {
                continue;
            }
            Integer earlier = expectedAt.putIfAbsent(f.code(), i);
            if (earlier != null) {
                problems.report(path + ".findings[" + i + "].code", f.code() + " is already expected at " + path
                        + ".findings[" + earlier + "]; describe each finding once");
            }
        }
        for (int i = 0; absent != null && i < absent.size(); i++) {
            Integer at = absent.get(i) == null ? null : expectedAt.get(absent.get(i));
            if (at != null) {
                problems.report(path + ".absentFindings[" + i + "]", absent.get(i)
                        + " is also expected as a finding, at " + path + ".findings[" + at + "]; it cannot be both");
            }
        }
        problems.noRepeats(fired, path + ".firedRules");
        problems.noRepeats(absent, path + ".absentFindings");

        ScenarioExpectation expectation = new ScenarioExpectation(highest, present(findings), asSet(absent),
                fired == null ? null : asSet(fired), Boolean.TRUE.equals(exact));
        if (expectation.isEmpty() && problems.isEmpty()) {
            problems.report(path, "states nothing to check: give at least one of " + String.join(", ",
                    EXPECTED_FIELDS));
        }
        return expectation;
    }

    private ExpectedFinding finding(JsonNode node, String path, TriageRequest request, Problems problems) {
        if (!node.isObject()) {
            problems.report(path, "must be an object with the fields " + String.join(", ", FINDING_FIELDS)
                    + ", was " + Problems.describe(node));
            return null;
        }
        problems.onlyKnown(node, path, FINDING_FIELDS);
        JsonNode codeNode = node.get("code");
        if (!present(codeNode)) {
            problems.report(path + ".code", "is missing: which finding is expected (for example SEE_DOCTOR)?");
        }
        FindingCode code = problems.code(codeNode, FindingCode.class, path + ".code");
        Urgency urgency = problems.code(node.get("urgency"), Urgency.class, path + ".urgency");
        List<String> rules = problems.list(node, "rules", path,
                (item, itemPath) -> problems.nonBlankText(item, itemPath));
        List<String> passages = problems.list(node, "passages", path, (item, itemPath) -> {
            String text = problems.nonBlankText(item, itemPath);
            if (text == null) {
                return null;
            }
            String id = DecisionText.passageId(text);
            if (guideline.passage(id).isEmpty()) {
                problems.report(itemPath, "the guideline " + guideline.name() + " has no passage '"
                        + Problems.shorten(text, MAX_ECHO) + "'; passages are written like UARM-10");
                return null;
            }
            return id;
        });
        List<String> twitchIds = problems.list(node, "twitchIds", path, (item, itemPath) -> {
            String id = problems.nonBlankText(item, itemPath);
            if (id != null && request != null
                    && request.getTwitches().stream().noneMatch(t -> t.getId().equals(id))) {
                problems.report(itemPath, "the case has no twitch '" + Problems.shorten(id, MAX_ECHO)
                        + "'; its twitches are " + request.getTwitches().stream().map(Twitch::getId)
                        .collect(Collectors.joining(", ")));
                return null;
            }
            return id;
        });
        for (String field : List.of("rules", "passages", "twitchIds")) {
            JsonNode list = node.get(field);
            if (list != null && list.isArray() && list.isEmpty()) {
                problems.report(path + "." + field, "is an empty list: name at least one, or leave the field out");
            }
        }
        problems.noRepeats(rules, path + ".rules");
        problems.noRepeats(passages, path + ".passages");
        problems.noRepeats(twitchIds, path + ".twitchIds");
        if (code == null) {
            return null;
        }
        return new ExpectedFinding(code, urgency, rules == null ? null : asSet(rules),
                passages == null ? null : asSet(passages), twitchIds == null ? null : asSet(twitchIds));
    }

    private static boolean present(JsonNode node) {
        return node != null && !node.isNull() && !node.isMissingNode();
    }

    /** The non-null entries of a list that may be {@code null}; null entries were reported already. */
    private static <T> List<T> present(List<T> values) {
        return values == null ? List.of() : values.stream().filter(Objects::nonNull).toList();
    }

    private static <T> Set<T> asSet(List<T> values) {
        return new LinkedHashSet<>(present(values));
    }

    private static String location(JsonLocation at) {
        return at == null || at.getLineNr() < 0 ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
    }

    /** The path of the value the parser was in when it failed, e.g. {@code expected.findings[0].code}. */
    private static String pathOf(JsonStreamContext context) {
        Deque<String> parts = new ArrayDeque<>();
        for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
            if (c.inArray()) {
                parts.push("[" + Math.max(c.getCurrentIndex(), 0) + "]");
            } else if (c.getCurrentName() != null) {
                parts.push("." + Problems.shorten(c.getCurrentName(), MAX_ECHO));
            }
        }
        String path = String.join("", parts);
        return path.startsWith(".") ? path.substring(1) : path;
    }

    /** Collects the problems of one file while its fields are read; each value that cannot be read becomes null. */
    private static final class Problems {
        private final List<Violation> found = new ArrayList<>();

        void report(String path, String message) {
            found.add(new Violation(path.isEmpty() ? ROOT : path, message));
        }

        boolean isEmpty() {
            return found.isEmpty();
        }

        List<Violation> all() {
            return found;
        }

        void onlyKnown(JsonNode object, String path, List<String> known) {
            for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                if (!known.contains(name)) {
                    report(child(path, shorten(name, MAX_ECHO)), "unknown field; expected one of: "
                            + String.join(", ", known));
                }
            }
        }

        /** A text field of an object; {@code null} when absent (reported if required) or not text (reported). */
        String text(JsonNode object, String name, String path, boolean required) {
            JsonNode node = object.get(name);
            String at = child(path, name);
            if (!present(node)) {
                if (required) {
                    report(at, "is missing");
                }
                return null;
            }
            if (!node.isTextual()) {
                report(at, "must be text (a JSON string), was " + describe(node));
                return null;
            }
            return node.textValue();
        }

        String nonBlankText(JsonNode node, String path) {
            if (!node.isTextual()) {
                report(path, "must be text (a JSON string), was " + describe(node));
                return null;
            }
            if (node.textValue().isBlank()) {
                report(path, "must not be blank");
                return null;
            }
            return node.textValue().strip();
        }

        Boolean bool(JsonNode node, String path) {
            if (!present(node)) {
                return null;
            }
            if (!node.isBoolean()) {
                report(path, "must be true or false, was " + describe(node));
                return null;
            }
            return node.booleanValue();
        }

        <E extends Enum<E>> E code(JsonNode node, Class<E> type, String path) {
            if (!present(node)) {
                return null;
            }
            E[] constants = type.getEnumConstants();
            String allowed = Arrays.stream(constants).map(Enum::name).collect(Collectors.joining(", "));
            if (!node.isTextual()) {
                report(path, "must be one of " + allowed + ", was " + describe(node));
                return null;
            }
            for (E c : constants) {
                if (c.name().equalsIgnoreCase(node.textValue().strip())) {
                    return c;
                }
            }
            report(path, "unknown value '" + shorten(node.textValue(), MAX_ECHO) + "'; allowed: " + allowed);
            return null;
        }

        /**
         * An optional list field of an object; {@code null} when absent. Entries that cannot be read are reported
         * and kept as {@code null}, so that indexes in later messages stay those of the file.
         */
        <T> List<T> list(JsonNode object, String name, String path, BiFunction<JsonNode, String, T> element) {
            JsonNode node = object.get(name);
            String at = child(path, name);
            if (!present(node)) {
                return null;
            }
            if (!node.isArray()) {
                report(at, "must be a list (JSON array), was " + describe(node));
                return null;
            }
            List<T> out = new ArrayList<>();
            for (int i = 0; i < node.size(); i++) {
                String itemPath = at + "[" + i + "]";
                JsonNode item = node.get(i);
                if (item.isNull()) {
                    report(itemPath, "must not be null");
                    out.add(null);
                } else {
                    out.add(element.apply(item, itemPath));
                }
            }
            return out;
        }

        void noRepeats(List<?> values, String path) {
            if (values == null) {
                return;
            }
            Set<Object> seen = new LinkedHashSet<>();
            for (int i = 0; i < values.size(); i++) {
                Object v = values.get(i);
                if (v != null && !seen.add(v)) {
                    report(path + "[" + i + "]", v + " is listed twice");
                }
            }
        }

        static String child(String path, String name) {
            return path.isEmpty() ? name : path + "." + name;
        }

        static String describe(JsonNode node) {
            return switch (node.getNodeType()) {
                case STRING -> "text";
                case NUMBER -> "a number";
                case BOOLEAN -> "true/false";
                case OBJECT -> "an object";
                case ARRAY -> "a list";
                default -> node.getNodeType().name().toLowerCase(Locale.ROOT);
            };
        }

        static String shorten(String text, int max) {
            String printable = text.codePoints()
                    .map(cp -> Character.isISOControl(cp) ? '?' : cp)
                    .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
                    .toString();
            return printable.length() <= max ? printable : printable.substring(0, max) + "...";
        }
    }
}
