package org.civicledger.ops.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.civicledger.events.common.NationalId;
import org.civicledger.ops.demo.DemoCity.CaseSpec;
import org.civicledger.ops.demo.DemoCity.CaseTypeSpec;
import org.civicledger.ops.demo.DemoCity.TargetState;
import org.junit.jupiter.api.Test;

/** The demo city is the same city for the same seed, at the workload's scale, with valid data throughout. */
class DemoCityGeneratorTest {

    private final DemoCity city = new DemoCity(DemoCity.DEFAULT_SEED);

    @Test
    void the_city_has_145_agencies_and_1400_case_types() {
        assertThat(city.agencies()).hasSize(145);
        assertThat(city.caseTypes()).hasSize(1_400);
        assertThat(city.agencies().stream().map(DemoCity.AgencySpec::code).distinct()).hasSize(145);
        assertThat(city.caseTypes().stream().map(CaseTypeSpec::code).distinct()).hasSize(1_400);
    }

    @Test
    void the_same_seed_gives_the_same_city_and_cases() {
        DemoCity again = new DemoCity(DemoCity.DEFAULT_SEED);
        assertThat(again.agencies()).isEqualTo(city.agencies());
        assertThat(again.caseTypes()).isEqualTo(city.caseTypes());
        assertThat(again.cases(200)).isEqualTo(city.cases(200));
    }

    @Test
    void another_seed_gives_another_catalogue_but_the_same_organisation_chart() {
        DemoCity other = new DemoCity(7);
        assertThat(other.agencies()).isEqualTo(city.agencies());
        assertThat(other.caseTypes()).isNotEqualTo(city.caseTypes());
    }

    @Test
    void fixed_samples_of_the_default_seed_do_not_drift() {
        assertThat(city.agencies().get(0).code()).isEqualTo("TCG-A01");
        assertThat(city.agencies().get(0).name()).isEqualTo("臺北市政府民政局 Department of Civil Affairs");
        assertThat(city.agencies().get(144).code()).isEqualTo("TCG-F06");
        assertThat(city.caseTypes().get(0)).isEqualTo(new CaseTypeSpec("TCG-A01-S001", "TCG-A01", "街頭藝人證照申請",
                List.of("school-enrolment-certificate"), 4_630, 29));
        assertThat(city.caseTypes().get(1_399)).isEqualTo(new CaseTypeSpec("TCG-F06-S005", "TCG-F06", "消防演練支援申請",
                List.of("tax-certificate", "household-certificate"), 1_090, 6));
        CaseSpec case42 = city.caseNumber(42);
        assertThat(case42.caseId()).isEqualTo("demo-20250101-c000042");
        assertThat(case42.caseType().code()).isEqualTo("TCG-A24-S001");
        assertThat(case42.target()).isEqualTo(TargetState.WITHDRAWN);
        assertThat(case42.applicant().nationalId().value()).isEqualTo("A266413771");
    }

    @Test
    void case_types_stay_within_the_workload_limits() {
        Set<String> agencyCodes = new HashSet<>();
        city.agencies().forEach(agency -> agencyCodes.add(agency.code()));
        for (CaseTypeSpec type : city.caseTypes()) {
            assertThat(agencyCodes).contains(type.agencyCode());
            assertThat(type.code()).matches("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
            assertThat(type.requiredDocuments()).hasSizeBetween(0, 4).doesNotHaveDuplicates();
            assertThat(DemoCity.DOCUMENT_KINDS).containsAll(type.requiredDocuments());
            assertThat(type.feeTwd() == 0 || (type.feeTwd() >= 100 && type.feeTwd() <= 5_000)).isTrue();
            assertThat(type.statutoryDays()).isBetween(1, 60);
        }
        assertThat(city.agencies()).allSatisfy(agency ->
                assertThat(city.caseTypes().stream().filter(type -> type.agencyCode().equals(agency.code())).count())
                        .isGreaterThanOrEqualTo(3));
    }

    @Test
    void applicants_carry_valid_national_ids_and_a_contact_channel() {
        for (CaseSpec spec : city.cases(3_000)) {
            assertThat(NationalId.isValid(spec.applicant().nationalId().value())).isTrue();
            assertThat(spec.applicant().citizenSubject()).isEqualTo(DemoCity.citizenSubject(spec.number()));
            assertThat(spec.applicant().email() != null || spec.applicant().phone() != null).isTrue();
            if (spec.target() == TargetState.TRANSFERRED) {
                assertThat(spec.transferToAgencyCode()).isNotEqualTo(spec.caseType().agencyCode());
            }
            assertThat(spec.extensionDays()).isBetween(1, spec.caseType().statutoryDays());
        }
    }

    @Test
    void even_a_small_run_has_a_case_in_every_state() {
        Set<TargetState> states = EnumSet.noneOf(TargetState.class);
        city.cases(TargetState.values().length).forEach(spec -> states.add(spec.target()));
        assertThat(states).containsExactlyInAnyOrder(TargetState.values());
    }
}
