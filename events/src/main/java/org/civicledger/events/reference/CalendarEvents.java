package org.civicledger.events.reference;

import java.time.LocalDate;
import java.util.List;
import org.axonframework.serialization.Revision;

/** What happened to the business calendar of one year: its holidays and make-up working days. */
public final class CalendarEvents {

    private CalendarEvents() {
    }

    /** A day on which the city's offices are closed, with its name. */
    public record Holiday(LocalDate date, String name) {
        public Holiday {
            if (date == null || name == null || name.isBlank()) {
                throw new IllegalArgumentException("a holiday needs a date and a name");
            }
        }
    }

    /**
     * The year's calendar as published by the central government: public holidays (including
     * bridge days) and the Saturdays worked to make up for them. Weekends are days off otherwise.
     */
    @Revision("1")
    public record CalendarYearPublished(int year, List<Holiday> holidays, List<LocalDate> makeUpWorkdays, String source) {
    }

    /** A day off declared after publication (typhoon day); deadlines computed later account for it. */
    @Revision("1")
    public record HolidayDeclared(int year, LocalDate date, String name, String reason) {
    }
}
