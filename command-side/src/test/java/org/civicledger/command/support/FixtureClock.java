package org.civicledger.command.support;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.function.Supplier;

/**
 * A clock that reads the test fixture's current time, in the city's time zone.
 *
 * <p>A plain {@code Clock.fixed(...)} would stand still while the fixture advances time to fire a
 * deadline, so a deadline handler would record the wrong day. Reading the fixture's time keeps the
 * aggregate's clock and the deadline manager's clock one and the same, and still deterministic:
 * the time is whatever the test set with {@code givenCurrentTime} or advanced to.
 */
public final class FixtureClock extends Clock {

    private final Supplier<Instant> now;
    private final ZoneId zone;

    public FixtureClock(Supplier<Instant> now, ZoneId zone) {
        this.now = now;
        this.zone = zone;
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    @Override
    public Clock withZone(ZoneId otherZone) {
        return new FixtureClock(now, otherZone);
    }

    @Override
    public Instant instant() {
        return now.get();
    }
}
