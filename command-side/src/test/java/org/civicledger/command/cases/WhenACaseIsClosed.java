package org.civicledger.command.cases;

import static org.civicledger.command.cases.CaseScenario.*;
import static org.civicledger.command.support.RuleViolationMatcher.violates;

import java.time.LocalDate;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.civicledger.events.cases.CaseCommands.CloseCase;
import org.civicledger.events.cases.CaseEvent.ApplicationWithdrawn;
import org.civicledger.events.cases.CaseEvent.CaseApproved;
import org.civicledger.events.cases.CaseEvent.CaseClosed;
import org.civicledger.events.common.Actor;
import org.civicledger.events.common.RuleViolation.Kind;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WhenACaseIsClosed {

    private static final LocalDate DECIDED_ON = LocalDate.of(2025, 10, 8);
    private static final LocalDate CLOSED_ON = LocalDate.of(2025, 10, 9);
    private static final CaseApproved APPROVED =
            new CaseApproved(CASE_ID, "all documents in order", DECIDED_ON, 3, true, LocalDate.of(2025, 11, 7));

    private AggregateTestFixture<CaseFile> fixture;

    @BeforeEach
    void setUp() {
        fixture = CaseScenario.fixture(new RecordingApplicantNotices());
    }

    private static CloseCase close(Actor actor) {
        return new CloseCase(CASE_ID, "the applicant waived the appeal", "cmd-close", actor);
    }

    @Test
    void the_owning_agency_closes_a_decided_case() {
        fixture.givenCurrentTime(at(CLOSED_ON))
                .andGiven(submitted(), accepted(), reviewStarted(), APPROVED)
                .when(close(OFFICER))
                .expectEvents(new CaseClosed(CASE_ID, "the applicant waived the appeal", CLOSED_ON));
    }

    @Test
    void a_case_without_a_decision_is_not_closed() {
        fixture.givenCurrentTime(at(CLOSED_ON))
                .andGiven(submitted(), accepted(), reviewStarted())
                .when(close(OFFICER))
                .expectNoEvents()
                .expectException(violates(Kind.CONFLICT, "LifecycleOrder"));
    }

    @Test
    void a_withdrawn_case_is_not_closed_again() {
        // Withdrawal ends a case by itself; closing is the end of a decided case only.
        fixture.givenCurrentTime(at(CLOSED_ON))
                .andGiven(submitted(), accepted(), new ApplicationWithdrawn(CASE_ID, "moved away", DECIDED_ON))
                .when(close(OFFICER))
                .expectNoEvents()
                .expectException(violates(Kind.CONFLICT, "LifecycleOrder"));
    }

    @Test
    void the_applicant_does_not_close_a_case() {
        fixture.givenCurrentTime(at(CLOSED_ON))
                .andGiven(submitted(), accepted(), reviewStarted(), APPROVED)
                .when(close(CITIZEN))
                .expectNoEvents()
                .expectException(violates(Kind.FORBIDDEN, "OwningAgencyCloses"));
    }

    @Test
    void the_ledger_itself_may_close_a_decided_case() {
        fixture.givenCurrentTime(at(CLOSED_ON))
                .andGiven(submitted(), accepted(), reviewStarted(), APPROVED)
                .when(close(LEDGER))
                .expectEvents(new CaseClosed(CASE_ID, "the applicant waived the appeal", CLOSED_ON));
    }
}
