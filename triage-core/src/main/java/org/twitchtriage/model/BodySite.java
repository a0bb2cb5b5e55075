package org.twitchtriage.model;

/** Where a twitch is felt: every body site the guideline has a section or sentence for. */
public enum BodySite {
    UPPER_ARM("upper arm"),
    CALF("calf"),
    EYE("eye"),
    EYELID("eyelid"),
    FACE("face"),
    LIP("lip"),
    LEG("leg"),
    KNEE("knee"),
    /** The hand, typically a small movement of the thumb. */
    HAND("hand or thumb"),
    /** The trunk, including the abdomen. */
    ABDOMEN("abdomen or trunk"),
    /** Many muscle groups at once, all over the body. */
    WHOLE_BODY("all over the body"),
    /**
     * The record does not say where the twitch is, or says it in a way that could not be read. No rule of a body site
     * applies; the warning signs that hold at every site still do, and no reassurance follows.
     */
    UNKNOWN("unknown body site");

    private final String display;

    BodySite(String display) {
        this.display = display;
    }

    /** @return a short human-readable label */
    public String display() {
        return display;
    }
}
