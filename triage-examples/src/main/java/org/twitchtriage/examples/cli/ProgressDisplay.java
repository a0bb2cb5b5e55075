package org.twitchtriage.examples.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Shows how far a long command is: on a terminal a bar redrawn in place with rate and time left, otherwise (a file, a
 * pipe, CI) a plain line every {@value #LINE_SECONDS} seconds. Written to standard error, so standard output keeps
 * only the result. Numbers only: never a record's content. Called from one thread; not thread-safe.
 */
final class ProgressDisplay {
    static final int LINE_SECONDS = 10;
    private static final long REDRAW_NANOS = 250_000_000L;
    private static final int WIDTH = 30;

    private final PrintWriter err;
    private final boolean terminal;
    private final LongSupplier clock;
    private final String what;
    private long start;
    private long startDone = -1;
    private long last;
    private boolean drawn;

    /**
     * @param err      where to draw
     * @param terminal whether it is a terminal (bar) or not (lines)
     * @param clock    nanosecond clock
     * @param what     the unit counted, such as {@code records}
     */
    ProgressDisplay(PrintWriter err, boolean terminal, LongSupplier clock, String what) {
        this.err = err;
        this.terminal = terminal;
        this.clock = clock;
        this.what = what;
        this.start = clock.getAsLong();
        this.last = start;
    }

    /** Updates the display; draws only when enough time has passed. */
    void update(long done, long errors, long total) {
        long now = clock.getAsLong();
        if (startDone < 0) {
            // the rate counts from the first record of this run: not the sort before it, nor a resumed run's records
            startDone = done - 1;
            start = now;
            last = now;
            return;
        }
        if (now - last < (terminal ? REDRAW_NANOS : LINE_SECONDS * 1_000_000_000L)) {
            return;
        }
        last = now;
        draw(done, errors, total, now);
    }

    /** Draws the final state and ends the line. */
    void finish(long done, long errors, long total) {
        if (startDone < 0) {
            startDone = 0;
        }
        draw(done, errors, total, clock.getAsLong());
        if (terminal && drawn) {
            err.println();
        }
        err.flush();
    }

    private void draw(long done, long errors, long total, long now) {
        double seconds = Math.max(1e-9, (now - start) / 1e9);
        double rate = (done - startDone) / seconds;
        String eta = total > 0 && rate > 0 ? duration((total - done) / rate) : "?";
        String counts = String.format(Locale.ROOT, "%,d%s %s  %,.0f/s  ETA %s  %,d with errors", done,
                total > 0 ? String.format(Locale.ROOT, "/%,d", total) : "", what, rate, eta, errors);
        if (terminal) {
            double share = total > 0 ? Math.min(1, (double) done / total) : 0;
            int filled = (int) Math.round(share * WIDTH);
            err.print(String.format(Locale.ROOT, "\r%5.1f%% [%s%s] %s   ", share * 100, "#".repeat(filled),
                    "-".repeat(WIDTH - filled), counts));
            drawn = true;
        } else {
            err.println("progress: " + counts);
        }
        err.flush();
    }

    static String duration(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600 ? String.format(Locale.ROOT, "%dh%02dm", s / 3600, s % 3600 / 60)
                : String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
    }
}
