package org.twitchtriage.fhir.internal;

import static org.twitchtriage.fhir.internal.ReadContext.extensionPath;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.DomainResource;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.Resource;
import org.twitchtriage.fhir.ConceptMapEntry;
import org.twitchtriage.fhir.ConceptTarget;
import org.twitchtriage.fhir.NotRead;
import org.twitchtriage.fhir.TriageFhir;
import org.twitchtriage.model.BodySite;
import org.twitchtriage.model.Course;
import org.twitchtriage.model.SelfCare;
import org.twitchtriage.model.Visibility;

/**
 * Reads twitches: a {@code Condition} (or {@code Observation}) whose code maps to TWITCH, with its body site, the
 * twitch extensions ({@link TriageFhir#EXT_COURSE} and the others) and, for a Condition, its onset. What cannot be
 * read is reported as not read and the twitch is decided without it: a missing or unreadable body site becomes
 * {@link BodySite#UNKNOWN}, a missing or unreadable course {@link Course#UNKNOWN} (no EHR fills this project's own
 * course extension). Not thread-safe; one instance per mapping.
 */
final class TwitchReader {
    private final ReadContext ctx;
    private final List<TwitchDraft> twitches = new ArrayList<>();
    private final Map<Resource, TwitchDraft> byResource = new IdentityHashMap<>();

    TwitchReader(ReadContext ctx) {
        this.ctx = ctx;
    }

    /** @return the twitches read so far, in bundle order */
    List<TwitchDraft> twitches() {
        return twitches;
    }

    /** @return the twitch read from a resource, or {@code null} */
    TwitchDraft of(Resource resource) {
        return byResource.get(resource);
    }

    /** Reads a twitch Condition: body sites, extensions, onset. */
    void read(Located l, Condition c) {
        TwitchDraft t = start(l);
        readSites(t, c.getBodySite(), ".bodySite[", "]");
        readExtensions(t, c);
        if (c.hasOnsetDateTimeType()) {
            t.durationDays = ctx.dates().daysSince(l, c.getOnsetDateTimeType(), ".onsetDateTime");
        } else if (c.hasOnsetPeriod() && c.getOnsetPeriod().hasStartElement()) {
            t.durationDays = ctx.dates().daysSince(l, c.getOnsetPeriod().getStartElement(), ".onsetPeriod.start");
        } else if (c.hasOnset()) {
            ctx.issues().warning(IssueType.NOTSUPPORTED, l.at(".onset"), "only onsetDateTime and onsetPeriod.start "
                    + "are read; the duration is left unstated");
        }
    }

    /** Reads a twitch Observation: its one body site and the extensions. */
    void read(Located l, Observation o) {
        TwitchDraft t = start(l);
        readSites(t, o.hasBodySite() ? List.of(o.getBodySite()) : List.of(), ".bodySite", "");
        readExtensions(t, o);
    }

    private TwitchDraft start(Located l) {
        String id = l.resource().getIdElement().getIdPart();
        if (id == null || id.isBlank()) {
            id = "entry-" + l.index();
            ctx.issues().warning(IssueType.REQUIRED, l.at(".id"), "the twitch has no id; it is called " + id
                    + " in the decision (give the resource an id to name it)");
        }
        TwitchDraft t = new TwitchDraft(l, id);
        twitches.add(t);
        byResource.put(l.resource(), t);
        return t;
    }

    private void readSites(TwitchDraft t, List<CodeableConcept> sites, String prefix, String suffix) {
        Located l = t.source;
        String element = prefix.replace("[", "");
        t.site = BodySite.UNKNOWN;
        if (sites.isEmpty()) {
            ctx.issues().notRead(NotRead.Part.BODY_SITE, IssueType.REQUIRED, l.at(element), "the twitch has no body "
                    + "site; decided with the body site unknown");
            return;
        }
        Set<BodySite> found = new LinkedHashSet<>();
        for (int j = 0; j < sites.size(); j++) {
            String path = sites.size() == 1 && suffix.isEmpty() ? prefix : prefix + j + suffix;
            ctx.codes().require(l, sites.get(j), path, ConceptTarget.BODY_SITE, "the body site",
                    NotRead.Part.BODY_SITE).ifPresent(e -> found.add(e.valueAs(BodySite.class)));
        }
        if (found.size() > 1) {
            ctx.issues().notRead(NotRead.Part.BODY_SITE, IssueType.BUSINESSRULE, l.at(element), "the twitch names "
                    + "more than one body site (" + found + "); decided with the body site unknown (record one "
                    + "twitch per body site)");
        } else if (found.size() == 1) {
            t.site = found.iterator().next();
        }
    }

    private void readExtensions(TwitchDraft t, DomainResource r) {
        Located l = t.source;
        t.course = Course.UNKNOWN;
        Extension course = single(l, r, TriageFhir.EXT_COURSE, NotRead.Part.COURSE);
        if (course == null && !r.hasExtension(TriageFhir.EXT_COURSE)) {
            ctx.issues().notRead(NotRead.Part.COURSE, IssueType.REQUIRED, l.at(extensionPath(TriageFhir.EXT_COURSE)),
                    "the twitch's course is not recorded; decided with the course unknown (never read as improving)");
        } else if (course != null) {
            concept(l, course, ConceptTarget.COURSE, "the course", NotRead.Part.COURSE)
                    .ifPresent(e -> t.course = e.valueAs(Course.class));
        }
        Extension visibility = single(l, r, TriageFhir.EXT_VISIBILITY, NotRead.Part.TWITCH_DETAIL);
        if (visibility != null) {
            concept(l, visibility, ConceptTarget.VISIBILITY, "the visibility", NotRead.Part.TWITCH_DETAIL)
                    .ifPresent(e -> t.visibility = e.valueAs(Visibility.class));
        }
        Extension selfCare = single(l, r, TriageFhir.EXT_SELF_CARE, NotRead.Part.TWITCH_DETAIL);
        if (selfCare != null) {
            concept(l, selfCare, ConceptTarget.SELF_CARE, "the self-care result", NotRead.Part.TWITCH_DETAIL)
                    .ifPresent(e -> t.selfCare = e.valueAs(SelfCare.class));
        }
        Extension beforeSleep = single(l, r, TriageFhir.EXT_BEFORE_SLEEP, NotRead.Part.TWITCH_DETAIL);
        if (beforeSleep != null) {
            if (beforeSleep.getValue() instanceof BooleanType b && b.hasValue()) {
                t.beforeSleep = b.booleanValue();
            } else {
                ctx.issues().notRead(NotRead.Part.TWITCH_DETAIL, IssueType.VALUE,
                        l.at(extensionPath(TriageFhir.EXT_BEFORE_SLEEP) + ".value"), "must be a valueBoolean; read "
                                + "as not before sleep");
            }
        }
    }

    /** @return the extension when given once; when given more than once, none (reported as not read) */
    private Extension single(Located l, DomainResource r, String url, NotRead.Part part) {
        List<Extension> found = r.getExtensionsByUrl(url);
        if (found.size() > 1) {
            ctx.issues().notRead(part, IssueType.BUSINESSRULE, l.at(extensionPath(url)), "the extension appears "
                    + found.size() + " times, so none of them is read; give it once");
            return null;
        }
        return found.isEmpty() ? null : found.get(0);
    }

    private Optional<ConceptMapEntry> concept(Located l, Extension ext, ConceptTarget target, String what,
                                              NotRead.Part part) {
        String path = extensionPath(ext.getUrl()) + ".value";
        if (!(ext.getValue() instanceof CodeableConcept cc)) {
            ctx.issues().notRead(part, IssueType.VALUE, l.at(path), what + " must be a valueCodeableConcept");
            return Optional.empty();
        }
        return ctx.codes().require(l, cc, path, target, what, part);
    }
}
