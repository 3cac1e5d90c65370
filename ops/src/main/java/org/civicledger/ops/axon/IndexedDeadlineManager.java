package org.civicledger.ops.axon;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.axonframework.common.Registration;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.DeadlineMessage;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.ScopeDescriptor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The ledger's deadline manager: Axon's {@code DbSchedulerDeadlineManager} (persistent deadlines in
 * {@code scheduled_tasks}), with its deadlines indexed by name and scope in {@code deadline_schedule} so that
 * "cancel this aggregate's deadlines of this name" cancels them by id.
 *
 * <p>Why: Axon's db-scheduler manager answers {@code cancelAllWithinScope} by fetching every scheduled execution of
 * the deadline task and deserializing each (Java serialization) to find the scope's own, inside the command's
 * transaction. Every open bill, case and pending payment has a deadline, so each payment, each paid bill and each
 * case step paid for all of them: measured at ~30 payments/s whatever the clients and the database, with thread
 * dumps in {@code ObjectInputStream} under {@code fetchScheduledExecutionsForTask} (docs/benchmarks.md).
 *
 * <p>The index row is written in the transaction that schedules the deadline, so a rolled-back command leaves
 * none. A deadline that fires leaves its row; rows of deadlines that are neither pending nor recent are purged in the
 * background. A deadline scheduled before this index existed is not found by a cancel and fires in its time: every
 * deadline handler of the ledger ignores a deadline that no longer applies (the bill was paid, the case moved on).
 */
public final class IndexedDeadlineManager implements DeadlineManager, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(IndexedDeadlineManager.class);
    /** Rows of deadlines due longer ago than this, with no pending task left, are purged. */
    static final Duration PURGE_AFTER = Duration.ofDays(1);

    private final DeadlineManager delegate;
    private final JdbcTemplate jdbc;
    private final ScheduledExecutorService purger;

    public IndexedDeadlineManager(DeadlineManager delegate, JdbcTemplate jdbc, Duration purgeEvery) {
        this.delegate = delegate;
        this.jdbc = jdbc;
        this.purger = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "deadline-index-purge");
            thread.setDaemon(true);
            return thread;
        });
        if (!purgeEvery.isZero()) {
            purger.scheduleWithFixedDelay(this::purgeQuietly, purgeEvery.toMillis(), purgeEvery.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** The key a scope is indexed under: its own description (an aggregate's names its type and identifier). */
    static String scopeKey(ScopeDescriptor scope) {
        return scope.scopeDescription();
    }

    @Override
    public String schedule(Instant triggerDateTime, String deadlineName, Object messageOrPayload, ScopeDescriptor deadlineScope) {
        String scheduleId = delegate.schedule(triggerDateTime, deadlineName, messageOrPayload, deadlineScope);
        jdbc.update("INSERT INTO deadline_schedule (schedule_id, deadline_name, scope_key, trigger_at) VALUES (?, ?, ?, ?)",
                scheduleId, deadlineName, scopeKey(deadlineScope), Timestamp.from(triggerDateTime));
        return scheduleId;
    }

    @Override
    public void cancelSchedule(String deadlineName, String scheduleId) {
        delegate.cancelSchedule(deadlineName, scheduleId);
        jdbc.update("DELETE FROM deadline_schedule WHERE schedule_id = ?", scheduleId);
    }

    @Override
    public void cancelAll(String deadlineName) {
        delegate.cancelAll(deadlineName);
        jdbc.update("DELETE FROM deadline_schedule WHERE deadline_name = ?", deadlineName);
    }

    @Override
    public void cancelAllWithinScope(String deadlineName, ScopeDescriptor scope) {
        String key = scopeKey(scope);
        List<String> ids = jdbc.queryForList("SELECT schedule_id FROM deadline_schedule WHERE deadline_name = ? AND scope_key = ?",
                String.class, deadlineName, key);
        for (String id : ids) {
            // A deadline that fired already is not found by db-scheduler: Axon logs that at debug level and goes on.
            delegate.cancelSchedule(deadlineName, id);
        }
        jdbc.update("DELETE FROM deadline_schedule WHERE deadline_name = ? AND scope_key = ?", deadlineName, key);
    }

    @Override
    public Registration registerDispatchInterceptor(MessageDispatchInterceptor<? super DeadlineMessage<?>> interceptor) {
        return delegate.registerDispatchInterceptor(interceptor);
    }

    @Override
    public Registration registerHandlerInterceptor(MessageHandlerInterceptor<? super DeadlineMessage<?>> interceptor) {
        return delegate.registerHandlerInterceptor(interceptor);
    }

    @Override
    public void shutdown() {
        purger.shutdownNow();
        delegate.shutdown();
    }

    @Override
    public void close() {
        purger.shutdownNow();
    }

    /** Deletes the rows of deadlines due over a day ago whose task is gone (fired or cancelled elsewhere); answers how many. */
    int purge() {
        return jdbc.update("DELETE FROM deadline_schedule WHERE trigger_at < ? AND NOT EXISTS "
                + "(SELECT 1 FROM scheduled_tasks t WHERE t.task_instance = deadline_schedule.schedule_id)",
                Timestamp.from(Instant.now().minus(PURGE_AFTER)));
    }

    private void purgeQuietly() {
        try {
            int purged = purge();
            if (purged > 0) {
                log.debug("purged {} index rows of past deadlines", purged);
            }
        } catch (RuntimeException e) {
            log.warn("purging the deadline index failed (it is retried later): {}", e.toString());
        }
    }
}
