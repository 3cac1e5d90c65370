package org.civicledger.command.cases;

import static org.civicledger.command.cases.CaseScenario.*;
import static org.civicledger.command.support.RuleViolationMatcher.violates;

import java.time.LocalDate;
import java.util.List;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.civicledger.events.cases.CaseCommands.ProvideSupplement;
import org.civicledger.events.cases.CaseEvent.DeadlineExtended;
import org.civicledger.events.cases.CaseEvent.SupplementProvided;
import org.civicledger.events.cases.CaseEvent.SupplementRequested;
import org.civicledger.events.common.Actor;
import org.civicledger.events.common.DocumentReference;
import org.civicledger.events.common.RuleViolation.Kind;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WhenTheApplicantProvidesASupplement {

    private static final LocalDate REQUESTED_ON = LocalDate.of(2025, 10, 8);
    /** Thursday 16 October; two working days remain (17 and 20 October), so the new deadline is Monday 20 October. */
    private static final LocalDate PROVIDED_ON = LocalDate.of(2025, 10, 16);
    private static final List<DocumentReference> HOUSEHOLD_REGISTER =
            List.of(new DocumentReference("household-register", "mydoc://documents/register-1"));

    private AggregateTestFixture<CaseFile> fixture;

    @BeforeEach
    void setUp() {
        fixture = CaseScenario.fixture(new RecordingApplicantNotices());
    }

    private static SupplementRequested supplementRequested() {
        return new SupplementRequested(CASE_ID, "the household register is missing", List.of("household-register"), REQUESTED_ON, 3);
    }

    private static ProvideSupplement provide(List<DocumentReference> documents, Actor actor) {
        return new ProvideSupplement(CASE_ID, documents, "cmd-provide", actor);
    }

    @Test
    void the_clock_runs_again_with_the_remaining_working_days_counted_after_the_provided_date() {
        fixture.givenCurrentTime(at(PROVIDED_ON))
                .andGiven(submitted(), accepted(), reviewStarted(), supplementRequested())
                .when(provide(HOUSEHOLD_REGISTER, CITIZEN))
                .expectEvents(new SupplementProvided(CASE_ID, HOUSEHOLD_REGISTER, PROVIDED_ON, LocalDate.of(2025, 10, 20)));
    }

    @Test
    void the_new_statutory_deadline_is_scheduled() {
        LocalDate newDeadline = LocalDate.of(2025, 10, 20);
        fixture.givenCurrentTime(at(PROVIDED_ON))
                .andGiven(submitted(), accepted(), reviewStarted(), supplementRequested())
                .when(provide(HOUSEHOLD_REGISTER, CITIZEN))
                .expectScheduledDeadline(endOf(newDeadline), newDeadline)
                .expectScheduledDeadlineWithName(endOf(newDeadline), CaseFile.STATUTORY_DEADLINE);
    }

    @Test
    void an_extension_granted_earlier_adds_to_the_remaining_working_days() {
        // 5 statutory + 3 extra - 3 used = 5 remaining after 16 October: 17, 20, 21, 22 and 23 October.
        fixture.givenCurrentTime(at(PROVIDED_ON))
                .andGiven(submitted(), accepted(), reviewStarted(),
                        new DeadlineExtended(CASE_ID, 3, "site visit needed", DEADLINE, LocalDate.of(2025, 10, 16)),
                        supplementRequested())
                .when(provide(HOUSEHOLD_REGISTER, CITIZEN))
                .expectEvents(new SupplementProvided(CASE_ID, HOUSEHOLD_REGISTER, PROVIDED_ON, LocalDate.of(2025, 10, 23)));
    }

    @Test
    void every_requested_document_must_be_in_the_supplement() {
        List<DocumentReference> somethingElse = List.of(new DocumentReference("photo", "mydoc://documents/photo-1"));
        fixture.givenCurrentTime(at(PROVIDED_ON))
                .andGiven(submitted(), accepted(), reviewStarted(), supplementRequested())
                .when(provide(somethingElse, CITIZEN))
                .expectNoEvents()
                .expectException(violates(Kind.INVALID, "RequestedDocumentsArePresent"));
    }

    @Test
    void a_supplement_without_any_document_is_refused() {
        fixture.givenCurrentTime(at(PROVIDED_ON))
                .andGiven(submitted(), accepted(), reviewStarted(), supplementRequested())
                .when(provide(List.of(), CITIZEN))
                .expectNoEvents()
                .expectException(violates(Kind.INVALID, "SupplementHasDocuments"));
    }

    @Test
    void a_supplement_nobody_asked_for_is_refused() {
        fixture.givenCurrentTime(at(PROVIDED_ON))
                .andGiven(submitted(), accepted(), reviewStarted())
                .when(provide(HOUSEHOLD_REGISTER, CITIZEN))
                .expectNoEvents()
                .expectException(violates(Kind.CONFLICT, "LifecycleOrder"));
    }

    @Test
    void someone_who_is_neither_the_applicant_nor_the_owning_agency_cannot_provide_it() {
        fixture.givenCurrentTime(at(PROVIDED_ON))
                .andGiven(submitted(), accepted(), reviewStarted(), supplementRequested())
                .when(provide(HOUSEHOLD_REGISTER, SOMEONE_ELSE))
                .expectNoEvents()
                .expectException(violates(Kind.FORBIDDEN, "ApplicantOrOwningAgency"));
    }
}
