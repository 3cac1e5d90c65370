package org.civicledger.ops.verify;

import java.io.PrintStream;

/**
 * A progress report on stderr: on a terminal a bar redrawn in place (position/total, events/s, ETA) a few times a
 * second; otherwise (a log, a pipe, a test) a plain line every few seconds. Never on stdout, which holds the result.
 */
public final class Progress {

    private static final long TERMINAL_EVERY_NANOS = 200_000_000L;
    private static final long PLAIN_EVERY_NANOS = 5_000_000_000L;
    private static final int BAR_WIDTH = 30;

    private final PrintStream err;
    private final boolean terminal;
    private final String label;
    private final long total;
    private final long start = System.nanoTime();
    private long done;
    private long lastPrinted = start;

    public Progress(PrintStream err, boolean terminal, String label, long total) {
        this.err = err;
        this.terminal = terminal;
        this.label = label;
        this.total = total;
    }

    /** No output at all (benchmarks, programmatic use). */
    public static Progress silent() {
        return new Progress(null, false, "", 0);
    }

    public void advance(long events) {
        done += events;
        if (err == null) {
            return;
        }
        long now = System.nanoTime();
        if (now - lastPrinted >= (terminal ? TERMINAL_EVERY_NANOS : PLAIN_EVERY_NANOS)) {
            lastPrinted = now;
            print(now, false);
        }
    }

    public void finish() {
        if (err != null && (terminal || System.nanoTime() - start >= PLAIN_EVERY_NANOS)) {
            print(System.nanoTime(), true);
        }
    }

    private void print(long now, boolean last) {
        double seconds = Math.max(1e-9, (now - start) / 1e9);
        double rate = done / seconds;
        String eta = total > done && rate > 0 ? duration((long) ((total - done) / rate)) : "0:00";
        String figures = String.format("%,d/%,d events  %,.0f events/s  ETA %s", done, total, rate, eta);
        if (terminal) {
            int filled = total <= 0 ? BAR_WIDTH : (int) Math.min(BAR_WIDTH, done * BAR_WIDTH / total);
            err.print("\r" + label + " [" + "#".repeat(filled) + " ".repeat(BAR_WIDTH - filled) + "] " + figures + "  ");
            if (last) {
                err.println();
            }
        } else {
            err.println(label + ": " + figures);
        }
        err.flush();
    }

    static String duration(long seconds) {
        return seconds >= 3600 ? String.format("%d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60)
                : String.format("%d:%02d", seconds / 60, seconds % 60);
    }
}
