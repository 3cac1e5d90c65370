package org.civicledger.command.reference;

import static org.civicledger.command.support.RuleViolationMatcher.violates;

import java.time.LocalDate;
import java.util.List;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.civicledger.events.common.Actor;
import org.civicledger.events.common.RuleViolation.Kind;
import org.civicledger.events.reference.CalendarEvents.CalendarYearPublished;
import org.civicledger.events.reference.CalendarEvents.Holiday;
import org.civicledger.events.reference.CalendarEvents.HolidayDeclared;
import org.civicledger.events.reference.ReferenceCommands.DeclareHoliday;
import org.civicledger.events.reference.ReferenceCommands.PublishCalendarYear;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WhenTheCalendarIsPublished {

    private static final Actor LOADER = Actor.system("ledger-loader");
    private static final String SOURCE = "Directorate-General of Personnel Administration, 2025 calendar";
    private static final List<Holiday> HOLIDAYS = List.of(
            new Holiday(LocalDate.of(2025, 10, 6), "Mid-Autumn Festival"),
            new Holiday(LocalDate.of(2025, 10, 10), "National Day"));
    private static final List<LocalDate> MAKE_UP_WORKDAYS = List.of(LocalDate.of(2025, 2, 8));
    private static final CalendarYearPublished PUBLISHED = new CalendarYearPublished(2025, HOLIDAYS, MAKE_UP_WORKDAYS, SOURCE);

    private AggregateTestFixture<CalendarYear> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(CalendarYear.class);
    }

    private static PublishCalendarYear publish(List<Holiday> holidays) {
        return new PublishCalendarYear(2025, holidays, MAKE_UP_WORKDAYS, SOURCE, "cmd-publish", LOADER);
    }

    @Test
    void a_year_is_published_with_its_holidays_and_make_up_workdays() {
        fixture.givenNoPriorActivity()
                .when(publish(HOLIDAYS))
                .expectEvents(PUBLISHED);
    }

    @Test
    void a_year_is_published_once_and_changed_afterwards_only_by_declared_holidays() {
        fixture.given(PUBLISHED)
                .when(publish(HOLIDAYS))
                .expectNoEvents()
                .expectException(violates(Kind.CONFLICT, "CalendarYearIsPublishedOnce"));
    }

    @Test
    void the_holidays_of_a_year_fall_in_that_year() {
        fixture.givenNoPriorActivity()
                .when(publish(List.of(new Holiday(LocalDate.of(2026, 1, 1), "New Year"))))
                .expectNoEvents()
                .expectException(violates(Kind.INVALID, "CalendarDaysBelongToTheirYear"));
    }

    @Test
    void a_typhoon_day_is_declared_after_publication() {
        fixture.given(PUBLISHED)
                .when(new DeclareHoliday(2025, LocalDate.of(2025, 10, 2), "Typhoon day", "typhoon Krathon", "cmd-typhoon", LOADER))
                .expectEvents(new HolidayDeclared(2025, LocalDate.of(2025, 10, 2), "Typhoon day", "typhoon Krathon"));
    }

    @Test
    void a_published_holiday_is_not_declared_again() {
        fixture.given(PUBLISHED)
                .when(new DeclareHoliday(2025, LocalDate.of(2025, 10, 10), "National Day", "again", "cmd-again", LOADER))
                .expectNoEvents()
                .expectException(violates(Kind.CONFLICT, "HolidayIsDeclaredOnce"));
    }

    @Test
    void an_officer_does_not_change_the_calendar() {
        fixture.given(PUBLISHED)
                .when(new DeclareHoliday(2025, LocalDate.of(2025, 10, 2), "Typhoon day", "typhoon Krathon", "cmd-typhoon",
                        Actor.officer("officer-wang", "CIVIL-AFFAIRS")))
                .expectNoEvents()
                .expectException(violates(Kind.FORBIDDEN, "ReferenceDataIsKeptByOperators"));
    }
}
