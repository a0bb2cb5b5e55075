package org.twitchtriage.engine;

/** An internal failure of the engine or the knowledge base (not a problem with the caller's input). */
public class TriageEngineException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public TriageEngineException(String message) {
        super(message);
    }

    public TriageEngineException(String message, Throwable cause) {
        super(message, cause);
    }
}
