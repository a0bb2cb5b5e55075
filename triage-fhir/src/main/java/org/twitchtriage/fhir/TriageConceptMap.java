package org.twitchtriage.fhir;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.twitchtriage.fhir.internal.ConceptMapParser;

/**
 * The external codes twitch-triage reads from FHIR input and writes into FHIR output, kept as data: a JSON file with
 * a name, a version and entries (see {@code docs/fhir.md}). The default map ships in this jar as
 * {@value #DEFAULT_RESOURCE} and carries the version of the knowledge base it was made for; a user replaces it by
 * loading their own file with {@link #load(Path)} and handing it to the mappers.
 *
 * <p>Besides the entries of the file, the project's local codes ({@link TriageFhir}) are always understood: code
 * {@code CALF} in {@link TriageFhir#BODY_SITE_SYSTEM} reads as {@code BodySite.CALF}, and so on.
 *
 * <p>Immutable and thread-safe.
 */
public final class TriageConceptMap {
    /** Class-path location of the default map. */
    public static final String DEFAULT_RESOURCE = "/org/twitchtriage/fhir/concept-map.json";

    private static volatile TriageConceptMap defaults;

    private final String name;
    private final String version;
    private final String source;
    private final List<ConceptMapEntry> entries;
    private final Map<String, ConceptMapEntry> inbound = new LinkedHashMap<>();

    /**
     * @param name    the map's name
     * @param version the map's version
     * @param source  where it was read from, for messages
     * @param entries the entries, already checked
     */
    private TriageConceptMap(String name, String version, String source, List<ConceptMapEntry> entries) {
        this.name = name;
        this.version = version;
        this.source = source;
        this.entries = List.copyOf(entries);
        for (ConceptMapEntry e : this.entries) {
            if (e.direction().reads()) {
                inbound.put(key(e.system(), e.code()), e);
            }
        }
    }

    /** @return the map shipped with this library (read once, then shared) */
    public static TriageConceptMap defaults() {
        TriageConceptMap m = defaults;
        if (m == null) {
            synchronized (TriageConceptMap.class) {
                m = defaults;
                if (m == null) {
                    try (InputStream in = TriageConceptMap.class.getResourceAsStream(DEFAULT_RESOURCE)) {
                        if (in == null) {
                            throw new ConceptMapException(DEFAULT_RESOURCE, List.of("not found on the class path"));
                        }
                        m = read(in, "classpath:" + DEFAULT_RESOURCE);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    defaults = m;
                }
            }
        }
        return m;
    }

    /**
     * Loads a user-supplied map that replaces the default one.
     *
     * @param file a concept map JSON file
     * @return the map
     * @throws ConceptMapException when the file cannot be read or is not valid; lists every problem
     */
    public static TriageConceptMap load(Path file) {
        Objects.requireNonNull(file, "file");
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, file.toString());
        } catch (IOException e) {
            throw new ConceptMapException(file.toString(), e);
        }
    }

    /**
     * Reads a map from a stream (which is not closed).
     *
     * @param in         the JSON document
     * @param sourceName a name for messages, e.g. the file name
     * @return the map
     * @throws ConceptMapException when the document is not valid; lists every problem
     */
    public static TriageConceptMap read(InputStream in, String sourceName) {
        Objects.requireNonNull(in, "in");
        Objects.requireNonNull(sourceName, "sourceName");
        ConceptMapParser.Parsed parsed = ConceptMapParser.parse(in, sourceName);
        return new TriageConceptMap(parsed.name(), parsed.version(), sourceName, parsed.entries());
    }

    /** @return the map's name */
    public String name() {
        return name;
    }

    /** @return the map's version; the default map carries the version of the knowledge base it belongs to */
    public String version() {
        return version;
    }

    /** @return where the map was read from */
    public String source() {
        return source;
    }

    /** @return the entries of the file, in file order (the built-in local codes are not listed) */
    public List<ConceptMapEntry> entries() {
        return entries;
    }

    /** @return the entries marked {@code "confirmed": false}, in file order */
    public List<ConceptMapEntry> unconfirmed() {
        return entries.stream().filter(e -> !e.confirmed()).toList();
    }

    /**
     * Looks up a code read from input.
     *
     * @param system the code system URI
     * @param code   the code
     * @return the entry that reads this code (a built-in entry for the project's local codes), if any
     */
    public Optional<ConceptMapEntry> lookup(String system, String code) {
        if (system == null || code == null) {
            return Optional.empty();
        }
        ConceptTarget local = ConceptTarget.ofLocalSystem(system);
        if (local != null) {
            return local.allowedValues().contains(code) ? Optional.of(localEntry(local, code)) : Optional.empty();
        }
        return Optional.ofNullable(inbound.get(key(system, code)));
    }

    /**
     * The codings to write for a value: the local coding (where the target has a local system) followed by every
     * confirmed entry that is written for it. Unconfirmed entries are never written.
     *
     * @param target the kind of value
     * @param value  the value's name
     * @return the entries, local first
     */
    public List<ConceptMapEntry> codingsFor(ConceptTarget target, String value) {
        List<ConceptMapEntry> out = new ArrayList<>();
        if (target.localSystem() != null && target.allowedValues().contains(value)) {
            out.add(localEntry(target, value));
        }
        for (ConceptMapEntry e : entries) {
            if (e.target() == target && e.value().equals(value) && e.direction().writes() && e.confirmed()) {
                out.add(e);
            }
        }
        return out;
    }

    @Override
    public String toString() {
        return "TriageConceptMap[" + name + " " + version + ", " + entries.size() + " entries]";
    }

    private static ConceptMapEntry localEntry(ConceptTarget target, String value) {
        return new ConceptMapEntry(target, value, target.localSystem(), value, value, ConceptMapEntry.Direction.BOTH,
                true, true, "twitch-triage local code system", "");
    }

    private static String key(String system, String code) {
        return system + "|" + code;
    }
}
