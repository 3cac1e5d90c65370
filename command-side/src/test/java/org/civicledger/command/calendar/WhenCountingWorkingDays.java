package org.civicledger.command.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * October 2025 in Taipei: Mid-Autumn Festival on Monday 6 and National Day on Friday 10 October.
 * Saturday 18 October is treated as a make-up working day here (an invented one, to test the rule).
 */
class WhenCountingWorkingDays {

    private static final LocalDate MID_AUTUMN = LocalDate.of(2025, 10, 6);
    private static final LocalDate NATIONAL_DAY = LocalDate.of(2025, 10, 10);
    private static final LocalDate MAKE_UP_SATURDAY = LocalDate.of(2025, 10, 18);

    private final BusinessCalendar calendar = new WorkingDayCalendar(Set.of(MID_AUTUMN, NATIONAL_DAY), Set.of(MAKE_UP_SATURDAY));

    private static LocalDate october(int day) {
        return LocalDate.of(2025, 10, day);
    }

    @Test
    void counting_starts_the_day_after_and_skips_the_weekend_and_holidays() {
        // From Thursday 2 October: 3, 7, 8, 9, 13.
        assertThat(calendar.addWorkingDays(october(2), 5)).isEqualTo(october(13));
    }

    @Test
    void zero_working_days_is_the_start_date_itself() {
        assertThat(calendar.addWorkingDays(october(4), 0)).isEqualTo(october(4));
    }

    @Test
    void a_make_up_saturday_counts_as_a_working_day() {
        // From Friday 17 October: Saturday 18 is worked, then Monday 20.
        assertThat(calendar.addWorkingDays(october(17), 1)).isEqualTo(october(18));
        assertThat(calendar.addWorkingDays(october(17), 2)).isEqualTo(october(20));
        assertThat(calendar.isWorkingDay(MAKE_UP_SATURDAY)).isTrue();
        assertThat(calendar.isWorkingDay(october(19))).isFalse();
    }

    @Test
    void a_negative_or_unbounded_number_of_working_days_is_refused() {
        assertThatThrownBy(() -> calendar.addWorkingDays(october(2), -1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> calendar.addWorkingDays(october(2), BusinessCalendar.WORKING_DAYS_MAX + 1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void working_days_between_exclude_the_start_and_include_the_end() {
        assertThat(calendar.workingDaysBetween(october(2), october(13))).isEqualTo(5);
        assertThat(calendar.workingDaysBetween(october(2), october(2))).isZero();
        assertThat(calendar.workingDaysBetween(october(17), october(20))).as("make-up Saturday counts").isEqualTo(2);
    }

    @Test
    void working_days_between_is_the_inverse_of_adding_working_days() {
        for (int days = 0; days <= 30; days++) {
            LocalDate end = calendar.addWorkingDays(october(1), days);
            assertThat(calendar.workingDaysBetween(october(1), end)).isEqualTo(days);
        }
    }

    @Test
    void a_day_off_moves_to_the_next_working_day_and_a_working_day_stays() {
        assertThat(calendar.onOrNextWorkingDay(october(4))).as("Saturday").isEqualTo(october(7));
        assertThat(calendar.onOrNextWorkingDay(NATIONAL_DAY)).isEqualTo(october(13));
        assertThat(calendar.onOrNextWorkingDay(october(8))).isEqualTo(october(8));
        assertThat(calendar.onOrNextWorkingDay(MAKE_UP_SATURDAY)).isEqualTo(MAKE_UP_SATURDAY);
    }

    @Test
    void a_holiday_declared_on_a_make_up_saturday_makes_it_a_day_off() {
        // A typhoon closing the offices on a make-up Saturday closes them all the same.
        BusinessCalendar typhoon = new WorkingDayCalendar(Set.of(MAKE_UP_SATURDAY), Set.of(MAKE_UP_SATURDAY));
        assertThat(typhoon.isWorkingDay(MAKE_UP_SATURDAY)).isFalse();
    }
}
