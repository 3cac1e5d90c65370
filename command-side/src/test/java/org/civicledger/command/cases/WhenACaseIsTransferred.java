package org.civicledger.command.cases;

import static org.civicledger.command.cases.CaseScenario.*;
import static org.civicledger.command.support.RuleViolationMatcher.violates;

import java.time.LocalDate;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.civicledger.events.cases.CaseCommands.TransferCase;
import org.civicledger.events.cases.CaseEvent.CaseApproved;
import org.civicledger.events.cases.CaseEvent.CaseTransferred;
import org.civicledger.events.common.Actor;
import org.civicledger.events.common.RuleViolation.Kind;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WhenACaseIsTransferred {

    private static final LocalDate TODAY = LocalDate.of(2025, 10, 8);
    private static final String REASON = "the address is in the urban development district";

    private AggregateTestFixture<CaseFile> fixture;

    @BeforeEach
    void setUp() {
        fixture = CaseScenario.fixture(new RecordingApplicantNotices());
    }

    private static TransferCase transferTo(String agencyCode, Actor actor) {
        return new TransferCase(CASE_ID, agencyCode, REASON, "cmd-transfer", actor);
    }

    private static CaseTransferred transferred() {
        return new CaseTransferred(CASE_ID, AGENCY, OTHER_AGENCY, REASON);
    }

    @Test
    void the_owning_agency_hands_the_case_to_another_known_agency() {
        fixture.givenCurrentTime(at(TODAY))
                .andGiven(submitted(), accepted(), reviewStarted())
                .when(transferTo(OTHER_AGENCY, OFFICER))
                .expectEvents(transferred());
    }

    @Test
    void a_case_is_not_transferred_to_an_agency_the_ledger_does_not_know() {
        fixture.givenCurrentTime(at(TODAY))
                .andGiven(submitted(), accepted())
                .when(transferTo(UNKNOWN_AGENCY, OFFICER))
                .expectNoEvents()
                .expectException(violates(Kind.INVALID, "TransferToKnownAgency"));
    }

    @Test
    void a_case_is_not_transferred_to_the_agency_that_has_it() {
        fixture.givenCurrentTime(at(TODAY))
                .andGiven(submitted(), accepted())
                .when(transferTo(AGENCY, OFFICER))
                .expectNoEvents()
                .expectException(violates(Kind.INVALID, "TransferGoesElsewhere"));
    }

    @Test
    void only_the_owning_agency_transfers_a_case() {
        fixture.givenCurrentTime(at(TODAY))
                .andGiven(submitted(), accepted())
                .when(transferTo(OTHER_AGENCY, OFFICER_OF_OTHER_AGENCY))
                .expectNoEvents()
                .expectException(violates(Kind.FORBIDDEN, "OwningAgencyDecides"));
    }

    @Test
    void after_a_transfer_the_former_agency_no_longer_decides() {
        fixture.givenCurrentTime(at(TODAY))
                .andGiven(submitted(), accepted(), reviewStarted(), transferred())
                .when(approve(OFFICER))
                .expectNoEvents()
                .expectException(violates(Kind.FORBIDDEN, "OwningAgencyDecides"));
    }

    @Test
    void after_a_transfer_the_new_agency_decides() {
        fixture.givenCurrentTime(at(TODAY))
                .andGiven(submitted(), accepted(), reviewStarted(), transferred())
                .when(approve(OFFICER_OF_OTHER_AGENCY))
                .expectEvents(new CaseApproved(CASE_ID, "all documents in order", TODAY, 3, true, LocalDate.of(2025, 11, 7)));
    }

    @Test
    void a_decided_case_is_not_transferred() {
        fixture.givenCurrentTime(at(TODAY))
                .andGiven(submitted(), accepted(), reviewStarted(),
                        new CaseApproved(CASE_ID, "all documents in order", TODAY, 3, true, LocalDate.of(2025, 11, 7)))
                .when(transferTo(OTHER_AGENCY, OFFICER))
                .expectNoEvents()
                .expectException(violates(Kind.CONFLICT, "TransferBeforeDecision"));
    }
}
