package org.civicledger.ops.rebuild;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;
import org.civicledger.ops.rebuild.ProjectionRebuild.Progress;

/**
 * Shows a rebuild's progress on a stream (the command line's stderr): position of the slowest read model against
 * the head, events per second and the time left. On a terminal one bar redrawn in place; otherwise (a log, a
 * pipe) a plain line every {@code plainEvery}, each processor's position in it, so logs stay readable.
 */
public final class RebuildProgressBar implements Consumer<Progress> {

    private static final int WIDTH = 30;

    private final PrintStream out;
    private final boolean terminal;
    private final Duration plainEvery;
    private Duration lastPlain;
    private boolean drawn;

    public RebuildProgressBar(PrintStream out, boolean terminal, Duration plainEvery) {
        this.out = out;
        this.terminal = terminal;
        this.plainEvery = plainEvery;
    }

    @Override
    public void accept(Progress progress) {
        long head = progress.head();
        long position = Math.max(0, progress.slowest());
        double seconds = progress.elapsed().toNanos() / 1e9;
        double rate = seconds <= 0 ? 0 : position / seconds;
        double fraction = head <= 0 ? 1 : Math.min(1, (double) position / head);
        String eta = rate <= 0 ? "--:--" : clock((long) Math.ceil((head - Math.min(position, head)) / rate));
        String figures = String.format("%,d/%,d events %5.1f%%  %,.0f events/s  ETA %s  elapsed %s", position, head,
                fraction * 100, rate, eta, clock((long) seconds));
        if (terminal) {
            int filled = (int) Math.round(fraction * WIDTH);
            out.print("\r[" + "#".repeat(filled) + "-".repeat(WIDTH - filled) + "] " + figures + "   ");
            out.flush();
            drawn = true;
        } else if (lastPlain == null || progress.elapsed().minus(lastPlain).compareTo(plainEvery) >= 0 || fraction >= 1) {
            lastPlain = progress.elapsed();
            StringBuilder line = new StringBuilder("rebuild: ").append(figures).append(" |");
            for (Map.Entry<String, Long> processor : progress.positions().entrySet()) {
                line.append(' ').append(processor.getKey()).append('=').append(Math.max(0, processor.getValue()));
            }
            out.println(line);
        }
    }

    /** Ends the bar's line on a terminal. */
    public void finish() {
        if (terminal && drawn) {
            out.println();
        }
    }

    static String clock(long seconds) {
        return seconds >= 3600 ? String.format("%d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60)
                : String.format("%d:%02d", seconds / 60, seconds % 60);
    }
}
