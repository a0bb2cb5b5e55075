package org.twitchtriage.cdshooks.internal;

import java.io.IOException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * Reads and discards what a client still sends after its answer was written, at most a number of bytes and for at
 * most a time, then runs a completion (which lets Jetty close or reuse the connection). This is the "lingering close"
 * of RFC 9112 section 9.6: a server that closes a connection while the client is still sending would reset it (TCP),
 * and a client that reads its answer only once it has sent the whole request (the JDK 17 {@code HttpClient} does)
 * then loses the answer. Reading on, within bounds, lets the client finish sending and read the answer; beyond the
 * bounds the connection is closed as before. Used after Jetty's own refusals ({@link JettyErrorBody}).
 *
 * <p>Asynchronous: waiting for more bytes holds no thread (the subclass registers interest and {@link #run()} is
 * called again). The time bound starts at the first wait, so a request whose body was already read costs one read
 * and no timer. Thread-safe: {@link #finish()} runs the completion once, whichever of the reader and the timer gets
 * there first.
 */
abstract class BoundedDrain implements Runnable {
    /** {@link #discardSome()}: nothing more will come (end of the body, end of the stream, or a failure). */
    static final long END = -1;
    /** {@link #discardSome()}: nothing now; interest is registered and {@link #run()} will be called again. */
    static final long WAITING = -2;

    private final AtomicBoolean done = new AtomicBoolean();
    private final Runnable completion;
    private final Scheduler scheduler;
    private final long millis;
    private long left;
    private volatile Scheduler.Task timer;

    /**
     * @param budget     the most bytes to read and discard
     * @param millis     the longest time to wait for them, from the first wait
     * @param scheduler  where the time bound is kept
     * @param completion run once when done (end, budget, time or failure)
     */
    BoundedDrain(long budget, long millis, Scheduler scheduler, Runnable completion) {
        this.left = budget;
        this.millis = millis;
        this.scheduler = scheduler;
        this.completion = completion;
    }

    /**
     * Discards what is available.
     *
     * @return the bytes discarded (0 or more; {@link #run()} then reads again), {@link #END}, or {@link #WAITING}
     * @throws IOException when the connection failed (treated as the end)
     */
    abstract long discardSome() throws IOException;

    @Override
    public final void run() {
        try {
            while (!done.get()) {
                long n = discardSome();
                if (n == END) {
                    finish();
                    return;
                }
                if (n == WAITING) {
                    if (timer == null) {
                        timer = scheduler.schedule(this::finish, millis, TimeUnit.MILLISECONDS);
                    }
                    return;
                }
                left -= n;
                if (left < 0) {
                    finish();
                    return;
                }
            }
        } catch (IOException | RuntimeException e) {
            // the client went away or the stream failed: nothing more to wait for
            finish();
        }
    }

    /** Runs the completion, once. */
    final void finish() {
        if (done.compareAndSet(false, true)) {
            Scheduler.Task t = timer;
            if (t != null) {
                t.cancel();
            }
            completion.run();
        }
    }
}
