package org.twitchtriage.model;

/** Symptoms and signs that can accompany a twitch. */
public enum Symptom {
    PAIN("pain"),
    NUMBNESS("numbness"),
    /** Paralysis or muscle weakness. */
    PARALYSIS("paralysis or weakness"),
    /** Sensory disturbance, abnormal sensitivity. */
    SENSORY_DISTURBANCE("sensory disturbance"),
    BACK_PAIN("back pain"),
    /** Unpleasant tingling sensations. */
    TINGLING("tingling"),
    /** A pronounced urge to move the legs. */
    URGE_TO_MOVE_LEGS("urge to move the legs"),
    VOCAL_TICS("vocal tics"),
    IMPAIRED_VISION("impaired vision"),
    /** Redness, discharge or other signs of an eye infection. */
    EYE_INFECTION_SIGNS("signs of eye infection");

    private final String display;

    Symptom(String display) {
        this.display = display;
    }

    /** @return a short human-readable label */
    public String display() {
        return display;
    }
}
