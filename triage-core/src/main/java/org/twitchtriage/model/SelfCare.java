package org.twitchtriage.model;

/** Whether self-care (more magnesium, resting the limb, waiting) has been tried, and with what result. */
public enum SelfCare {
    NOT_TRIED,
    /** Tried, and the twitching got better. */
    HELPED,
    /** Tried, and the twitching did not get better. */
    NO_IMPROVEMENT
}
