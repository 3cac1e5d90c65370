package org.civicledger.command.cases;

import static org.civicledger.command.cases.CaseScenario.*;
import static org.civicledger.command.support.RuleViolationMatcher.violates;

import java.time.LocalDate;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.civicledger.events.cases.CaseCommands.WithdrawApplication;
import org.civicledger.events.cases.CaseEvent.ApplicationWithdrawn;
import org.civicledger.events.cases.CaseEvent.CaseRejected;
import org.civicledger.events.common.Actor;
import org.civicledger.events.common.RuleViolation.Kind;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WhenTheApplicantWithdraws {

    private static final LocalDate WITHDRAWN_ON = LocalDate.of(2025, 10, 7);

    private AggregateTestFixture<CaseFile> fixture;

    @BeforeEach
    void setUp() {
        fixture = CaseScenario.fixture(new RecordingApplicantNotices());
    }

    private static WithdrawApplication withdraw(Actor actor) {
        return new WithdrawApplication(CASE_ID, "moved to another city", "cmd-withdraw", actor);
    }

    @Test
    void the_applicant_withdraws_an_application_under_review() {
        fixture.givenCurrentTime(at(WITHDRAWN_ON))
                .andGiven(submitted(), accepted(), reviewStarted())
                .when(withdraw(CITIZEN))
                .expectEvents(new ApplicationWithdrawn(CASE_ID, "moved to another city", WITHDRAWN_ON));
    }

    @Test
    void a_withdrawn_case_no_longer_has_a_statutory_deadline() {
        fixture.givenCurrentTime(at(ACCEPTED_ON))
                .andGivenCommands(submit(CITIZEN), accept(OFFICER))
                .when(withdraw(CITIZEN))
                .expectSuccessfulHandlerExecution()
                .expectNoScheduledDeadlines();
    }

    @Test
    void another_citizen_cannot_withdraw_it() {
        fixture.givenCurrentTime(at(WITHDRAWN_ON))
                .andGiven(submitted(), accepted())
                .when(withdraw(SOMEONE_ELSE))
                .expectNoEvents()
                .expectException(violates(Kind.FORBIDDEN, "OnlyTheApplicantWithdraws"));
    }

    @Test
    void the_owning_agency_cannot_withdraw_for_an_applicant_who_has_an_account() {
        fixture.givenCurrentTime(at(WITHDRAWN_ON))
                .andGiven(submitted(), accepted())
                .when(withdraw(OFFICER))
                .expectNoEvents()
                .expectException(violates(Kind.FORBIDDEN, "OnlyTheApplicantWithdraws"));
    }

    @Test
    void the_counter_records_a_written_withdrawal_for_an_applicant_without_an_account() {
        fixture.givenCurrentTime(at(WITHDRAWN_ON))
                .andGiven(submitted(APPLICANT_WITHOUT_ACCOUNT), accepted())
                .when(withdraw(OFFICER))
                .expectEvents(new ApplicationWithdrawn(CASE_ID, "moved to another city", WITHDRAWN_ON));
    }

    @Test
    void a_decided_case_cannot_be_withdrawn() {
        fixture.givenCurrentTime(at(LocalDate.of(2025, 10, 15)))
                .andGiven(submitted(), accepted(), reviewStarted(),
                        new CaseRejected(CASE_ID, "not a resident", LocalDate.of(2025, 10, 14), 6, false, LocalDate.of(2025, 11, 13)))
                .when(withdraw(CITIZEN))
                .expectNoEvents()
                .expectException(violates(Kind.CONFLICT, "WithdrawalBeforeDecision"));
    }
}
