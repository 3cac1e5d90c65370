package org.civicledger.ops.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.StringReader;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.Set;
import org.civicledger.command.calendar.WorkingDayCalendar;
import org.civicledger.events.reference.CalendarEvents.Holiday;
import org.civicledger.events.reference.ReferenceCommands.PublishCalendarYear;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The shipped calendar files parse, and they say what the DGPA calendars say on days we know. */
class CalendarDataTest {

    @ParameterizedTest
    @ValueSource(ints = {2025, 2026, 2027})
    void every_shipped_year_parses_with_a_source(int year) {
        CalendarData data = CalendarData.load(year);
        assertThat(data.year()).isEqualTo(year);
        assertThat(data.holidays()).hasSizeGreaterThan(15);
        assertThat(data.source()).isNotBlank();
        assertThat(data.holidays()).allSatisfy(holiday -> assertThat(holiday.date().getYear()).isEqualTo(year));
        assertThat(data.holidays()).anySatisfy(holiday -> assertThat(holiday.date()).isEqualTo(LocalDate.of(year, 1, 1)));
        assertThat(data.holidays()).anySatisfy(holiday -> assertThat(holiday.date()).isEqualTo(LocalDate.of(year, 10, 10)));
        // The holidays restored from 2025: Teacher's Day, Retrocession Day, Constitution Day.
        assertThat(dates(data)).contains(LocalDate.of(year, 9, 28), LocalDate.of(year, 10, 25), LocalDate.of(year, 12, 25));
        assertThat(data.makeUpWorkdays()).allSatisfy(day -> assertThat(day.getDayOfWeek()).isEqualTo(DayOfWeek.SATURDAY));
    }

    @Test
    void only_2027_is_provisional() {
        assertThat(CalendarData.load(2025).isProvisional()).isFalse();
        assertThat(CalendarData.load(2026).isProvisional()).isFalse();
        assertThat(CalendarData.load(2027).isProvisional()).isTrue();
    }

    @Test
    void peace_memorial_day_on_a_saturday_in_2026_is_observed_on_the_friday_before() {
        Set<LocalDate> days = dates(CalendarData.load(2026));
        assertThat(LocalDate.of(2026, 2, 28).getDayOfWeek()).isEqualTo(DayOfWeek.SATURDAY);
        assertThat(days).contains(LocalDate.of(2026, 2, 27), LocalDate.of(2026, 2, 28));
    }

    @Test
    void lunar_new_year_2026_closes_offices_from_the_16th_to_the_20th_of_february() {
        WorkingDayCalendar calendar = calendarOf(CalendarData.load(2026));
        for (int day = 16; day <= 20; day++) {
            assertThat(calendar.isWorkingDay(LocalDate.of(2026, 2, day))).as("2026-02-%d", day).isFalse();
        }
        // Friday the 13th plus one working day is Monday the 23rd: nine days off in a row.
        assertThat(calendar.addWorkingDays(LocalDate.of(2026, 2, 13), 1)).isEqualTo(LocalDate.of(2026, 2, 23));
        assertThat(CalendarData.load(2026).makeUpWorkdays()).isEmpty();
    }

    @Test
    void the_2025_bridge_day_is_made_up_on_saturday_the_8th_of_february() {
        CalendarData data = CalendarData.load(2025);
        WorkingDayCalendar calendar = calendarOf(data);
        assertThat(calendar.isWorkingDay(LocalDate.of(2025, 1, 27))).isFalse();
        assertThat(calendar.isWorkingDay(LocalDate.of(2025, 2, 8))).isTrue();
        assertThat(dates(data)).contains(LocalDate.of(2025, 9, 29), LocalDate.of(2025, 10, 24));
        // Labour Day was not a day off for civil servants in 2025, and is from 2026 on.
        assertThat(dates(data)).doesNotContain(LocalDate.of(2025, 5, 1));
        assertThat(dates(CalendarData.load(2026))).contains(LocalDate.of(2026, 5, 1));
    }

    @Test
    void observed_days_fall_on_weekdays() {
        for (int year : CalendarData.SHIPPED_YEARS) {
            for (Holiday holiday : CalendarData.load(year).holidays()) {
                if (holiday.name().contains("observed") || holiday.name().contains("補假")) {
                    DayOfWeek day = holiday.date().getDayOfWeek();
                    assertThat(day).as(holiday.toString()).isNotIn(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY);
                }
            }
        }
    }

    @Test
    void the_publishing_command_carries_the_year_and_a_stable_command_id() {
        PublishCalendarYear command = CalendarData.load(2026).toCommand(DemoCityLoader.LOADER);
        assertThat(command.year()).isEqualTo(2026);
        assertThat(command.commandId()).isEqualTo("calendar-tw-2026");
        assertThat(command.actor().subject()).isEqualTo("demo-loader");
    }

    @Test
    void a_broken_file_is_refused_whole_naming_the_line() {
        String text = "# source: test\ndate,kind,name\n2026-01-01,holiday,New Year\n2026-13-01,holiday,Nonsense\n";
        assertThatThrownBy(() -> CalendarData.parse(2026, "test.csv", new BufferedReader(new StringReader(text))))
                .hasMessageContaining("line 4");
        String duplicate = "# source: test\ndate,kind,name\n2026-01-01,holiday,A\n2026-01-01,holiday,B\n";
        assertThatThrownBy(() -> CalendarData.parse(2026, "test.csv", new BufferedReader(new StringReader(duplicate))))
                .hasMessageContaining("twice");
        String noSource = "date,kind,name\n2026-01-01,holiday,A\n";
        assertThatThrownBy(() -> CalendarData.parse(2026, "test.csv", new BufferedReader(new StringReader(noSource))))
                .hasMessageContaining("source");
    }

    private static Set<LocalDate> dates(CalendarData data) {
        Set<LocalDate> days = new HashSet<>();
        data.holidays().forEach(holiday -> days.add(holiday.date()));
        return days;
    }

    private static WorkingDayCalendar calendarOf(CalendarData data) {
        return new WorkingDayCalendar(dates(data), new HashSet<>(data.makeUpWorkdays()));
    }
}
