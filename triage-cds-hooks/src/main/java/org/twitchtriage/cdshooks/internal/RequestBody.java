package org.twitchtriage.cdshooks.internal;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads a request body within the configured limit ({@code maxBodyBytes}), and reads and discards the body of a call
 * the service refuses before reading it (bad token, unknown path, wrong method, body too large, ...).
 *
 * <p>Why discard: Jetty does not wait for a body the application left unread; it answers and closes the connection
 * at once, and a body still in the client's send buffer or on the wire then resets the TCP connection, so the client
 * often never sees the refusal (issue 13: bodies of 16-47 KB on loopback). Reading the body to its end first keeps
 * the answer deliverable and the connection reusable. The discarding is bounded ({@link #discardBudget}: twice the
 * limit), so a client cannot make the service read without end; beyond that the service closes the connection.
 * Jetty's own refusals (while it reads the headers) read on after the answer instead ({@link JettyErrorBody}).
 * Stateless; thread-safe.
 */
public final class RequestBody {
    private RequestBody() {
    }

    /** @return the most bytes read and discarded for a refused call: twice the body limit */
    public static long discardBudget(long maxBodyBytes) {
        return 2 * maxBodyBytes;
    }

    /**
     * @param request the request
     * @param limit   the most bytes accepted ({@code maxBodyBytes})
     * @return the body, at most {@code limit + 1} bytes (one more than the limit means: too large)
     * @throws IOException when the connection ends while reading
     */
    public static byte[] read(HttpServletRequest request, long limit) throws IOException {
        // not closed here: the container owns the stream, and a refusal may still discard the rest
        return request.getInputStream().readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
    }

    /**
     * Reads and discards what is left of the body, at most {@code budget} bytes; nothing when the declared length
     * already exceeds the budget.
     *
     * @return true when the body was read to its end (the connection can stay open), false when it was not (the
     *         answer must close the connection)
     */
    public static boolean discard(HttpServletRequest request, long budget) {
        long declared = request.getContentLengthLong();
        if (declared > budget) {
            return false;
        }
        try {
            InputStream in = request.getInputStream();
            byte[] buffer = new byte[8192];
            long left = budget;
            while (left > 0) {
                int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
                if (n < 0) {
                    return true;
                }
                left -= n;
            }
            return in.read() < 0;
        } catch (IOException | IllegalStateException e) {
            // the client went away, or the body was taken as a reader: nothing more can be read
            return false;
        }
    }
}
