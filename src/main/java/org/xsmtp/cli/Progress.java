package org.xsmtp.cli;

import java.io.PrintStream;
import java.util.Locale;

/**
 * Progress of a batch on standard error: messages done (of the total when known), failures and the rate.
 * On a terminal the line is redrawn in place; with {@code --progress} elsewhere one line is printed per step.
 */
final class Progress {
    private final PrintStream err;
    private final boolean enabled;
    private final boolean redraw;
    private final int total;
    private final long start = System.nanoTime();
    private boolean drawn;

    /**
     * @param err where to print
     * @param enabled whether to print at all
     * @param redraw whether to redraw one line ({@code \r}) instead of printing a line per step
     * @param total how many messages there are, or -1 when not known
     */
    Progress(PrintStream err, boolean enabled, boolean redraw, int total) {
        this.err = err;
        this.enabled = enabled;
        this.redraw = redraw;
        this.total = total;
    }

    /**
     * @param done messages attempted so far
     * @param failed messages that failed so far
     */
    void update(int done, int failed) {
        if (!enabled) {
            return;
        }
        double seconds = Math.max((System.nanoTime() - start) / 1e9, 1e-3);
        String line = String.format(Locale.ROOT, "xsmtp: %d%s messages, %d failed, %.1f msg/s", done,
                total >= 0 ? "/" + total : "", failed, done / seconds);
        if (redraw) {
            err.print("\r" + line);
            drawn = true;
        } else {
            err.println(line);
        }
        err.flush();
    }

    /** Ends a redrawn line. */
    void finish() {
        if (drawn) {
            err.println();
            drawn = false;
        }
    }
}
