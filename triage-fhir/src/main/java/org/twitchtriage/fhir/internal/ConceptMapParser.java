package org.twitchtriage.fhir.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.twitchtriage.fhir.ConceptMapEntry;
import org.twitchtriage.fhir.ConceptMapException;
import org.twitchtriage.fhir.ConceptTarget;
import org.twitchtriage.fhir.TriageFhir;

/** Reads and checks a concept map JSON document, reporting every problem at once. Stateless. */
public final class ConceptMapParser {
    /** The format version this parser reads. */
    public static final int FORMAT_VERSION = 1;

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final Set<String> TOP_FIELDS = Set.of("formatVersion", "name", "version", "description", "entries");
    private static final Set<String> ENTRY_FIELDS = Set.of("target", "value", "system", "code", "display", "direction",
            "confirmed", "source", "note");

    /**
     * The content of a valid map.
     *
     * @param name    the map's name
     * @param version the map's version
     * @param entries its entries in file order
     */
    public record Parsed(String name, String version, List<ConceptMapEntry> entries) {
    }

    private ConceptMapParser() {
    }

    /**
     * @param in         the document
     * @param sourceName a name for messages
     * @return the checked content
     * @throws ConceptMapException listing every problem
     */
    public static Parsed parse(InputStream in, String sourceName) {
        JsonNode root;
        try {
            root = JSON.readTree(in);
        } catch (JsonProcessingException e) {
            throw new ConceptMapException(sourceName, List.of("malformed JSON at line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr() + ": " + e.getOriginalMessage()));
        } catch (IOException e) {
            throw new ConceptMapException(sourceName, e);
        }
        List<String> problems = new ArrayList<>();
        if (root == null || !root.isObject()) {
            throw new ConceptMapException(sourceName, List.of("the document must be one JSON object"));
        }
        unknownFields(root, TOP_FIELDS, "", problems);
        JsonNode format = root.get("formatVersion");
        if (format == null || !format.isInt() || format.intValue() != FORMAT_VERSION) {
            problems.add("formatVersion: must be " + FORMAT_VERSION);
        }
        String name = requiredText(root, "name", "", problems);
        String version = requiredText(root, "version", "", problems);
        if (version != null && version.contains("${")) {
            problems.add("version: '" + version + "' was not filled in by the build");
        }
        List<ConceptMapEntry> entries = new ArrayList<>();
        JsonNode list = root.get("entries");
        if (list == null || !list.isArray()) {
            problems.add("entries: must be a list");
        } else {
            Map<String, Integer> readKeys = new HashMap<>();
            Map<String, Integer> writeKeys = new HashMap<>();
            for (int i = 0; i < list.size(); i++) {
                ConceptMapEntry e = entry(list.get(i), "entries[" + i + "]", problems);
                if (e == null) {
                    continue;
                }
                if (e.direction().reads()) {
                    Integer first = readKeys.putIfAbsent(e.system() + "|" + e.code(), i);
                    if (first != null) {
                        problems.add("entries[" + i + "]: " + e.system() + "|" + e.code()
                                + " is already read by entries[" + first + "]");
                    }
                }
                if (e.direction().writes()) {
                    Integer first = writeKeys.putIfAbsent(e.target() + "." + e.value() + "|" + e.system() + "|"
                            + e.code(), i);
                    if (first != null) {
                        problems.add("entries[" + i + "]: duplicate of entries[" + first + "]");
                    }
                }
                entries.add(e);
            }
        }
        if (!problems.isEmpty()) {
            throw new ConceptMapException(sourceName, problems);
        }
        return new Parsed(name, version, entries);
    }

    private static ConceptMapEntry entry(JsonNode node, String path, List<String> problems) {
        if (node == null || !node.isObject()) {
            problems.add(path + ": must be an object");
            return null;
        }
        int before = problems.size();
        unknownFields(node, ENTRY_FIELDS, path + ".", problems);
        ConceptTarget target = null;
        String targetText = requiredText(node, "target", path + ".", problems);
        if (targetText != null) {
            try {
                target = ConceptTarget.valueOf(targetText);
            } catch (IllegalArgumentException ex) {
                problems.add(path + ".target: unknown target '" + targetText + "'; allowed: "
                        + String.join(", ", names(ConceptTarget.values())));
            }
        }
        String value = requiredText(node, "value", path + ".", problems);
        if (target != null && value != null && !target.allowedValues().contains(value)) {
            problems.add(path + ".value: '" + value + "' is not a value of " + target + "; allowed: "
                    + String.join(", ", target.allowedValues()));
        }
        String system = requiredText(node, "system", path + ".", problems);
        if (system != null && system.startsWith(TriageFhir.BASE)) {
            problems.add(path + ".system: local codes of " + TriageFhir.BASE + " are built in and must not be listed");
        }
        String code = requiredText(node, "code", path + ".", problems);
        String display = optionalText(node, "display", path + ".", problems);
        ConceptMapEntry.Direction direction = null;
        String directionText = requiredText(node, "direction", path + ".", problems);
        if (directionText != null) {
            try {
                direction = ConceptMapEntry.Direction.valueOf(directionText.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException ex) {
                problems.add(path + ".direction: must be in, out or both, was '" + directionText + "'");
            }
        }
        JsonNode confirmedNode = node.get("confirmed");
        boolean confirmed = false;
        if (confirmedNode == null || !confirmedNode.isBoolean()) {
            problems.add(path + ".confirmed: must be true or false");
        } else {
            confirmed = confirmedNode.booleanValue();
        }
        String source = requiredText(node, "source", path + ".", problems);
        String note = optionalText(node, "note", path + ".", problems);
        if (!confirmed && confirmedNode != null && confirmedNode.isBoolean() && (note == null || note.isBlank())) {
            problems.add(path + ".note: an unconfirmed entry needs a note saying what is in doubt");
        }
        if (problems.size() > before) {
            return null;
        }
        return new ConceptMapEntry(target, value, system, code, display, direction, confirmed, false, source, note);
    }

    private static String requiredText(JsonNode node, String field, String prefix, List<String> problems) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            problems.add(prefix + field + ": is missing");
            return null;
        }
        if (!v.isTextual() || v.textValue().isBlank()) {
            problems.add(prefix + field + ": must be a non-empty text");
            return null;
        }
        return v.textValue();
    }

    private static String optionalText(JsonNode node, String field, String prefix, List<String> problems) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            problems.add(prefix + field + ": must be text");
            return null;
        }
        return v.textValue();
    }

    private static void unknownFields(JsonNode node, Set<String> known, String prefix, List<String> problems) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!known.contains(f)) {
                problems.add(prefix + f + ": unknown field; expected one of: " + String.join(", ", known.stream()
                        .sorted().toList()));
            }
        }
    }

    private static List<String> names(Enum<?>[] values) {
        List<String> out = new ArrayList<>();
        for (Enum<?> v : values) {
            out.add(v.name());
        }
        return out;
    }
}
