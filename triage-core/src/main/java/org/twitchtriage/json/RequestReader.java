package org.twitchtriage.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.twitchtriage.model.BodySite;
import org.twitchtriage.model.LabInterpretation;
import org.twitchtriage.model.LabResult;
import org.twitchtriage.model.Patient;
import org.twitchtriage.model.ReferenceRange;
import org.twitchtriage.model.SelfCare;
import org.twitchtriage.model.TriageRequest;
import org.twitchtriage.model.Twitch;
import org.twitchtriage.validation.InvalidRequestException;
import org.twitchtriage.validation.Limits;
import org.twitchtriage.validation.RequestValidator;
import org.twitchtriage.validation.Violation;

/**
 * Reads a case file (JSON, format {@link CaseFile}, described in {@code docs/input-format.md}, JSON Schema
 * {@code docs/case.schema.json}) into a valid {@link TriageRequest}, through the shared {@link JsonBinder}.
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
    private static final String ROOT = "request";
    private static final String LABS_PATH = "patient.labResults";
    private static final Pattern LAB_INDEX = Pattern.compile("^patient\\.labResults\\[(\\d+)]");
    private static final Pattern ALSO_AT_INDEX = Pattern.compile("at index (\\d+)");

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
     * Reads a case from a stream (the encoding, UTF-8/16/32, is detected). The stream is not closed. At most
     * {@link Limits#MAX_CASE_FILE_BYTES} are read: a longer stream is refused before it is parsed.
     *
     * @param in the JSON content
     * @return the valid request
     * @throws IOException             when the stream fails
     * @throws InvalidRequestException listing every problem with the content
     */
    public TriageRequest read(InputStream in) throws IOException {
        Objects.requireNonNull(in, "in");
        byte[] content = in.readNBytes(Limits.MAX_CASE_FILE_BYTES + 1);
        if (content.length > Limits.MAX_CASE_FILE_BYTES) {
            throw new InvalidRequestException(List.of(new Violation(ROOT, "is larger than "
                    + Limits.MAX_CASE_FILE_BYTES + " bytes; a case file is far smaller")));
        }
        return read(parse(StrictJson.MAPPER.createParser(content)));
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
            return read(parse(StrictJson.MAPPER.createParser(json)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read from a string", e);
        }
    }

    /**
     * Reads a case already parsed, for instance one written inside another document. Parse it with
     * {@link StrictJson#MAPPER} so that decimals keep their digits.
     *
     * @param root the case; {@code null} for an empty document
     * @return the valid request
     * @throws InvalidRequestException listing every problem with the content
     */
    public TriageRequest read(JsonNode root) {
        JsonNode reference = root == null ? null : root.path("patient").path("reference");
        String hidden = reference != null && reference.isTextual() ? reference.textValue() : null;
        JsonBinder binder = new JsonBinder(ROOT);
        binder.hide(hidden);
        CaseFile dto = binder.bind(root, CaseFile.class);
        if (dto == null) {
            // not an object: nothing below it can be checked
            throw new InvalidRequestException(binder.violations());
        }
        List<Integer> labIndex = new ArrayList<>();
        TriageRequest request = toModel(dto, labIndex);

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

    private static JsonNode parse(JsonParser parser) throws IOException {
        try {
            return StrictJson.parse(parser, ROOT);
        } catch (StrictJson.JsonProblem e) {
            throw new InvalidRequestException(List.of(e.problem()));
        }
    }

    private static TriageRequest toModel(CaseFile dto, List<Integer> labIndex) {
        TriageRequest.TriageRequestBuilder request = TriageRequest.builder();
        request.patient(dto.patient() == null ? null : toPatient(dto.patient(), labIndex));
        if (dto.twitches() != null) {
            // a twitch that could not be read stays as a gap so that later indices still match the file
            dto.twitches().forEach(t -> request.twitch(t == null ? null : toTwitch(t)));
        }
        return request.build();
    }

    private static Patient toPatient(CaseFile.Patient p, List<Integer> labIndex) {
        Patient.PatientBuilder patient = Patient.builder()
                .reference(p.reference())
                .ageYears(p.ageYears())
                .sex(p.sex())
                .pregnant(Boolean.TRUE.equals(p.pregnant()));
        present(p.circumstances()).forEach(patient::circumstance);
        List<CaseFile.LabResult> labs = p.labResults() == null ? List.of() : p.labResults();
        for (int i = 0; i < labs.size(); i++) {
            CaseFile.LabResult lab = labs.get(i);
            // an incomplete lab result was reported by the binder; the validator does not see it
            if (lab != null && lab.analyte() != null && lab.value() != null && lab.unit() != null) {
                patient.labResult(LabResult.builder().analyte(lab.analyte()).value(lab.value()).unit(lab.unit())
                        .referenceRange(ReferenceRange.of(lab.referenceLow(), lab.referenceHigh()))
                        .interpretation(lab.interpretation() == null ? LabInterpretation.NOT_GIVEN
                                : lab.interpretation())
                        .build());
                labIndex.add(i);
            }
        }
        return patient.build();
    }

    private static Twitch toTwitch(CaseFile.Twitch t) {
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
        String relocatedField = (LABS_PATH + "[" + fileIndex(field.group(1), labIndex) + "]")
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

}
