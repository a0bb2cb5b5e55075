package org.twitchtriage.model;

/** Life circumstances that the guideline names as common, harmless triggers of twitching. */
public enum Circumstance {
    /** Intensive strength or weight training, especially of the twitching limb. */
    INTENSIVE_STRENGTH_TRAINING("intensive strength training"),
    /** Sport or physical exercise in the last days. */
    RECENT_EXERCISE("recent sport or exercise"),
    /** Stress, psychological or emotional strain. */
    STRESS("stress or psychological strain"),
    /** Tiredness, fatigue, lack of sleep. */
    TIREDNESS("tiredness"),
    /** Poor posture with muscle tension. */
    POOR_POSTURE("poor posture");

    private final String display;

    Circumstance(String display) {
        this.display = display;
    }

    /** @return a short human-readable label */
    public String display() {
        return display;
    }
}
