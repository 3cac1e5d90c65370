package org.civicledger.command.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.civicledger.command.cases.CaseScenario.*;
import static org.civicledger.command.support.RuleViolationMatcher.violates;

import java.time.LocalDate;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.civicledger.events.cases.CaseEvent.CaseAccepted;
import org.civicledger.events.cases.CasePasswordHash;
import org.civicledger.events.cases.CaseStatus;
import org.civicledger.events.common.RuleViolation.Kind;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WhenAnOfficerAcceptsACase {

    private final RecordingApplicantNotices notices = new RecordingApplicantNotices();
    private AggregateTestFixture<CaseFile> fixture;

    @BeforeEach
    void setUp() {
        fixture = CaseScenario.fixture(notices);
    }

    @Test
    void the_statutory_deadline_counts_working_days_from_the_day_after_acceptance_skipping_weekend_and_holidays() {
        // Accepted Thursday 2 October; working days 3, 7, 8, 9, 13 October (6 and 10 are holidays).
        fixture.givenCurrentTime(at(ACCEPTED_ON))
                .andGiven(submitted())
                .when(accept(OFFICER))
                .expectEvents(accepted());
    }

    @Test
    void a_deadline_that_would_start_on_a_holiday_still_counts_only_working_days() {
        // Accepted Friday 3 October: 7, 8, 9, 13 and 14 October, so one day later than a Thursday acceptance.
        LocalDate friday = LocalDate.of(2025, 10, 3);
        fixture.givenCurrentTime(at(friday))
                .andGiven(submitted())
                .when(accept(OFFICER))
                .expectEvents(new CaseAccepted(CASE_ID, FixedCredentialsIssuer.caseNumber(AGENCY, friday),
                        FixedCredentialsIssuer.CASE_PASSWORD_HASH, friday, STATUTORY_DAYS, LocalDate.of(2025, 10, 14)));
    }

    @Test
    void the_statutory_deadline_is_scheduled_for_the_end_of_the_deadline_day() {
        fixture.givenCurrentTime(at(ACCEPTED_ON))
                .andGiven(submitted())
                .when(accept(OFFICER))
                .expectScheduledDeadlineWithName(endOf(DEADLINE), CaseFile.STATUTORY_DEADLINE)
                .expectScheduledDeadline(endOf(DEADLINE), DEADLINE);
    }

    @Test
    void the_applicant_is_sent_the_case_number_and_a_password_that_matches_the_stored_hash() {
        fixture.givenCurrentTime(at(ACCEPTED_ON))
                .andGiven(submitted())
                .when(accept(OFFICER))
                .expectEvents(accepted())
                // The officer's answer carries the plain password once, for a counter print-out.
                .expectResultMessagePayload(new CaseResult(CASE_ID, CaseStatus.ACCEPTED, "CIVIL-AFFAIRS-2025-000001",
                        FixedCredentialsIssuer.CASE_PASSWORD, DEADLINE));

        assertThat(notices.sent()).singleElement().satisfies(notice -> {
            assertThat(notice.caseId()).isEqualTo(CASE_ID);
            assertThat(notice.applicant()).isEqualTo(APPLICANT);
            assertThat(notice.credentials().caseNumber()).isEqualTo(accepted().caseNumber());
            // The event keeps only the hash; the password the applicant receives must open it.
            assertThat(CasePasswordHash.matches(notice.credentials().casePassword(), accepted().casePasswordHash())).isTrue();
        });
    }

    @Test
    void only_an_officer_of_the_owning_agency_accepts() {
        fixture.givenCurrentTime(at(ACCEPTED_ON))
                .andGiven(submitted())
                .when(accept(OFFICER_OF_OTHER_AGENCY))
                .expectNoEvents()
                .expectException(violates(Kind.FORBIDDEN, "OwningAgencyDecides"));

        assertThat(notices.sent()).as("no credentials leave the ledger for a refused acceptance").isEmpty();
    }

    @Test
    void the_applicant_cannot_accept_their_own_case() {
        fixture.givenCurrentTime(at(ACCEPTED_ON))
                .andGiven(submitted())
                .when(accept(CITIZEN))
                .expectNoEvents()
                .expectException(violates(Kind.FORBIDDEN, "OwningAgencyDecides"));
    }

    @Test
    void a_case_is_accepted_only_once() {
        fixture.givenCurrentTime(at(ACCEPTED_ON))
                .andGiven(submitted(), accepted())
                .when(accept(OFFICER))
                .expectNoEvents()
                .expectException(violates(Kind.CONFLICT, "LifecycleOrder"));
    }
}
