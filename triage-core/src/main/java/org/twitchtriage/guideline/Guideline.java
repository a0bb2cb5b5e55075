package org.twitchtriage.guideline;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The index of one guideline's passages, loaded from the project's own resource
 * {@code org/twitchtriage/guideline/<name>.tsv}. Immutable and thread-safe.
 */
public final class Guideline {
    /** Name of the guideline this knowledge base encodes. */
    public static final String MUSCLE_TWITCHING = "muscle-twitching";

    private static final Pattern CITATION = Pattern.compile("\\s*([a-z0-9-]+)#([A-Z]+-[0-9]+)\\s*");

    private static volatile Guideline muscleTwitching;

    private final String name;
    private final Map<String, Passage> passages;

    private Guideline(String name, Map<String, Passage> passages) {
        this.name = name;
        this.passages = Collections.unmodifiableMap(passages);
    }

    /** @return the muscle-twitching guideline index (loaded once, then shared) */
    public static Guideline muscleTwitching() {
        Guideline g = muscleTwitching;
        if (g == null) {
            synchronized (Guideline.class) {
                g = muscleTwitching;
                if (g == null) {
                    g = load(MUSCLE_TWITCHING);
                    muscleTwitching = g;
                }
            }
        }
        return g;
    }

    static Guideline load(String name) {
        String resource = name + ".tsv";
        try (InputStream in = Guideline.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("guideline index not found on the class path: " + resource);
            }
            Map<String, Passage> passages = new LinkedHashMap<>();
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            int lineNo = 0;
            while ((line = reader.readLine()) != null) {
                lineNo++;
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] cols = line.split("\t", -1);
                if (cols.length != 3 || cols[0].isBlank()) {
                    throw new IllegalStateException(resource + ":" + lineNo + ": expected id, section, summary");
                }
                if (passages.put(cols[0], new Passage(cols[0], cols[1], cols[2])) != null) {
                    throw new IllegalStateException(resource + ":" + lineNo + ": duplicate passage ID " + cols[0]);
                }
            }
            return new Guideline(name, passages);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read guideline index " + resource, e);
        }
    }

    /** @return the guideline's name, as used in citations */
    public String name() {
        return name;
    }

    /** @return all passages in the guideline's order */
    public List<Passage> passages() {
        return List.copyOf(passages.values());
    }

    /** @return the passage with this ID, if the guideline has one */
    public Optional<Passage> passage(String id) {
        return Optional.ofNullable(passages.get(id));
    }

    /**
     * Parses a rule's {@code @source} value: one or more citations {@code guideline#ID} separated by commas.
     *
     * @param source the metadata value
     * @return the cited passage IDs in the order written
     * @throws IllegalArgumentException when the value is empty, malformed, names another guideline or an unknown ID
     */
    public List<String> parseCitations(String source) {
        if (source == null || source.isBlank()) {
            throw new IllegalArgumentException("no citation given");
        }
        List<String> ids = new ArrayList<>();
        // limit -1 keeps trailing empty parts, so that a dangling comma is reported instead of ignored
        for (String part : source.split(",", -1)) {
            Matcher m = CITATION.matcher(part);
            if (!m.matches()) {
                throw new IllegalArgumentException("malformed citation '" + part.trim()
                        + "': expected " + name + "#ID, e.g. " + name + "#CALF-6");
            }
            if (!m.group(1).equals(name)) {
                throw new IllegalArgumentException("citation '" + part.trim() + "' names guideline '" + m.group(1)
                        + "', expected '" + name + "'");
            }
            if (!passages.containsKey(m.group(2))) {
                throw new IllegalArgumentException("citation '" + part.trim() + "': the guideline has no passage "
                        + m.group(2));
            }
            ids.add(m.group(2));
        }
        return List.copyOf(ids);
    }
}
