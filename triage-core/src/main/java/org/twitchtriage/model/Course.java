package org.twitchtriage.model;

/** How a twitch has developed so far. */
public enum Course {
    /** Recently started; no trend yet. */
    NEW,
    /** Goes on unchanged. */
    PERSISTING,
    /** Becomes more frequent or stronger. */
    INCREASING,
    /** Becoming less frequent or weaker. */
    IMPROVING
}
