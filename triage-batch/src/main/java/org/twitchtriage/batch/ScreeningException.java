package org.twitchtriage.batch;

/**
 * A screening cannot start or resume as asked: the output folder holds another run, the input or the rules changed
 * since the checkpoint, a file cannot be written. The message says what to do; it never quotes input data.
 */
public final class ScreeningException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** @param message what is wrong and what to do */
    public ScreeningException(String message) {
        super(message);
    }

    /**
     * @param message what is wrong
     * @param cause   the underlying failure
     */
    public ScreeningException(String message, Throwable cause) {
        super(message, cause);
    }
}
