package org.civicledger.command.calendar;

import java.time.LocalDate;

/**
 * The city's working days: weekdays that are not holidays, plus make-up working Saturdays.
 *
 * <p>Statutory processing days are working days counted from the day after a start date, so a
 * deadline always falls on a working day: one that would land on a holiday moves to the next one.
 */
public interface BusinessCalendar {

    /** No deadline in this ledger reaches further than ten years of working days. */
    int WORKING_DAYS_MAX = 2_600;

    boolean isWorkingDay(LocalDate date);

    /** The date {@code workingDays} working days after {@code start}; {@code start} itself if zero. */
    default LocalDate addWorkingDays(LocalDate start, int workingDays) {
        if (workingDays < 0 || workingDays > WORKING_DAYS_MAX) {
            throw new IllegalArgumentException("working days must be between 0 and " + WORKING_DAYS_MAX);
        }
        LocalDate date = start;
        int counted = 0;
        while (counted < workingDays) {
            date = date.plusDays(1);
            if (isWorkingDay(date)) {
                counted++;
            }
        }
        return date;
    }

    /** How many working days lie after {@code startExclusive} up to and including {@code endInclusive}. */
    default int workingDaysBetween(LocalDate startExclusive, LocalDate endInclusive) {
        int counted = 0;
        LocalDate date = startExclusive.plusDays(1);
        int guard = 0;
        while (!date.isAfter(endInclusive)) {
            if (isWorkingDay(date)) {
                counted++;
            }
            date = date.plusDays(1);
            if (++guard > WORKING_DAYS_MAX * 2) {
                throw new IllegalArgumentException("dates are more than ten years apart");
            }
        }
        return counted;
    }

    /** {@code date} itself when it is a working day, otherwise the next working day. */
    default LocalDate onOrNextWorkingDay(LocalDate date) {
        LocalDate result = date;
        while (!isWorkingDay(result)) {
            result = result.plusDays(1);
        }
        return result;
    }
}
