package org.civicledger.command.cases;

import static org.civicledger.command.cases.CaseScenario.*;
import static org.civicledger.command.support.RuleViolationMatcher.violates;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.civicledger.events.common.RuleViolation.Kind;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WhenAnOfficerStartsTheReview {

    private AggregateTestFixture<CaseFile> fixture;

    @BeforeEach
    void setUp() {
        fixture = CaseScenario.fixture(new RecordingApplicantNotices());
    }

    @Test
    void an_accepted_case_goes_into_review_under_the_reviewing_officer() {
        fixture.givenCurrentTime(at(ACCEPTED_ON))
                .andGiven(submitted(), accepted())
                .when(startReview(OFFICER))
                .expectEvents(reviewStarted());
    }

    @Test
    void a_case_that_was_not_accepted_yet_cannot_be_reviewed() {
        fixture.givenCurrentTime(at(ACCEPTED_ON))
                .andGiven(submitted())
                .when(startReview(OFFICER))
                .expectNoEvents()
                .expectException(violates(Kind.CONFLICT, "LifecycleOrder"));
    }

    @Test
    void only_an_officer_of_the_owning_agency_reviews() {
        fixture.givenCurrentTime(at(ACCEPTED_ON))
                .andGiven(submitted(), accepted())
                .when(startReview(OFFICER_OF_OTHER_AGENCY))
                .expectNoEvents()
                .expectException(violates(Kind.FORBIDDEN, "OwningAgencyDecides"));
    }
}
