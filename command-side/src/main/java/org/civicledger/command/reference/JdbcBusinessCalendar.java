package org.civicledger.command.reference;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.Set;
import org.civicledger.command.calendar.BusinessCalendar;
import org.civicledger.command.calendar.WorkingDayCalendar;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The business calendar as published in reference events, read from the command side's table.
 *
 * <p>Deadlines count days one by one, so the table is cached in memory. The cache is dropped when
 * this node stores a calendar change and otherwise lives {@link #CACHE_TIME_TO_LIVE}, which bounds
 * how long another node's declared typhoon day can go unseen here.
 */
@Component
public class JdbcBusinessCalendar implements BusinessCalendar {

    static final Duration CACHE_TIME_TO_LIVE = Duration.ofSeconds(10);

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private volatile WorkingDayCalendar cached;
    private volatile Instant cachedAt = Instant.MIN;

    public JdbcBusinessCalendar(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Override
    public boolean isWorkingDay(LocalDate date) {
        return current().isWorkingDay(date);
    }

    public void invalidate() {
        cached = null;
    }

    private WorkingDayCalendar current() {
        WorkingDayCalendar calendar = cached;
        Instant now = clock.instant();
        if (calendar == null || cachedAt.plus(CACHE_TIME_TO_LIVE).isBefore(now)) {
            Set<LocalDate> holidays = new HashSet<>();
            Set<LocalDate> workdays = new HashSet<>();
            jdbc.query("SELECT calendar_date, working FROM cmd_calendar_day", rs -> {
                LocalDate day = rs.getObject(1, LocalDate.class);
                if (rs.getBoolean(2)) {
                    workdays.add(day);
                } else {
                    holidays.add(day);
                }
            });
            calendar = new WorkingDayCalendar(holidays, workdays);
            cached = calendar;
            cachedAt = now;
        }
        return calendar;
    }
}
