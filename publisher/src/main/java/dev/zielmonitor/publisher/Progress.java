package dev.zielmonitor.publisher;

import java.io.PrintWriter;

/**
 * A progress bar on the error stream: redrawn in place on a terminal, a line at each quarter otherwise (logs,
 * CI), nothing when quiet or for a few rows. Without a known total (rows read so far) it counts, on a terminal
 * only.
 */
final class Progress {

    private static final int WIDTH = 30;

    private final String label;
    private final long total;
    private final PrintWriter err;
    private final boolean terminal;
    private final boolean enabled;
    private long shownAt;
    private int quarterShown;

    Progress(String label, long total, PrintWriter err, boolean terminal, boolean quiet) {
        this.label = label;
        this.total = total;
        this.err = err;
        this.terminal = terminal;
        this.enabled = !quiet && (terminal || total >= 1000);
    }

    /** Counts without a total; call {@link #done} at the end. */
    static Progress counting(String label, PrintWriter err, boolean terminal, boolean quiet) {
        return new Progress(label, -1, err, terminal, quiet || !terminal);
    }

    synchronized void update(long done) {
        if (!enabled) {
            return;
        }
        if (total < 0) {
            long now = System.nanoTime();
            if (now - shownAt >= 100_000_000L) {
                shownAt = now;
                err.print(String.format(Report.GERMAN, "\r%s: %,d", label, done));
                err.flush();
            }
        } else if (terminal) {
            long now = System.nanoTime();
            if (done < total && now - shownAt < 100_000_000L) {
                return;
            }
            shownAt = now;
            err.print("\r" + line(done));
            if (done >= total) {
                err.println();
            }
            err.flush();
        } else {
            int quarter = total == 0 ? 4 : (int) (done * 4 / total);
            if (quarter > quarterShown) {
                quarterShown = quarter;
                err.println(line(done));
                err.flush();
            }
        }
    }

    /** Ends a counting line so that the report starts on a line of its own. */
    synchronized void done(long done) {
        if (enabled && total < 0 && shownAt != 0) {
            err.println(String.format(Report.GERMAN, "\r%s: %,d", label, done));
            err.flush();
        }
    }

    String line(long done) {
        int filled = total == 0 ? WIDTH : (int) (done * WIDTH / total);
        long percent = total == 0 ? 100 : done * 100 / total;
        return String.format(Report.GERMAN, "%s [%s%s] %3d %% %,d/%,d", label, "#".repeat(filled),
                "-".repeat(WIDTH - filled), percent, done, total);
    }
}
