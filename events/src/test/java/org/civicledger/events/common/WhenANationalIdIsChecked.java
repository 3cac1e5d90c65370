package org.civicledger.events.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class WhenANationalIdIsChecked {

    @Test
    void a_national_id_with_a_matching_check_digit_is_accepted() {
        assertThat(new NationalId("A123456789").value()).isEqualTo("A123456789");
        assertThat(NationalId.isValid("F131104093")).isTrue();
    }

    @Test
    void a_resident_certificate_of_the_new_format_is_accepted() {
        // Letter, then 8 or 9, then eight digits; weighted sum 1 + 0 + 8*8 = 65 needs check digit 5.
        NationalId resident = NationalId.withCheckDigit("A80000000");
        assertThat(resident.value()).isEqualTo("A800000005");
        assertThat(NationalId.isValid("A800000005")).isTrue();
    }

    @Test
    void a_resident_certificate_of_the_old_format_counts_its_second_letter_by_the_last_digit_of_its_area_number() {
        // C stands for area 12, so it weighs in as 2: 1 + 0 + 2*8 + (0*7 + 1*6 + 2*5 + 3*4 + 4*3 + 5*2 + 6*1) + 7 = 80.
        assertThat(NationalId.isValid("AC01234567")).isTrue();
        assertThat(NationalId.withCheckDigit("AD0123456").value()).matches("AD0123456[0-9]");
    }

    @Test
    void a_wrong_check_digit_is_refused_with_the_reason() {
        assertThat(NationalId.problemWith("A123456788")).isEqualTo("national ID check digit does not match");
        assertThatThrownBy(() -> new NationalId("A123456788")).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"a123456789", "A12345678", "A1234567890", "A323456789", "AE12345678", "1123456789", " A123456789"})
    void anything_not_shaped_like_a_national_id_is_refused(String candidate) {
        assertThat(NationalId.isValid(candidate)).isFalse();
        assertThatThrownBy(() -> new NationalId(candidate)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void printing_a_national_id_masks_all_but_its_letter_and_last_two_digits() {
        // Personal data must not leak whole into logs or exception messages.
        assertThat(new NationalId("A123456789")).hasToString("A*******89");
    }
}
