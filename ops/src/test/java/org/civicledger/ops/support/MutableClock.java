package org.civicledger.ops.support;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.concurrent.atomic.AtomicReference;

/** A clock tests set and move by hand, in the city's zone. */
public final class MutableClock extends Clock {

    public static final ZoneId TAIPEI = ZoneId.of("Asia/Taipei");

    private final AtomicReference<Instant> now;
    private final ZoneId zone;

    public MutableClock(Instant start, ZoneId zone) {
        this.now = new AtomicReference<>(start);
        this.zone = zone;
    }

    public static MutableClock at(String localDateTime) {
        return new MutableClock(ZonedDateTime.of(java.time.LocalDateTime.parse(localDateTime), TAIPEI).toInstant(), TAIPEI);
    }

    public void set(String localDateTime) {
        now.set(ZonedDateTime.of(java.time.LocalDateTime.parse(localDateTime), zone).toInstant());
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    @Override
    public Clock withZone(ZoneId otherZone) {
        return new MutableClock(now.get(), otherZone);
    }

    @Override
    public Instant instant() {
        return now.get();
    }
}
