package org.civicledger.command.cases;

import static org.civicledger.command.cases.CaseScenario.*;
import static org.civicledger.command.support.RuleViolationMatcher.violates;

import java.time.LocalDate;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.civicledger.events.cases.CaseCommands.ExtendDeadline;
import org.civicledger.events.cases.CaseEvent.DeadlineExtended;
import org.civicledger.events.common.RuleViolation.Kind;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WhenAnOfficerExtendsTheDeadline {

    private static final String NOTICE = "a site visit is needed before deciding";
    /** Three working days after Monday 13 October. */
    private static final LocalDate EXTENDED_DEADLINE = LocalDate.of(2025, 10, 16);

    private AggregateTestFixture<CaseFile> fixture;

    @BeforeEach
    void setUp() {
        fixture = CaseScenario.fixture(new RecordingApplicantNotices());
    }

    private static ExtendDeadline extend(int extraWorkingDays) {
        return new ExtendDeadline(CASE_ID, extraWorkingDays, NOTICE, "cmd-extend", OFFICER);
    }

    @Test
    void the_deadline_moves_by_the_extra_working_days_with_notice_to_the_applicant() {
        fixture.givenCurrentTime(at(LocalDate.of(2025, 10, 9)))
                .andGiven(submitted(), accepted(), reviewStarted())
                .when(extend(3))
                .expectEvents(new DeadlineExtended(CASE_ID, 3, NOTICE, DEADLINE, EXTENDED_DEADLINE))
                .expectScheduledDeadline(endOf(EXTENDED_DEADLINE), EXTENDED_DEADLINE);
    }

    @Test
    void a_case_is_extended_only_once() {
        fixture.givenCurrentTime(at(LocalDate.of(2025, 10, 9)))
                .andGiven(submitted(), accepted(), reviewStarted(),
                        new DeadlineExtended(CASE_ID, 3, NOTICE, DEADLINE, EXTENDED_DEADLINE))
                .when(extend(1))
                .expectNoEvents()
                .expectException(violates(Kind.CONFLICT, "DeadlineIsExtendedOnce"));
    }

    @Test
    void an_extension_longer_than_the_statutory_time_is_refused() {
        fixture.givenCurrentTime(at(LocalDate.of(2025, 10, 9)))
                .andGiven(submitted(), accepted(), reviewStarted())
                .when(extend(STATUTORY_DAYS + 1))
                .expectNoEvents()
                .expectException(violates(Kind.INVALID, "ExtensionWithinStatutoryDays"));
    }

    @Test
    void an_extension_of_no_days_is_refused() {
        fixture.givenCurrentTime(at(LocalDate.of(2025, 10, 9)))
                .andGiven(submitted(), accepted(), reviewStarted())
                .when(extend(0))
                .expectNoEvents()
                .expectException(violates(Kind.INVALID, "ExtensionWithinStatutoryDays"));
    }

    @Test
    void an_extension_needs_a_notice_for_the_applicant() {
        fixture.givenCurrentTime(at(LocalDate.of(2025, 10, 9)))
                .andGiven(submitted(), accepted(), reviewStarted())
                .when(new ExtendDeadline(CASE_ID, 2, "", "cmd-extend", OFFICER))
                .expectNoEvents()
                .expectException(violates(Kind.INVALID, "TextIsGiven"));
    }

    @Test
    void a_decided_case_is_not_extended() {
        fixture.givenCurrentTime(at(LocalDate.of(2025, 10, 9)))
                .andGivenCommands(submit(CITIZEN), accept(OFFICER), startReview(OFFICER), approve(OFFICER))
                .when(extend(2))
                .expectNoEvents()
                .expectException(violates(Kind.CONFLICT, "LifecycleOrder"));
    }
}
