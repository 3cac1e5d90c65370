package org.civicledger.command.cases;

import static org.civicledger.command.cases.CaseScenario.*;

import java.time.LocalDate;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.civicledger.events.cases.CaseCommands.CloseCase;
import org.civicledger.events.cases.CaseEvent.CaseClosed;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WhenTheAppealWindowEnds {

    /** Accepted, reviewed and approved on Thursday 9 October; the window runs to Monday 10 November. */
    private static final LocalDate DECIDED_ON = LocalDate.of(2025, 10, 9);
    private static final LocalDate WINDOW_ENDS_ON = LocalDate.of(2025, 11, 10);

    private AggregateTestFixture<CaseFile> fixture;

    @BeforeEach
    void setUp() {
        fixture = CaseScenario.fixture(new RecordingApplicantNotices());
    }

    @Test
    void a_decided_case_nobody_appealed_closes_itself_the_next_day() {
        fixture.givenCurrentTime(at(DECIDED_ON))
                .andGivenCommands(submit(CITIZEN), accept(OFFICER), startReview(OFFICER), approve(OFFICER))
                .whenTimeAdvancesTo(at(WINDOW_ENDS_ON.plusDays(1)))
                .expectTriggeredDeadlinesWithName(CaseFile.APPEAL_WINDOW)
                .expectEvents(new CaseClosed(CASE_ID, "appeal window ended on 2025-11-10", WINDOW_ENDS_ON.plusDays(1)));
    }

    @Test
    void the_case_stays_open_to_appeal_on_the_last_day_of_the_window() {
        fixture.givenCurrentTime(at(DECIDED_ON))
                .andGivenCommands(submit(CITIZEN), accept(OFFICER), startReview(OFFICER), approve(OFFICER))
                .whenTimeAdvancesTo(at(WINDOW_ENDS_ON))
                .expectNoEvents();
    }

    @Test
    void a_case_the_agency_closed_meanwhile_is_not_closed_twice() {
        fixture.givenCurrentTime(at(DECIDED_ON))
                .andGivenCommands(submit(CITIZEN), accept(OFFICER), startReview(OFFICER), approve(OFFICER),
                        new CloseCase(CASE_ID, "the applicant waived the appeal", "cmd-close", OFFICER))
                .whenTimeAdvancesTo(at(WINDOW_ENDS_ON.plusDays(1)))
                .expectNoEvents();
    }
}
