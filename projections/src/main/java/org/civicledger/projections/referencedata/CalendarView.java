package org.civicledger.projections.referencedata;

import java.time.LocalDate;
import java.util.List;

/**
 * The business calendar of one year: days off and Saturdays worked. Weekends not listed are days off,
 * weekdays not listed are working days. {@code published} is false when only declared days are known.
 */
public record CalendarView(int year, boolean published, String source, List<CalendarDay> holidays, List<LocalDate> makeUpWorkdays) {

    public CalendarView {
        holidays = List.copyOf(holidays);
        makeUpWorkdays = List.copyOf(makeUpWorkdays);
    }

    /** A day off and its name. */
    public record CalendarDay(LocalDate date, String name) {
    }
}
