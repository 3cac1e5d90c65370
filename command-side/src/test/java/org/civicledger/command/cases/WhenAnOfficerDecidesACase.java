package org.civicledger.command.cases;

import static org.civicledger.command.cases.CaseScenario.*;
import static org.civicledger.command.support.RuleViolationMatcher.violates;

import java.time.LocalDate;
import java.util.List;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.civicledger.events.cases.CaseCommands.RejectCase;
import org.civicledger.events.cases.CaseEvent.ApplicationWithdrawn;
import org.civicledger.events.cases.CaseEvent.CaseApproved;
import org.civicledger.events.cases.CaseEvent.CaseRejected;
import org.civicledger.events.cases.CaseEvent.SupplementProvided;
import org.civicledger.events.cases.CaseEvent.SupplementRequested;
import org.civicledger.events.common.DocumentReference;
import org.civicledger.events.common.RuleViolation.Kind;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WhenAnOfficerDecidesACase {

    private static final String APPROVAL_REASON = "all documents in order";

    private AggregateTestFixture<CaseFile> fixture;

    @BeforeEach
    void setUp() {
        fixture = CaseScenario.fixture(new RecordingApplicantNotices());
    }

    private static RejectCase reject(String reason) {
        return new RejectCase(CASE_ID, reason, "cmd-reject", OFFICER);
    }

    @Test
    void an_approval_before_the_deadline_is_recorded_as_within_the_deadline() {
        // Decided Wednesday 8 October after 3 working days; the appeal window ends Friday 7 November.
        LocalDate decidedOn = LocalDate.of(2025, 10, 8);
        fixture.givenCurrentTime(at(decidedOn))
                .andGiven(submitted(), accepted(), reviewStarted())
                .when(approve(OFFICER))
                .expectEvents(new CaseApproved(CASE_ID, APPROVAL_REASON, decidedOn, 3, true, LocalDate.of(2025, 11, 7)));
    }

    @Test
    void a_decision_after_the_deadline_is_recorded_as_late() {
        // Decided Tuesday 14 October, the day after the deadline, after 6 working days.
        LocalDate decidedOn = LocalDate.of(2025, 10, 14);
        fixture.givenCurrentTime(at(decidedOn))
                .andGiven(submitted(), accepted(), reviewStarted())
                .when(reject("the applicant does not live in the city"))
                .expectEvents(new CaseRejected(CASE_ID, "the applicant does not live in the city", decidedOn, 6, false,
                        LocalDate.of(2025, 11, 13)));
    }

    @Test
    void a_decision_on_the_deadline_day_itself_is_within_the_deadline() {
        fixture.givenCurrentTime(at(DEADLINE))
                .andGiven(submitted(), accepted(), reviewStarted())
                .when(approve(OFFICER))
                .expectEvents(new CaseApproved(CASE_ID, APPROVAL_REASON, DEADLINE, 5, true, LocalDate.of(2025, 11, 12)));
    }

    @Test
    void an_appeal_window_that_ends_on_a_day_off_runs_to_the_next_working_day() {
        // Thirty days after Thursday 9 October is Saturday 8 November; the window runs to Monday 10 November.
        LocalDate decidedOn = LocalDate.of(2025, 10, 9);
        fixture.givenCurrentTime(at(decidedOn))
                .andGiven(submitted(), accepted(), reviewStarted())
                .when(approve(OFFICER))
                .expectEvents(new CaseApproved(CASE_ID, APPROVAL_REASON, decidedOn, 4, true, LocalDate.of(2025, 11, 10)));
    }

    @Test
    void time_waiting_for_a_supplement_does_not_count_as_working_days_taken() {
        // 3 days before the pause, then 17 October after the supplement of 16 October: 4 working days.
        List<DocumentReference> register = List.of(new DocumentReference("household-register", "mydoc://documents/register-1"));
        LocalDate decidedOn = LocalDate.of(2025, 10, 17);
        fixture.givenCurrentTime(at(decidedOn))
                .andGiven(submitted(), accepted(), reviewStarted(),
                        new SupplementRequested(CASE_ID, "register missing", List.of("household-register"), LocalDate.of(2025, 10, 8), 3),
                        new SupplementProvided(CASE_ID, register, LocalDate.of(2025, 10, 16), LocalDate.of(2025, 10, 20)))
                .when(approve(OFFICER))
                .expectEvents(new CaseApproved(CASE_ID, APPROVAL_REASON, decidedOn, 4, true, LocalDate.of(2025, 11, 17)));
    }

    @Test
    void a_decision_starts_the_appeal_window_and_stops_the_statutory_clock() {
        // Accepted and decided on 9 October; the acceptance's deadline (17 October) must no longer fire.
        LocalDate decidedOn = LocalDate.of(2025, 10, 9);
        LocalDate appealWindowEndsOn = LocalDate.of(2025, 11, 10);
        fixture.givenCurrentTime(at(decidedOn))
                .andGivenCommands(submit(CITIZEN), accept(OFFICER), startReview(OFFICER))
                .when(approve(OFFICER))
                .expectScheduledDeadlineWithName(endOf(appealWindowEndsOn), CaseFile.APPEAL_WINDOW)
                .expectNoScheduledDeadlineWithName(endOf(LocalDate.of(2025, 10, 17)), CaseFile.STATUTORY_DEADLINE);
    }

    @Test
    void a_case_is_decided_only_once_it_is_in_review() {
        fixture.givenCurrentTime(at(LocalDate.of(2025, 10, 8)))
                .andGiven(submitted(), accepted())
                .when(approve(OFFICER))
                .expectNoEvents()
                .expectException(violates(Kind.CONFLICT, "LifecycleOrder"));
    }

    @Test
    void a_case_waiting_for_a_supplement_cannot_be_decided() {
        fixture.givenCurrentTime(at(LocalDate.of(2025, 10, 9)))
                .andGiven(submitted(), accepted(), reviewStarted(),
                        new SupplementRequested(CASE_ID, "register missing", List.of(), LocalDate.of(2025, 10, 8), 3))
                .when(reject("nothing came"))
                .expectNoEvents()
                .expectException(violates(Kind.CONFLICT, "LifecycleOrder"));
    }

    @Test
    void a_withdrawn_case_cannot_be_decided() {
        fixture.givenCurrentTime(at(LocalDate.of(2025, 10, 9)))
                .andGiven(submitted(), accepted(), reviewStarted(),
                        new ApplicationWithdrawn(CASE_ID, "moved away", LocalDate.of(2025, 10, 8)))
                .when(approve(OFFICER))
                .expectNoEvents()
                .expectException(violates(Kind.CONFLICT, "LifecycleOrder"));
    }

    @Test
    void a_case_is_decided_once() {
        LocalDate decidedOn = LocalDate.of(2025, 10, 8);
        fixture.givenCurrentTime(at(LocalDate.of(2025, 10, 9)))
                .andGiven(submitted(), accepted(), reviewStarted(),
                        new CaseApproved(CASE_ID, APPROVAL_REASON, decidedOn, 3, true, LocalDate.of(2025, 11, 7)))
                .when(reject("changed my mind"))
                .expectNoEvents()
                .expectException(violates(Kind.CONFLICT, "LifecycleOrder"));
    }

    @Test
    void only_an_officer_of_the_owning_agency_decides() {
        fixture.givenCurrentTime(at(LocalDate.of(2025, 10, 8)))
                .andGiven(submitted(), accepted(), reviewStarted())
                .when(approve(OFFICER_OF_OTHER_AGENCY))
                .expectNoEvents()
                .expectException(violates(Kind.FORBIDDEN, "OwningAgencyDecides"));
    }

    @Test
    void a_decision_gives_its_reason() {
        fixture.givenCurrentTime(at(LocalDate.of(2025, 10, 8)))
                .andGiven(submitted(), accepted(), reviewStarted())
                .when(reject(null))
                .expectNoEvents()
                .expectException(violates(Kind.INVALID, "TextIsGiven"));
    }
}
