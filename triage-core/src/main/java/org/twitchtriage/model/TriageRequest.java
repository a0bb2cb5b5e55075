package org.twitchtriage.model;

import java.util.List;
import lombok.Builder;
import lombok.Singular;
import lombok.Value;

/** Everything one evaluation needs: the patient and one or more twitches. Immutable. */
@Value
@Builder(toBuilder = true)
public class TriageRequest {
    Patient patient;
    @Singular
    List<Twitch> twitches;
}
