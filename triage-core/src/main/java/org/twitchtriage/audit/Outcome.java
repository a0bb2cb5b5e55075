package org.twitchtriage.audit;

/** How an audited evaluation ended. */
public enum Outcome {
    /** A decision was made and returned. */
    DECIDED,
    /** The input was invalid; nothing was evaluated. */
    REJECTED,
    /** The engine failed (for example a looping rule); no decision was returned. */
    FAILED
}
