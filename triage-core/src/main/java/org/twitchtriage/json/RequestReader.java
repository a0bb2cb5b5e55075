package org.twitchtriage.json;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.twitchtriage.model.Analyte;
import org.twitchtriage.model.BodySite;
import org.twitchtriage.model.Circumstance;
import org.twitchtriage.model.Course;
import org.twitchtriage.model.LabResult;
import org.twitchtriage.model.LabUnit;
import org.twitchtriage.model.Patient;
import org.twitchtriage.model.SelfCare;
import org.twitchtriage.model.Sex;
import org.twitchtriage.model.Symptom;
import org.twitchtriage.model.TriageRequest;
import org.twitchtriage.model.Twitch;
import org.twitchtriage.model.Visibility;
import org.twitchtriage.validation.InvalidRequestException;
import org.twitchtriage.validation.RequestValidator;
import org.twitchtriage.validation.Violation;

/**
 * Reads a case file (JSON, format in {@code docs/input-format.md}) into a valid {@link TriageRequest}.
 *
 * <p>Every problem is reported at once in one {@link InvalidRequestException}, each {@link Violation} naming its
 * field as a path such as {@code patient.ageYears} or {@code twitches[0].site}: malformed JSON (with line and
 * column), unknown fields, values of the wrong type, unknown codes (with the allowed ones), missing values, and
 * everything {@link RequestValidator} finds. A request returned by this reader has passed the validator.
 *
 * <p>Codes are matched ignoring case ({@code "calf"} reads as {@link BodySite#CALF}). Optional values that are absent
 * or {@code null} take their defaults: {@code pregnant} and {@code beforeSleep} {@code false}, {@code selfCare}
 * {@link SelfCare#NOT_TRIED}, lists empty.
 *
 * <p>The patient's reference is never repeated in a message, not even when the file around it is malformed.
 * Immutable and thread-safe: create one and share it.
 */
public final class RequestReader {
    private static final String REFERENCE_PATH = "patient.reference";
    private static final String LABS_PATH = "patient.labResults";
    private static final Pattern LAB_INDEX = Pattern.compile("^patient\\.labResults\\[(\\d+)]");
    private static final Pattern ALSO_AT_INDEX = Pattern.compile("at index (\\d+)");
    private static final int MAX_MESSAGE = 200;

    private final ObjectMapper mapper = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .disable(StreamReadFeature.AUTO_CLOSE_SOURCE)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            // a lab value keeps the digits it was given (0.70 stays 0.70), so that an audited input replays exactly
            .nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
            .build();
    private final RequestValidator validator = new RequestValidator();

    /**
     * Reads a case file.
     *
     * @param file the JSON file
     * @return the valid request
     * @throws IOException             when the file cannot be read (does not exist, no permission, ...)
     * @throws InvalidRequestException listing every problem with the file's content
     */
    public TriageRequest read(Path file) throws IOException {
        Objects.requireNonNull(file, "file");
        try (InputStream in = Files.newInputStream(file)) {
            return read(in);
        }
    }

    /**
     * Reads a case from a stream (the encoding, UTF-8/16/32, is detected). The stream is not closed.
     *
     * @param in the JSON content
     * @return the valid request
     * @throws IOException             when the stream fails
     * @throws InvalidRequestException listing every problem with the content
     */
    public TriageRequest read(InputStream in) throws IOException {
        Objects.requireNonNull(in, "in");
        return toRequest(parse(mapper.createParser(in)));
    }

    /**
     * Reads a case from a string.
     *
     * @param json the JSON content
     * @return the valid request
     * @throws InvalidRequestException listing every problem with the content
     */
    public TriageRequest read(String json) {
        Objects.requireNonNull(json, "json");
        try {
            return toRequest(parse(mapper.createParser(json)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read from a string", e);
        }
    }

    /** Parses one JSON value and makes sure nothing but whitespace follows it. */
    private JsonNode parse(JsonParser parser) throws IOException {
        try (parser) {
            JsonNode root = mapper.readTree(parser);
            if (root != null && parser.nextToken() != null) {
                JsonLocation at = parser.currentTokenLocation();
                throw new InvalidRequestException(List.of(new Violation(TreeBinder.ROOT, "unexpected content"
                        + location(at) + " after the end of the JSON object; a case file holds one object")));
            }
            return root;
        } catch (JsonProcessingException e) {
            throw new InvalidRequestException(List.of(syntaxProblem(e)));
        }
    }

    private TriageRequest toRequest(JsonNode root) {
        if (root == null || root.isMissingNode()) {
            throw new InvalidRequestException(List.of(new Violation(TreeBinder.ROOT,
                    "the file is empty; expected a JSON object with \"patient\" and \"twitches\"")));
        }
        JsonNode reference = root.path("patient").path("reference");
        String hidden = reference.isTextual() ? reference.textValue() : null;
        TreeBinder binder = new TreeBinder(hidden);
        RequestDto dto = binder.bind(root, RequestDto.class, "");
        if (dto == null) {
            // not an object: nothing below it can be checked
            throw new InvalidRequestException(binder.violations().isEmpty()
                    ? List.of(new Violation(TreeBinder.ROOT, "must be a JSON object, was null"))
                    : binder.violations());
        }
        List<Integer> labIndex = new ArrayList<>();
        TriageRequest request = toModel(dto, binder, labIndex);

        List<Violation> all = new ArrayList<>(binder.violations());
        for (Violation v : validator.validate(request)) {
            Violation located = hide(relocateLab(v, labIndex), hidden);
            if (all.stream().noneMatch(earlier -> covers(earlier.field(), located.field()))) {
                all.add(located);
            }
        }
        if (!all.isEmpty()) {
            throw new InvalidRequestException(all);
        }
        return request;
    }

    private static TriageRequest toModel(RequestDto dto, TreeBinder binder, List<Integer> labIndex) {
        TriageRequest.TriageRequestBuilder request = TriageRequest.builder();
        request.patient(dto.patient() == null ? null : toPatient(dto.patient(), binder, labIndex));
        if (dto.twitches() != null) {
            // a twitch that could not be read stays as a gap so that later indices still match the file
            dto.twitches().forEach(t -> request.twitch(t == null ? null : toTwitch(t)));
        }
        return request.build();
    }

    private static Patient toPatient(PatientDto p, TreeBinder binder, List<Integer> labIndex) {
        Patient.PatientBuilder patient = Patient.builder()
                .reference(p.reference())
                .ageYears(p.ageYears())
                .sex(p.sex())
                .pregnant(Boolean.TRUE.equals(p.pregnant()));
        present(p.circumstances()).forEach(patient::circumstance);
        List<LabResultDto> labs = p.labResults() == null ? List.of() : p.labResults();
        for (int i = 0; i < labs.size(); i++) {
            LabResultDto lab = labs.get(i);
            if (lab == null) {
                continue;
            }
            String path = TreeBinder.element(LABS_PATH, i);
            boolean complete = required(lab.analyte(), path + ".analyte", binder)
                    & required(lab.value(), path + ".value", binder)
                    & required(lab.unit(), path + ".unit", binder);
            if (complete) {
                patient.labResult(LabResult.builder().analyte(lab.analyte()).value(lab.value()).unit(lab.unit())
                        .build());
                labIndex.add(i);
            }
        }
        return patient.build();
    }

    private static Twitch toTwitch(TwitchDto t) {
        Twitch.TwitchBuilder twitch = Twitch.builder()
                .id(t.id())
                .site(t.site())
                .visibility(t.visibility())
                .course(t.course())
                .beforeSleep(Boolean.TRUE.equals(t.beforeSleep()))
                .durationDays(t.durationDays());
        if (t.selfCare() != null) {
            twitch.selfCare(t.selfCare());
        }
        present(t.symptoms()).forEach(twitch::symptom);
        return twitch.build();
    }

    private static boolean required(Object value, String path, TreeBinder binder) {
        if (value == null && !binder.reported(path)) {
            binder.report(path, "is missing");
        }
        return value != null;
    }

    /** The non-null entries of an optional list; null entries were reported by the binder. */
    private static <T> List<T> present(List<T> values) {
        return values == null ? List.of() : values.stream().filter(Objects::nonNull).toList();
    }

    /** True when a problem at {@code earlier} already explains one at {@code later} (same field or inside it). */
    private static boolean covers(String earlier, String later) {
        return later.equals(earlier) || later.startsWith(earlier + ".") || later.startsWith(earlier + "[");
    }

    /**
     * Incomplete lab results are left out of the request given to the validator; its paths (and an index it quotes)
     * are mapped back to the positions in the file.
     */
    private static Violation relocateLab(Violation v, List<Integer> labIndex) {
        Matcher field = LAB_INDEX.matcher(v.field());
        if (!field.find()) {
            return v;
        }
        String relocatedField = TreeBinder.element(LABS_PATH, fileIndex(field.group(1), labIndex))
                + v.field().substring(field.end());
        Matcher also = ALSO_AT_INDEX.matcher(v.message());
        String relocatedMessage = also.find()
                ? also.replaceFirst("at index " + fileIndex(also.group(1), labIndex))
                : v.message();
        return new Violation(relocatedField, relocatedMessage);
    }

    /** The validator quotes some input values (a duplicate twitch id, say); never when it is the reference. */
    private static Violation hide(Violation v, String reference) {
        if (reference == null || reference.isBlank()) {
            return v;
        }
        String quoted = "'" + reference + "'";
        return v.message().contains(quoted)
                ? new Violation(v.field(), v.message().replace(quoted, "(value not shown: the patient's reference)"))
                : v;
    }

    private static int fileIndex(String modelIndex, List<Integer> labIndex) {
        int i = Integer.parseInt(modelIndex);
        return i < labIndex.size() ? labIndex.get(i) : i;
    }

    private static Violation syntaxProblem(JsonProcessingException e) {
        String path = e.getProcessor() instanceof JsonParser parser ? pathOf(parser.getParsingContext()) : "";
        String where = location(e.getLocation());
        // Jackson quotes the offending token; inside the reference that token is personal data
        String detail = path.equals(REFERENCE_PATH) || path.startsWith(REFERENCE_PATH + ".")
                ? "(the offending text is not shown: it belongs to the patient's reference)"
                : clean(e.getOriginalMessage());
        return new Violation(path.isEmpty() ? TreeBinder.ROOT : path, "malformed JSON" + where + ": " + detail);
    }

    private static String location(JsonLocation at) {
        return at == null || at.getLineNr() < 0 ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
    }

    /** The path of the value the parser was in when it failed, e.g. {@code twitches[0].site}. */
    private static String pathOf(JsonStreamContext context) {
        Deque<String> parts = new ArrayDeque<>();
        for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
            if (c.inArray()) {
                parts.push("[" + c.getCurrentIndex() + "]");
            } else if (c.getCurrentName() != null) {
                parts.push("." + TreeBinder.printable(c.getCurrentName()));
            }
        }
        String path = String.join("", parts);
        return path.startsWith(".") ? path.substring(1) : path;
    }

    /** Jackson's message without its internal source description, on one line and bounded in length. */
    private static String clean(String message) {
        if (message == null || message.isBlank()) {
            return "unreadable content";
        }
        String oneLine = message.lines().findFirst().orElse("")
                .replaceAll("\\s*\\(start marker at \\[Source:[^]]*]\\)", "")
                .replaceAll("\\s*at \\[Source:[^]]*]", "")
                .strip();
        return oneLine.length() <= MAX_MESSAGE ? oneLine : oneLine.substring(0, MAX_MESSAGE) + "...";
    }

    // Transfer records: they define the file format; component names are the JSON field names.

    private record RequestDto(PatientDto patient, List<TwitchDto> twitches) {
    }

    private record PatientDto(String reference, Integer ageYears, Sex sex, Boolean pregnant,
                              List<Circumstance> circumstances, List<LabResultDto> labResults) {
    }

    private record LabResultDto(Analyte analyte, BigDecimal value, LabUnit unit) {
    }

    private record TwitchDto(String id, BodySite site, Visibility visibility, Course course, Boolean beforeSleep,
                             Integer durationDays, SelfCare selfCare, List<Symptom> symptoms) {
    }
}
