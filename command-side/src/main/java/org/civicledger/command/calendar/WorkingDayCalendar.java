package org.civicledger.command.calendar;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.Set;

/** A business calendar from explicit sets of holidays and make-up working days. */
public record WorkingDayCalendar(Set<LocalDate> holidays, Set<LocalDate> makeUpWorkdays) implements BusinessCalendar {

    public WorkingDayCalendar {
        holidays = Set.copyOf(holidays);
        makeUpWorkdays = Set.copyOf(makeUpWorkdays);
    }

    @Override
    public boolean isWorkingDay(LocalDate date) {
        // A holiday wins over a make-up working day: a typhoon day declared on a make-up Saturday closes the offices.
        if (holidays.contains(date)) {
            return false;
        }
        if (makeUpWorkdays.contains(date)) {
            return true;
        }
        DayOfWeek day = date.getDayOfWeek();
        return day != DayOfWeek.SATURDAY && day != DayOfWeek.SUNDAY;
    }
}
