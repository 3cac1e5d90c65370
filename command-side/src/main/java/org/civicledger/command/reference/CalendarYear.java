package org.civicledger.command.reference;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.time.LocalDate;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.civicledger.command.rules.Require;
import org.civicledger.events.common.RuleViolation;
import org.civicledger.events.reference.CalendarEvents.CalendarYearPublished;
import org.civicledger.events.reference.CalendarEvents.Holiday;
import org.civicledger.events.reference.CalendarEvents.HolidayDeclared;
import org.civicledger.events.reference.ReferenceCommands.DeclareHoliday;
import org.civicledger.events.reference.ReferenceCommands.PublishCalendarYear;

/** One year of the business calendar: published once, then amended by declared days off. */
public class CalendarYear {

    @AggregateIdentifier
    private Integer year;
    private final Set<LocalDate> holidays = new HashSet<>();

    protected CalendarYear() {
        // For Axon's event sourcing.
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(PublishCalendarYear command) {
        Require.referenceDataKeeper(command.actor());
        if (year != null) {
            throw RuleViolation.conflict("CalendarYearIsPublishedOnce",
                    "the calendar of " + command.year() + " is published already; declare changes as holidays");
        }
        if (command.year() < 1990 || command.year() > 2200) {
            throw RuleViolation.invalid("CalendarYearIsPlausible", "year", "year must be between 1990 and 2200");
        }
        List<Holiday> days = command.holidays() == null ? List.of() : command.holidays();
        List<LocalDate> makeUp = command.makeUpWorkdays() == null ? List.of() : command.makeUpWorkdays();
        for (Holiday holiday : days) {
            requireInYear(command.year(), holiday.date(), "holidays");
        }
        for (LocalDate date : makeUp) {
            requireInYear(command.year(), date, "makeUpWorkdays");
        }
        Require.text("source", command.source(), 500);
        apply(new CalendarYearPublished(command.year(), List.copyOf(days), List.copyOf(makeUp), command.source()));
    }

    @CommandHandler
    public void handle(DeclareHoliday command) {
        Require.referenceDataKeeper(command.actor());
        requireInYear(year, command.date(), "date");
        Require.text("name", command.name(), 200);
        Require.text("reason", command.reason(), 500);
        if (holidays.contains(command.date())) {
            throw RuleViolation.conflict("HolidayIsDeclaredOnce", command.date() + " is a holiday already");
        }
        apply(new HolidayDeclared(year, command.date(), command.name(), command.reason()));
    }

    private static void requireInYear(int year, LocalDate date, String field) {
        if (date == null || date.getYear() != year) {
            throw RuleViolation.invalid("CalendarDaysBelongToTheirYear", field, date + " is not in " + year);
        }
    }

    @EventSourcingHandler
    void on(CalendarYearPublished event) {
        year = event.year();
        event.holidays().forEach(holiday -> holidays.add(holiday.date()));
    }

    @EventSourcingHandler
    void on(HolidayDeclared event) {
        holidays.add(event.date());
    }
}
