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
import org.hl7.fhir.r4.model.ConceptMap;
import org.hl7.fhir.r4.model.ConceptMap.ConceptMapGroupUnmappedMode;
import org.hl7.fhir.r4.model.Enumerations.ConceptMapEquivalence;
import org.twitchtriage.fhir.internal.ConceptMapReader;

/**
 * The codes twitch-triage reads from FHIR input and writes into FHIR output, kept as data: a FHIR R4
 * {@code ConceptMap} resource whose groups map standard code systems (SNOMED CT, ICD-10, LOINC, UCUM) to the
 * project's local code systems ({@link ConceptTarget#localSystem()}). The default map ships in this jar as
 * {@value #DEFAULT_RESOURCE} and carries the version of the knowledge base it was made for; a user replaces it with
 * their own, for example one exported by their terminology server, through {@link #load(Path)} or
 * {@link #of(ConceptMap, String)}. See {@code docs/fhir.md}.
 *
 * <p>Reading input uses the map forward: a code is read as its target value, whatever the equivalence except
 * {@code unmatched} and {@code disjoint}; where a value of one kind is needed (a body site, a unit) and the code is
 * not listed, the group's {@code unmapped} rule ({@code fixed} or {@code provided}) applies. Writing output uses the
 * map in reverse: the standard codes whose mapping is {@code equal}, {@code equivalent}, {@code narrower} or
 * {@code specializes} are written for a value. A mapping carrying {@link TriageFhir#EXT_MAPPING_UNCONFIRMED} is read
 * with a warning and never written. The project's local codes are always understood, whatever the map says.
 *
 * <p>Immutable and thread-safe.
 */
public final class TriageConceptMap {
    /** Class-path location of the default map. */
    public static final String DEFAULT_RESOURCE = "/org/twitchtriage/fhir/concept-map.json";

    private static volatile TriageConceptMap defaults;

    private final ConceptMap resource;
    private final String name;
    private final String version;
    private final String source;
    private final List<ConceptMapEntry> entries;
    private final Map<String, ConceptMapEntry> inbound = new LinkedHashMap<>();
    private final Map<String, ConceptMapReader.Unmapped> unmapped;

    private TriageConceptMap(ConceptMapReader.Read read, String source) {
        this.resource = read.resource().copy();
        this.name = firstOf(resource.getTitle(), resource.getName(), resource.getUrl(), source);
        this.version = resource.hasVersion() ? resource.getVersion() : "(no version)";
        this.source = source;
        this.entries = List.copyOf(read.entries());
        this.unmapped = Map.copyOf(read.unmapped());
        for (ConceptMapEntry e : this.entries) {
            if (e.reads()) {
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
     * @param file a FHIR R4 ConceptMap in JSON
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
     * @param in         a FHIR R4 ConceptMap in JSON
     * @param sourceName a name for messages, e.g. the file name
     * @return the map
     * @throws ConceptMapException when the document is not valid; lists every problem
     */
    public static TriageConceptMap read(InputStream in, String sourceName) {
        Objects.requireNonNull(in, "in");
        Objects.requireNonNull(sourceName, "sourceName");
        return new TriageConceptMap(ConceptMapReader.read(in, sourceName), sourceName);
    }

    /**
     * Uses a ConceptMap resource that is already parsed, e.g. fetched from a terminology server; it is copied.
     *
     * @param conceptMap the resource
     * @param sourceName a name for messages, e.g. its URL
     * @return the map
     * @throws ConceptMapException when the resource is not valid; lists every problem
     */
    public static TriageConceptMap of(ConceptMap conceptMap, String sourceName) {
        Objects.requireNonNull(conceptMap, "conceptMap");
        Objects.requireNonNull(sourceName, "sourceName");
        return new TriageConceptMap(ConceptMapReader.check(conceptMap.copy(), sourceName), sourceName);
    }

    /** @return the map's title (else its name, else its URL) */
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

    /** @return a copy of the ConceptMap resource */
    public ConceptMap toConceptMap() {
        return resource.copy();
    }

    /**
     * @return the usable mappings of the resource, in group and element order (the built-in local codes, and
     *         {@code unmatched}, {@code disjoint} and conditional targets are not listed)
     */
    public List<ConceptMapEntry> entries() {
        return entries;
    }

    /** @return the mappings marked as not confirmed, in map order */
    public List<ConceptMapEntry> unconfirmed() {
        return entries.stream().filter(e -> !e.confirmed()).toList();
    }

    /**
     * Looks up a code read from input, by the mappings the map lists (the {@code unmapped} rules are not used here,
     * see {@link #translate}).
     *
     * @param system the code system URI
     * @param code   the code
     * @return the mapping that reads this code (a built-in one for the project's local codes), if any
     */
    public Optional<ConceptMapEntry> lookup(String system, String code) {
        if (system == null || code == null) {
            return Optional.empty();
        }
        ConceptTarget local = ConceptTarget.ofLocalCode(system, code);
        if (local != null) {
            return Optional.of(localEntry(local, code));
        }
        return Optional.ofNullable(inbound.get(key(system, code)));
    }

    /**
     * Translates a code into a value of one kind: by a listed mapping of that kind, else by the {@code unmapped} rule
     * of the group from the code's system to the kind's code system.
     *
     * @param system the code system URI
     * @param code   the code
     * @param target the kind of value wanted
     * @return the mapping, if the map gives one of that kind
     */
    public Optional<ConceptMapEntry> translate(String system, String code, ConceptTarget target) {
        Optional<ConceptMapEntry> listed = lookup(system, code).filter(e -> e.target() == target);
        if (listed.isPresent() || system == null || code == null) {
            return listed;
        }
        ConceptMapReader.Unmapped rule = unmapped.get(key(system, target.localSystem()));
        if (rule == null) {
            return Optional.empty();
        }
        String value = rule.mode() == ConceptMapGroupUnmappedMode.FIXED ? rule.code() : code;
        if (ConceptTarget.ofLocalCode(target.localSystem(), value) != target) {
            return Optional.empty();
        }
        return Optional.of(new ConceptMapEntry(target, value, system, code, "", ConceptMapEquivalence.INEXACT,
                "group.unmapped mode " + rule.mode().toCode(), "", false));
    }

    /**
     * The codings to write for a value: the local coding (where the target writes one) followed by every confirmed
     * mapping that may be written for it ({@link ConceptMapEntry#writes()}).
     *
     * @param target the kind of value
     * @param value  the value's name
     * @return the mappings, local first
     */
    public List<ConceptMapEntry> codingsFor(ConceptTarget target, String value) {
        List<ConceptMapEntry> out = new ArrayList<>();
        if (target.writesLocalCoding() && target.allowedValues().contains(value)) {
            out.add(localEntry(target, value));
        }
        for (ConceptMapEntry e : entries) {
            if (e.target() == target && e.value().equals(value) && e.writes()) {
                out.add(e);
            }
        }
        return out;
    }

    @Override
    public String toString() {
        return "TriageConceptMap[" + name + " " + version + ", " + entries.size() + " mappings]";
    }

    private static ConceptMapEntry localEntry(ConceptTarget target, String value) {
        return new ConceptMapEntry(target, value, target.localSystem(), value, value, ConceptMapEquivalence.EQUAL,
                "twitch-triage local code system", "", true);
    }

    private static String firstOf(String... candidates) {
        for (String c : candidates) {
            if (c != null && !c.isBlank()) {
                return c;
            }
        }
        return "";
    }

    private static String key(String system, String code) {
        return system + "|" + code;
    }
}
