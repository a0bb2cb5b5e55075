package org.twitchtriage.model;

/** How pronounced a twitch is. */
public enum Visibility {
    /** Felt, or seen only as a small movement under the skin (fasciculation). */
    UNDER_SKIN,
    /** Strong enough that the limb or the eye actually moves. */
    LIMB_OR_EYE_MOVES
}
