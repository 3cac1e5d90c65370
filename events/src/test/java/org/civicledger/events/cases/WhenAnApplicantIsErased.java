package org.civicledger.events.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.civicledger.events.common.NationalId;
import org.junit.jupiter.api.Test;

class WhenAnApplicantIsErased {

    private final Applicant applicant =
            new Applicant("citizen-lin-mei", new NationalId("A123456789"), "Lin Mei", "lin.mei@example.org", "+886912345678");

    @Test
    void the_erased_form_keeps_only_the_account_subject() {
        Applicant erased = applicant.erasedForm();
        assertThat(erased).isEqualTo(Applicant.erased("citizen-lin-mei"));
        assertThat(erased.isErased()).isTrue();
        assertThat(erased.nationalId()).isNull();
        assertThat(erased.name()).isEqualTo(Applicant.ERASED);
        assertThat(erased.email()).isNull();
        assertThat(erased.phone()).isNull();
        assertThat(applicant.isErased()).isFalse();
        assertThat(applicant.dataSubject()).isEqualTo(new NationalId("A123456789"));
    }

    @Test
    void only_the_exact_erased_shape_goes_without_a_national_id() {
        assertThatThrownBy(() -> new Applicant("c", null, Applicant.ERASED, "x@example.org", null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Applicant("c", null, "Lin Mei", null, null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void no_living_applicant_may_bear_the_erasure_marker_as_a_name() {
        assertThatThrownBy(() -> new Applicant("c", new NationalId("A123456789"), Applicant.ERASED, "x@example.org", null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void its_text_form_never_shows_personal_data() {
        assertThat(applicant.toString()).doesNotContain("A123456789", "A1", "89", "Lin", "lin.mei", "912345678");
        assertThat(Applicant.erased(null).toString()).isEqualTo("Applicant[erased]");
    }
}
