package org.civicledger.command.cases;

import static org.civicledger.command.cases.CaseScenario.*;
import static org.civicledger.command.support.RuleViolationMatcher.violates;

import java.time.LocalDate;
import java.util.List;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.civicledger.events.cases.CaseCommands.RequestSupplement;
import org.civicledger.events.cases.CaseEvent.SupplementRequested;
import org.civicledger.events.common.RuleViolation.Kind;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WhenAnOfficerRequestsASupplement {

    /** Wednesday 8 October: 3, 7 and 8 October have run, so three working days are used. */
    private static final LocalDate REQUESTED_ON = LocalDate.of(2025, 10, 8);

    private AggregateTestFixture<CaseFile> fixture;

    @BeforeEach
    void setUp() {
        fixture = CaseScenario.fixture(new RecordingApplicantNotices());
    }

    private static RequestSupplement requestSupplement(String reason) {
        return new RequestSupplement(CASE_ID, reason, List.of("household-register"), "cmd-supplement", OFFICER);
    }

    @Test
    void the_statutory_clock_pauses_with_the_working_days_used_so_far() {
        fixture.givenCurrentTime(at(REQUESTED_ON))
                .andGiven(submitted(), accepted(), reviewStarted())
                .when(requestSupplement("the household register is missing"))
                .expectEvents(new SupplementRequested(CASE_ID, "the household register is missing",
                        List.of("household-register"), REQUESTED_ON, 3));
    }

    @Test
    void the_pending_statutory_deadline_is_cancelled_while_the_clock_is_paused() {
        // Given as commands, so that acceptance really schedules the deadline the request must cancel.
        fixture.givenCurrentTime(at(ACCEPTED_ON))
                .andGivenCommands(submit(CITIZEN), accept(OFFICER), startReview(OFFICER))
                .when(requestSupplement("the household register is missing"))
                .expectSuccessfulHandlerExecution()
                .expectNoScheduledDeadlines();
    }

    @Test
    void a_case_that_was_not_accepted_yet_cannot_be_asked_for_a_supplement() {
        fixture.givenCurrentTime(at(REQUESTED_ON))
                .andGiven(submitted())
                .when(requestSupplement("the household register is missing"))
                .expectNoEvents()
                .expectException(violates(Kind.CONFLICT, "LifecycleOrder"));
    }

    @Test
    void the_applicant_is_told_why_a_supplement_is_needed() {
        fixture.givenCurrentTime(at(REQUESTED_ON))
                .andGiven(submitted(), accepted(), reviewStarted())
                .when(requestSupplement(" "))
                .expectNoEvents()
                .expectException(violates(Kind.INVALID, "TextIsGiven"));
    }

    @Test
    void only_an_officer_of_the_owning_agency_requests_a_supplement() {
        fixture.givenCurrentTime(at(REQUESTED_ON))
                .andGiven(submitted(), accepted(), reviewStarted())
                .when(new RequestSupplement(CASE_ID, "more papers", List.of(), "cmd-supplement", OFFICER_OF_OTHER_AGENCY))
                .expectNoEvents()
                .expectException(violates(Kind.FORBIDDEN, "OwningAgencyDecides"));
    }
}
