package org.civicledger.command.notices;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Runs the {@link NoticeDispatcher} on one thread of its own, every {@code ledger.notices.dispatch.interval}
 * after the previous run ends. Its own executor rather than {@code @Scheduled}, so the assembly need
 * not enable Spring's scheduling for it and slow sends never delay other scheduled work.
 */
public class NoticeDispatchSchedule implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(NoticeDispatchSchedule.class);

    private final NoticeDispatcher dispatcher;
    private final Duration interval;
    private ScheduledExecutorService executor;

    public NoticeDispatchSchedule(NoticeDispatcher dispatcher, Duration interval) {
        if (interval == null || interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("ledger.notices.dispatch.interval must be positive");
        }
        this.dispatcher = dispatcher;
        this.interval = interval;
    }

    @Override
    public synchronized void start() {
        if (executor != null) {
            return;
        }
        executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "notice-dispatcher");
            thread.setDaemon(true);
            return thread;
        });
        executor.scheduleWithFixedDelay(this::runOnce, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
        log.info("Notice dispatcher runs every {}; channels with a sender: {}", interval, dispatcher.channels());
    }

    private void runOnce() {
        // An exception escaping a scheduled task would cancel every later run: none may escape.
        try {
            dispatcher.dispatchDue();
        } catch (RuntimeException e) {
            log.warn("Notice dispatch run failed: {}", e.toString());
        }
    }

    @Override
    public synchronized void stop() {
        if (executor == null) {
            return;
        }
        executor.shutdown();
        try {
            if (!executor.awaitTermination(interval.toMillis() + 30_000, TimeUnit.MILLISECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
        executor = null;
    }

    @Override
    public synchronized boolean isRunning() {
        return executor != null;
    }
}
