package org.civicledger.events.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class WhenMoneyIsReadFromText {

    @Test
    void a_whole_number_of_dollars_is_that_many_minor_units_of_twd() {
        assertThat(Money.ofDecimal("250", "TWD")).isEqualTo(Money.twd(250));
        assertThat(Money.ofDecimal("250.00", "TWD")).isEqualTo(Money.twd(250));
        assertThat(Money.ofDecimal("-15", "TWD")).isEqualTo(Money.twd(-15));
    }

    @Test
    void a_fraction_of_a_dollar_is_refused_for_twd_not_rounded() {
        assertThatThrownBy(() -> Money.ofDecimal("250.50", "TWD"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("whole numbers");
        assertThatThrownBy(() -> Money.ofDecimal("0.01", "TWD")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void currencies_with_cents_keep_them_and_refuse_a_third_decimal() {
        assertThat(Money.ofDecimal("12.5", "USD")).isEqualTo(new Money(1250, "USD"));
        assertThat(Money.ofDecimal("12.345", "KWD")).isEqualTo(new Money(12345, "KWD"));
        assertThatThrownBy(() -> Money.ofDecimal("12.345", "USD")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void text_that_is_not_a_plain_decimal_is_refused() {
        for (String bad : new String[] {"", "1e3", "1,000", " 1", "+1", "1.", ".5", "NaN", "12345678901234567890"}) {
            assertThatThrownBy(() -> Money.ofDecimal(bad, "TWD")).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void sums_refuse_to_mix_currencies_or_overflow() {
        assertThat(Money.twd(10).plus(Money.twd(5))).isEqualTo(Money.twd(15));
        assertThatThrownBy(() -> Money.twd(10).plus(new Money(5, "USD"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Money.twd(Long.MAX_VALUE).plus(Money.twd(1))).isInstanceOf(ArithmeticException.class);
    }
}
