package org.civicledger.command.cases;

import static org.civicledger.command.cases.CaseScenario.*;

import java.time.LocalDate;
import java.util.List;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.civicledger.events.cases.CaseCommands.ExtendDeadline;
import org.civicledger.events.cases.CaseCommands.RequestSupplement;
import org.civicledger.events.cases.CaseEvent.CaseFlaggedOverdue;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The deadline handler runs in the ledger, not on a command: these tests give the history as commands
 * (so that the deadlines are really scheduled and cancelled) and then let the fixture's time run.
 */
class WhenTheStatutoryDeadlinePasses {

    /** Tuesday morning after the Monday 13 October deadline. */
    private static final LocalDate DAY_AFTER_DEADLINE = LocalDate.of(2025, 10, 14);

    private AggregateTestFixture<CaseFile> fixture;

    @BeforeEach
    void setUp() {
        fixture = CaseScenario.fixture(new RecordingApplicantNotices());
    }

    @Test
    void an_open_case_is_flagged_overdue_the_day_after_its_deadline() {
        fixture.givenCurrentTime(at(ACCEPTED_ON))
                .andGivenCommands(submit(CITIZEN), accept(OFFICER), startReview(OFFICER))
                .whenTimeAdvancesTo(at(DAY_AFTER_DEADLINE))
                .expectTriggeredDeadlinesWithName(CaseFile.STATUTORY_DEADLINE)
                .expectEvents(new CaseFlaggedOverdue(CASE_ID, DEADLINE, DAY_AFTER_DEADLINE));
    }

    @Test
    void nothing_is_flagged_before_the_deadline_day_has_ended() {
        fixture.givenCurrentTime(at(ACCEPTED_ON))
                .andGivenCommands(submit(CITIZEN), accept(OFFICER), startReview(OFFICER))
                .whenTimeAdvancesTo(DEADLINE.atTime(23, 59).atZone(TAIPEI).toInstant())
                .expectNoEvents();
    }

    @Test
    void a_case_whose_deadline_was_extended_is_not_flagged_at_the_old_deadline() {
        fixture.givenCurrentTime(at(ACCEPTED_ON))
                .andGivenCommands(submit(CITIZEN), accept(OFFICER), startReview(OFFICER),
                        new ExtendDeadline(CASE_ID, 3, "a site visit is needed", "cmd-extend", OFFICER))
                .whenTimeAdvancesTo(at(DAY_AFTER_DEADLINE))
                .expectNoEvents()
                .expectScheduledDeadline(endOf(LocalDate.of(2025, 10, 16)), LocalDate.of(2025, 10, 16));
    }

    @Test
    void a_case_waiting_for_a_supplement_is_not_flagged() {
        fixture.givenCurrentTime(at(ACCEPTED_ON))
                .andGivenCommands(submit(CITIZEN), accept(OFFICER), startReview(OFFICER),
                        new RequestSupplement(CASE_ID, "register missing", List.of("household-register"), "cmd-supplement", OFFICER))
                .whenTimeAdvancesTo(at(DAY_AFTER_DEADLINE))
                .expectNoEvents();
    }

    @Test
    void a_decided_case_is_not_flagged() {
        fixture.givenCurrentTime(at(ACCEPTED_ON))
                .andGivenCommands(submit(CITIZEN), accept(OFFICER), startReview(OFFICER), approve(OFFICER))
                .whenTimeAdvancesTo(at(DAY_AFTER_DEADLINE))
                .expectNoEvents();
    }
}
