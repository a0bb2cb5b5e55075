package org.twitchtriage.testkit.fuzz;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.function.BiPredicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Makes hostile JSON documents from well-formed seeds (bundled case files, FHIR bundles, CDS Hooks requests), for
 * property-based fuzzing: values replaced by extreme numbers ({@code 1e99999999}, {@code -1e-9999999}, 400-digit
 * integers), long texts, control and bidirectional characters or values of the wrong JSON type; fields removed, added
 * or repeated; lists multiplied past their limits; deep nesting; and, on the text, duplicate keys, truncation, invalid
 * UTF-8, other encodings and random bytes.
 *
 * <p>For the leak check every document carries markers: ids and references at the spots the caller names are
 * replaced by texts containing {@link #SECRET_MARKER} (values that must never appear in any output, such as the
 * patient's reference) or {@link #ID_MARKER} (ids that may appear in a decision but never in an error message). Equal
 * values get equal replacements, so references between resources still resolve.
 *
 * <p>The same {@link Random} gives the same document. Not thread-safe: one instance per generating thread.
 */
public final class HostileJson {
    /** Start of every planted value that no output may contain. */
    public static final String SECRET_MARKER = "Zx8secret";
    /** Start of every planted id that no error message may contain. */
    public static final String ID_MARKER = "Zx8ident";

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String RAW = "@@raw-";
    private static final Pattern RAW_SLOT = Pattern.compile("\"" + RAW + "(\\d+)@@\"");
    private static final Pattern NUMBER = Pattern.compile("(?<=[:\\[,])-?\\d+(\\.\\d+)?([eE][-+]?\\d+)?");
    private static final Pattern KEY = Pattern.compile("\"([A-Za-z]+)\":");
    private static final String[] EXTREME_NUMBERS = {"1e99999999", "-1e-9999999", "1e999999999", "1E+2147483647",
        "0e-9999999", "-0", "1e-400", "4.9e-324", "1.7976931348623157e309", "9223372036854775808", "-31", "31.5",
        "0.000000000000000001", "1e12", "999999999999.999", "NaN", "Infinity", "-", "1.", ".5", "01", "1e", "0x10"};
    private static final String[] UNSAFE = {"\u0000", "\u0007", "\u001b[2J", "\u001b]0;title\u0007", "\u007f",
        "\u009b", "\u202e", "\u202d", "\u2066", "\u2069", "\u200f", "\r\n", "\ud83d\ude00", "\ufeff", "\\", "\"",
        "\u0085", "\u2028"};
    private static final byte[][] BAD_BYTES = {{(byte) 0xff}, {(byte) 0xc3, 0x28}, {(byte) 0xc0, (byte) 0xaf},
        {(byte) 0xed, (byte) 0xa0, (byte) 0x80}, {(byte) 0xf8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80},
        {(byte) 0xe2, (byte) 0x82}, {0}, {(byte) 0xfe, (byte) 0xff}, {(byte) 0xef, (byte) 0xbb, (byte) 0xbf}};
    private static final Charset[] ENCODINGS = {StandardCharsets.UTF_16BE, StandardCharsets.UTF_16LE,
        Charset.forName("UTF-32BE"), Charset.forName("UTF-32LE"), StandardCharsets.ISO_8859_1};

    private final List<JsonNode> seeds;
    private final BiPredicate<ObjectNode, String> secretSpot;
    private final BiPredicate<ObjectNode, String> idSpot;
    private final List<String> raw = new ArrayList<>();
    private Map<String, String> planted = new HashMap<>();

    /**
     * @param seeds      well-formed documents to start from, at least one
     * @param secretSpot which text fields ({@code parent}, field name) hold a value no output may contain
     * @param idSpot     which text fields hold an id no error message may contain
     */
    public HostileJson(List<? extends JsonNode> seeds, BiPredicate<ObjectNode, String> secretSpot,
            BiPredicate<ObjectNode, String> idSpot) {
        if (seeds.isEmpty()) {
            throw new IllegalArgumentException("at least one seed is needed");
        }
        this.seeds = List.copyOf(seeds);
        this.secretSpot = Objects.requireNonNull(secretSpot, "secretSpot");
        this.idSpot = Objects.requireNonNull(idSpot, "idSpot");
    }

    /**
     * @param random where every choice comes from
     * @return one hostile document as bytes (usually UTF-8, sometimes another encoding or not text at all)
     */
    public byte[] document(Random random) {
        int kind = random.nextInt(100);
        if (kind < 4) {
            byte[] bytes = new byte[random.nextInt(300)];
            random.nextBytes(bytes);
            return bytes;
        }
        if (kind < 8) {
            return deepNesting(random).getBytes(StandardCharsets.UTF_8);
        }
        JsonNode doc = seeds.get(random.nextInt(seeds.size())).deepCopy();
        raw.clear();
        planted = new HashMap<>();
        plant(doc, random);
        // a fifth keep their form, so that marked documents reach a decision too
        int mutations = kind < 28 ? 0 : 1 + random.nextInt(4);
        for (int i = 0; i < mutations; i++) {
            doc = mutate(doc, random);
        }
        String text = withRaw(write(doc));
        return kind >= 28 && random.nextInt(4) == 0 ? mutateText(text, random) : text.getBytes(StandardCharsets.UTF_8);
    }

    /** Replaces the values at the marker spots, keeping a reference's {@code Type/} prefix. */
    private void plant(JsonNode node, Random random) {
        if (node instanceof ObjectNode o) {
            for (String name : iterable(o)) {
                JsonNode v = o.get(name);
                boolean secret = v.isTextual() && secretSpot.test(o, name);
                if (secret || v.isTextual() && idSpot.test(o, name)) {
                    String old = v.textValue();
                    String prefix = old.substring(0, old.lastIndexOf('/') + 1);
                    o.put(name, prefix + planted.computeIfAbsent(old.substring(prefix.length()),
                            same -> marked(secret, random)));
                } else {
                    plant(v, random);
                }
            }
        } else if (node instanceof ArrayNode a) {
            a.forEach(e -> plant(e, random));
        }
    }

    private static String marked(boolean secret, Random random) {
        String mark = (secret ? SECRET_MARKER : ID_MARKER) + Integer.toString(random.nextInt(1 << 20), 36);
        return switch (random.nextInt(6)) {
            case 0 -> mark + "x".repeat(130 + random.nextInt(400));
            case 1 -> unsafe(random) + mark;
            case 2 -> mark + unsafe(random) + mark;
            default -> mark;
        };
    }

    private JsonNode mutate(JsonNode doc, Random random) {
        List<Slot> slots = new ArrayList<>();
        collect(doc, slots);
        if (slots.isEmpty()) {
            return hostileValue(random);
        }
        Slot s = slots.get(random.nextInt(slots.size()));
        switch (random.nextInt(8)) {
            case 0 -> s.remove();
            case 1 -> {
                if (s.parent() instanceof ObjectNode o) {
                    o.set(fieldName(random), hostileValue(random));
                }
            }
            case 2 -> {
                JsonNode v = s.value();
                if (v.isArray() && !v.isEmpty()) {
                    ArrayNode a = (ArrayNode) v;
                    int copies = random.nextInt(70);
                    JsonNode first = a.get(random.nextInt(a.size()));
                    for (int i = 0; i < copies; i++) {
                        a.add(first.deepCopy());
                    }
                } else {
                    s.set(hostileValue(random));
                }
            }
            case 3 -> s.set(JsonNodeFactory.instance.arrayNode().add(s.value()));
            case 4 -> s.set(JsonNodeFactory.instance.objectNode().set("value", s.value()));
            default -> s.set(hostileValue(random));
        }
        return doc;
    }

    private JsonNode hostileValue(Random random) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        return switch (random.nextInt(12)) {
            case 0, 1 -> rawValue(EXTREME_NUMBERS[random.nextInt(EXTREME_NUMBERS.length)]);
            case 2 -> rawValue((random.nextBoolean() ? "-" : "") + "9".repeat(20 + random.nextInt(400)));
            case 3 -> f.textNode("a".repeat(random.nextInt(70_000)));
            case 4 -> f.textNode(unsafe(random) + "CALF" + unsafe(random));
            case 5 -> f.nullNode();
            case 6 -> f.booleanNode(random.nextBoolean());
            case 7 -> f.objectNode().put(fieldName(random), 1);
            case 8 -> f.arrayNode().addNull().add("x");
            case 9 -> f.textNode(random.nextBoolean() ? "" : "31");
            case 10 -> rawValue("\"\\ud800\"");
            default -> f.numberNode(random.nextInt());
        };
    }

    private static String unsafe(Random random) {
        return UNSAFE[random.nextInt(UNSAFE.length)];
    }

    private String fieldName(Random random) {
        return switch (random.nextInt(4)) {
            case 0 -> "n".repeat(900 + random.nextInt(300));
            case 1 -> "f" + unsafe(random) + "x";
            default -> "extra" + random.nextInt(10);
        };
    }

    private String deepNesting(Random random) {
        int depth = 50 + random.nextInt(random.nextBoolean() ? 200 : 5_000);
        boolean arrays = random.nextBoolean();
        String open = arrays ? "[" : "{\"a\":";
        String close = arrays ? "]" : "}";
        String inner = random.nextBoolean() ? "1" : open.repeat(depth);
        return open.repeat(depth) + inner + (random.nextInt(3) == 0 ? "" : close.repeat(depth));
    }

    private byte[] mutateText(String text, Random random) {
        switch (random.nextInt(7)) {
            case 0 -> {
                return text.substring(0, random.nextInt(text.length() + 1)).getBytes(StandardCharsets.UTF_8);
            }
            case 1 -> {
                List<Integer> keys = positions(KEY.matcher(text));
                if (!keys.isEmpty()) {
                    int at = keys.get(random.nextInt(keys.size()));
                    Matcher m = KEY.matcher(text);
                    m.find(at);
                    return (text.substring(0, at) + m.group() + "null," + text.substring(at))
                            .getBytes(StandardCharsets.UTF_8);
                }
                return (text + "{}").getBytes(StandardCharsets.UTF_8);
            }
            case 2 -> {
                List<Integer> numbers = positions(NUMBER.matcher(text));
                if (!numbers.isEmpty()) {
                    int at = numbers.get(random.nextInt(numbers.size()));
                    Matcher m = NUMBER.matcher(text);
                    m.find(at);
                    return (text.substring(0, at) + EXTREME_NUMBERS[random.nextInt(EXTREME_NUMBERS.length)]
                            + text.substring(m.end())).getBytes(StandardCharsets.UTF_8);
                }
                return text.getBytes(StandardCharsets.UTF_8);
            }
            case 3 -> {
                return text.getBytes(ENCODINGS[random.nextInt(ENCODINGS.length)]);
            }
            case 4 -> {
                return (text + (random.nextBoolean() ? "}" : " {\"more\": 1}")).getBytes(StandardCharsets.UTF_8);
            }
            default -> {
                byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
                int at = random.nextInt(bytes.length + 1);
                byte[] bad = BAD_BYTES[random.nextInt(BAD_BYTES.length)];
                ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length + bad.length);
                out.write(bytes, 0, at);
                out.writeBytes(bad);
                out.write(bytes, at, bytes.length - at);
                return out.toByteArray();
            }
        }
    }

    private static List<Integer> positions(Matcher m) {
        List<Integer> out = new ArrayList<>();
        while (m.find()) {
            out.add(m.start());
        }
        return out;
    }

    /** A placeholder, replaced after writing by text that Jackson would not write (an extreme number literal). */
    private JsonNode rawValue(String text) {
        raw.add(text);
        return JsonNodeFactory.instance.textNode(RAW + (raw.size() - 1) + "@@");
    }

    private String withRaw(String text) {
        return RAW_SLOT.matcher(text).replaceAll(m -> Matcher.quoteReplacement(raw.get(Integer.parseInt(m.group(1)))));
    }

    private static String write(JsonNode doc) {
        try {
            return MAPPER.writeValueAsString(doc);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serializes", e);
        }
    }

    private static void collect(JsonNode node, List<Slot> slots) {
        if (node instanceof ObjectNode o) {
            for (String name : iterable(o)) {
                slots.add(new Slot(o, name, -1));
                collect(o.get(name), slots);
            }
        } else if (node instanceof ArrayNode a) {
            for (int i = 0; i < a.size(); i++) {
                slots.add(new Slot(a, null, i));
                collect(a.get(i), slots);
            }
        }
    }

    private static List<String> iterable(ObjectNode o) {
        List<String> names = new ArrayList<>();
        o.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** A place in a document: a field of an object or an entry of a list. */
    private record Slot(JsonNode parent, String name, int index) {
        JsonNode value() {
            return name != null ? parent.get(name) : parent.get(index);
        }

        void set(JsonNode v) {
            if (name != null) {
                ((ObjectNode) parent).set(name, v);
            } else {
                ((ArrayNode) parent).set(index, v);
            }
        }

        void remove() {
            if (name != null) {
                ((ObjectNode) parent).remove(name);
            } else {
                ((ArrayNode) parent).remove(index);
            }
        }
    }

    /**
     * Describes a document for a failure message: its length and its first characters, made printable.
     *
     * @param document the document
     * @return a one-paragraph description, at most about 2,000 characters
     */
    public static String describe(byte[] document) {
        String text = new String(document, StandardCharsets.UTF_8);
        StringBuilder out = new StringBuilder("document of " + document.length + " bytes: ");
        text.codePoints().limit(2_000).forEach(c -> {
            if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0) || (c >= 0x2000 && c <= 0x206f)) {
                out.append(String.format("\\u%04X", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return text.length() > 2_000 ? out.append("...").toString() : out.toString();
    }
}
