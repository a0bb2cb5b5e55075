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
    IMPROVING,
    /**
     * The record does not say, or says it in a way that could not be read (for example an EHR that does not fill the
     * course). Read conservatively: never as improving, never as passing, so no reassurance follows; the decision
     * says that the course was unknown.
     */
    UNKNOWN
}
