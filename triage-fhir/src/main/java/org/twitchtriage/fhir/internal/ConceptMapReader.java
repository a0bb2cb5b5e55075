package org.twitchtriage.fhir.internal;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.parser.IParser;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.hl7.fhir.r4.model.ConceptMap;
import org.hl7.fhir.r4.model.ConceptMap.ConceptMapGroupComponent;
import org.hl7.fhir.r4.model.ConceptMap.ConceptMapGroupUnmappedComponent;
import org.hl7.fhir.r4.model.ConceptMap.ConceptMapGroupUnmappedMode;
import org.hl7.fhir.r4.model.ConceptMap.SourceElementComponent;
import org.hl7.fhir.r4.model.ConceptMap.TargetElementComponent;
import org.hl7.fhir.r4.model.Enumerations.ConceptMapEquivalence;
import org.hl7.fhir.r4.model.Extension;
import org.twitchtriage.fhir.ConceptMapEntry;
import org.twitchtriage.fhir.ConceptMapException;
import org.twitchtriage.fhir.ConceptTarget;
import org.twitchtriage.fhir.TriageFhir;

/**
 * Reads a FHIR R4 {@code ConceptMap} (JSON, parsed by HAPI) into mappings twitch-triage can use, reporting every
 * problem at once with the element it concerns ({@code group[2].element[0].target[0].code}). Stateless.
 *
 * <p>Groups go from a standard code system ({@code source}) to one of the project's local code systems
 * ({@code target}). Targets with {@code dependsOn} or {@code product} are conditional and not used.
 */
public final class ConceptMapReader {
    /** Equivalences FHIR requires a comment for (invariant cmd-1). */
    private static final EnumSet<ConceptMapEquivalence> NEED_COMMENT = EnumSet.of(ConceptMapEquivalence.NARROWER,
            ConceptMapEquivalence.INEXACT);

    /**
     * What a group does with a source code it does not list ({@code ConceptMap.group.unmapped}).
     *
     * @param target the kind of value of the group's target system
     * @param mode   {@code FIXED} (read as {@code code}) or {@code PROVIDED} (read as the source code itself)
     * @param code   the fixed code; {@code null} for {@code PROVIDED}
     */
    public record Unmapped(ConceptTarget target, ConceptMapGroupUnmappedMode mode, String code) {
    }

    /**
     * The content of a valid map.
     *
     * @param resource the parsed resource
     * @param entries  its usable mappings, in group and element order
     * @param unmapped unmapped rules by {@code sourceSystem|targetSystem}
     */
    public record Read(ConceptMap resource, List<ConceptMapEntry> entries, Map<String, Unmapped> unmapped) {
    }

    private ConceptMapReader() {
    }

    /**
     * @param in         a ConceptMap in FHIR JSON (not closed)
     * @param sourceName a name for messages
     * @return the checked content
     * @throws ConceptMapException listing every problem
     */
    public static Read read(InputStream in, String sourceName) {
        ParseProblems parseProblems = new ParseProblems();
        IParser parser = FhirContext.forR4Cached().newJsonParser().setParserErrorHandler(parseProblems);
        ConceptMap map;
        try {
            map = parser.parseResource(ConceptMap.class, new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (DataFormatException e) {
            throw new ConceptMapException(sourceName, List.of("not a FHIR R4 ConceptMap in JSON: "
                    + ParseProblems.withoutHapiCode(e.getMessage())));
        }
        List<String> problems = new ArrayList<>(parseProblems.problems());
        return check(map, sourceName, problems);
    }

    /**
     * Checks a ConceptMap that is already parsed, e.g. one fetched from a terminology server.
     *
     * @param map        the resource
     * @param sourceName a name for messages
     * @return the checked content
     * @throws ConceptMapException listing every problem
     */
    public static Read check(ConceptMap map, String sourceName) {
        return check(map, sourceName, new ArrayList<>());
    }

    private static Read check(ConceptMap map, String sourceName, List<String> problems) {
        if (!map.hasStatus()) {
            problems.add("status: is missing (draft, active, retired or unknown)");
        }
        if (map.hasVersion() && map.getVersion().contains("${")) {
            problems.add("version: '" + map.getVersion() + "' was not filled in by the build");
        }
        if (map.getGroup().isEmpty()) {
            problems.add("group: the map has no group; add one per source and target code system");
        }
        List<ConceptMapEntry> entries = new ArrayList<>();
        Map<String, Unmapped> unmapped = new LinkedHashMap<>();
        Map<String, String> readBy = new HashMap<>();
        for (int g = 0; g < map.getGroup().size(); g++) {
            ConceptMapGroupComponent group = map.getGroup().get(g);
            String path = "group[" + g + "]";
            String source = group.getSource();
            String targetSystem = group.getTarget();
            boolean ok = true;
            if (source == null || source.isBlank()) {
                problems.add(path + ".source: is missing; name the code system the group maps from");
                ok = false;
            } else if (ConceptTarget.isLocalSystem(source)) {
                problems.add(path + ".source: local codes of " + TriageFhir.BASE + " are built in and need no "
                        + "mapping");
                ok = false;
            }
            if (targetSystem == null || targetSystem.isBlank()) {
                problems.add(path + ".target: is missing; name one of the twitch-triage code systems: "
                        + localSystems());
                ok = false;
            } else if (!ConceptTarget.isLocalSystem(targetSystem)) {
                problems.add(path + ".target: '" + targetSystem + "' is not a twitch-triage code system; expected "
                        + "one of: " + localSystems());
                ok = false;
            }
            if (!ok) {
                continue;
            }
            if (group.hasUnmapped()) {
                Unmapped u = unmapped(group.getUnmapped(), targetSystem, path + ".unmapped", problems);
                if (u != null) {
                    unmapped.put(source + "|" + targetSystem, u);
                }
            }
            for (int e = 0; e < group.getElement().size(); e++) {
                SourceElementComponent element = group.getElement().get(e);
                String ePath = path + ".element[" + e + "]";
                if (!element.hasCode()) {
                    problems.add(ePath + ".code: is missing");
                    continue;
                }
                for (int t = 0; t < element.getTarget().size(); t++) {
                    String tPath = ePath + ".target[" + t + "]";
                    ConceptMapEntry entry = entry(source, targetSystem, element, element.getTarget().get(t), tPath,
                            problems);
                    if (entry == null) {
                        continue;
                    }
                    if (entry.reads()) {
                        String first = readBy.putIfAbsent(source + "|" + element.getCode(), tPath);
                        if (first != null) {
                            problems.add(tPath + ": " + source + "|" + element.getCode() + " is already read by "
                                    + first + "; a code must stand for one value");
                            continue;
                        }
                    }
                    entries.add(entry);
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new ConceptMapException(sourceName, problems);
        }
        return new Read(map, entries, unmapped);
    }

    private static ConceptMapEntry entry(String source, String targetSystem, SourceElementComponent element,
                                         TargetElementComponent target, String path, List<String> problems) {
        int before = problems.size();
        ConceptMapEquivalence equivalence = target.getEquivalence();
        if (equivalence == null || equivalence == ConceptMapEquivalence.NULL) {
            problems.add(path + ".equivalence: is missing or not a valid code; one of "
                    + Arrays.stream(ConceptMapEquivalence.values()).filter(v -> v != ConceptMapEquivalence.NULL)
                            .map(ConceptMapEquivalence::toCode).collect(Collectors.joining(", ")));
            return null;
        }
        if (equivalence == ConceptMapEquivalence.UNMATCHED || equivalence == ConceptMapEquivalence.DISJOINT) {
            return null;
        }
        ConceptTarget kind = null;
        if (!target.hasCode()) {
            problems.add(path + ".code: is missing; a " + equivalence.toCode() + " mapping needs a target code");
        } else {
            kind = ConceptTarget.ofLocalCode(targetSystem, target.getCode());
            if (kind == null) {
                problems.add(path + ".code: '" + target.getCode() + "' is not a code of " + targetSystem
                        + "; allowed: " + String.join(", ", ConceptTarget.localCodes(targetSystem)));
            }
        }
        if (NEED_COMMENT.contains(equivalence) && !target.hasComment()) {
            problems.add(path + ".comment: a " + equivalence.toCode() + " mapping needs a comment saying how it is "
                    + "meant (FHIR invariant cmd-1)");
        }
        String doubt = null;
        Extension unconfirmed = target.getExtensionByUrl(TriageFhir.EXT_MAPPING_UNCONFIRMED);
        if (unconfirmed != null) {
            doubt = unconfirmed.getValue() == null ? null : unconfirmed.getValue().primitiveValue();
            if (doubt == null || doubt.isBlank()) {
                problems.add(path + ".extension('" + TriageFhir.EXT_MAPPING_UNCONFIRMED + "').valueString: must say "
                        + "what is in doubt");
            }
        }
        if (problems.size() > before || target.hasDependsOn() || target.hasProduct()) {
            return null;
        }
        return new ConceptMapEntry(kind, target.getCode(), source, element.getCode(), element.getDisplay(),
                equivalence, target.getComment(), doubt, false);
    }

    private static Unmapped unmapped(ConceptMapGroupUnmappedComponent u, String targetSystem, String path,
                                     List<String> problems) {
        ConceptMapGroupUnmappedMode mode = u.getMode();
        if (mode == null || mode == ConceptMapGroupUnmappedMode.NULL) {
            problems.add(path + ".mode: is missing; provided or fixed");
            return null;
        }
        switch (mode) {
            case PROVIDED:
                return new Unmapped(null, mode, null);
            case FIXED:
                ConceptTarget kind = u.hasCode() ? ConceptTarget.ofLocalCode(targetSystem, u.getCode()) : null;
                if (kind == null) {
                    problems.add(path + ".code: mode fixed needs a code of " + targetSystem + "; allowed: "
                            + String.join(", ", ConceptTarget.localCodes(targetSystem)));
                    return null;
                }
                return new Unmapped(kind, mode, u.getCode());
            default:
                problems.add(path + ".mode: " + mode.toCode() + " is not supported; copy the groups of the other "
                        + "map into this one");
                return null;
        }
    }

    private static String localSystems() {
        return Arrays.stream(ConceptTarget.values()).map(ConceptTarget::localSystem).distinct()
                .collect(Collectors.joining(", "));
    }
}
