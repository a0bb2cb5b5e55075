package org.twitchtriage.fhir.internal;

import java.util.EnumSet;
import java.util.Set;
import org.twitchtriage.model.BodySite;
import org.twitchtriage.model.Course;
import org.twitchtriage.model.SelfCare;
import org.twitchtriage.model.Symptom;
import org.twitchtriage.model.Twitch;
import org.twitchtriage.model.Visibility;

/** A twitch being read from its resource; filled in by the readers, then built. Not thread-safe. */
final class TwitchDraft {
    final Located source;
    final String id;
    BodySite site;
    Course course;
    Visibility visibility;
    SelfCare selfCare = SelfCare.NOT_TRIED;
    boolean beforeSleep;
    Integer durationDays;
    final Set<Symptom> symptoms = EnumSet.noneOf(Symptom.class);

    TwitchDraft(Located source, String id) {
        this.source = source;
        this.id = id;
    }

    /** @return the twitch; only called when no error was reported */
    Twitch build() {
        return Twitch.builder().id(id).site(site).course(course).visibility(visibility).selfCare(selfCare)
                .beforeSleep(beforeSleep).durationDays(durationDays).symptoms(symptoms).build();
    }
}
