package org.civicledger.ops;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.function.Supplier;

/**
 * The ledger's {@link Clock} bean: business time (submission, acceptance and decision dates, deadlines).
 *
 * <p>It is the system clock, except on a thread inside {@link #at(Instant, Supplier)}: there it runs behind
 * the system clock so that "now" is the given business time (and moves on at the real pace). Only the demo
 * loader uses that, to lay the demo city's history out over past months; each loader thread sends one
 * case's commands inside its own window, so concurrent threads never see each other's time. Production code
 * never calls {@code at}, so there it is the system clock.
 *
 * <p>This moves business time only. The recorded time of an event (its timestamp in the event store) comes
 * from Axon's own clock and stays the real time.
 */
public final class LedgerClock extends Clock {

    private final Clock system;
    private final ThreadLocal<Duration> behind;

    public LedgerClock(ZoneId zone) {
        this(Clock.system(zone), new ThreadLocal<>());
    }

    private LedgerClock(Clock system, ThreadLocal<Duration> behind) {
        this.system = system;
        this.behind = behind;
    }

    /** Runs {@code action} on this thread with business time set to {@code businessTime} (never later than now). */
    public <T> T at(Instant businessTime, Supplier<T> action) {
        Duration previous = behind.get();
        Duration offset = Duration.between(businessTime, system.instant());
        behind.set(offset.isNegative() ? Duration.ZERO : offset);
        try {
            return action.get();
        } finally {
            if (previous == null) {
                behind.remove();
            } else {
                behind.set(previous);
            }
        }
    }

    @Override
    public Instant instant() {
        Duration offset = behind.get();
        Instant now = system.instant();
        return offset == null ? now : now.minus(offset);
    }

    @Override
    public ZoneId getZone() {
        return system.getZone();
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return zone.equals(getZone()) ? this : new LedgerClock(system.withZone(zone), behind);
    }
}
