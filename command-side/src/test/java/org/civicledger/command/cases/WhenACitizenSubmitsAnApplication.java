package org.civicledger.command.cases;

import static org.civicledger.command.cases.CaseScenario.*;
import static org.civicledger.command.support.RuleViolationMatcher.violates;

import java.util.List;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.civicledger.events.cases.CaseCommands.SubmitApplication;
import org.civicledger.events.common.Actor;
import org.civicledger.events.common.DocumentReference;
import org.civicledger.events.common.RuleViolation.Kind;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WhenACitizenSubmitsAnApplication {

    private AggregateTestFixture<CaseFile> fixture;

    @BeforeEach
    void setUp() {
        fixture = CaseScenario.fixture(new RecordingApplicantNotices());
    }

    @Test
    void the_application_is_recorded_under_the_terms_its_case_type_has_today() {
        fixture.givenCurrentTime(at(SUBMITTED_ON))
                .when(submit(CITIZEN))
                .expectSuccessfulHandlerExecution()
                .expectEvents(submitted());
    }

    @Test
    void an_officer_of_the_owning_agency_submits_at_the_counter_for_someone_without_an_account() {
        fixture.givenCurrentTime(at(SUBMITTED_ON))
                .when(new SubmitApplication(CASE_ID, CASE_TYPE, APPLICANT_WITHOUT_ACCOUNT, DOCUMENTS, "cmd-submit", OFFICER))
                .expectEvents(submitted(APPLICANT_WITHOUT_ACCOUNT));
    }

    @Test
    void an_application_for_a_case_type_nobody_offers_is_refused() {
        fixture.givenCurrentTime(at(SUBMITTED_ON))
                .when(new SubmitApplication(CASE_ID, "NO-SUCH-SERVICE", APPLICANT, DOCUMENTS, "cmd-submit", CITIZEN))
                .expectNoEvents()
                .expectException(violates(Kind.INVALID, "CaseTypeIsKnown"));
    }

    @Test
    void an_application_without_all_required_documents_is_refused() {
        List<DocumentReference> onlyTheForm = List.of(new DocumentReference("application-form", "mydoc://documents/form-1"));
        fixture.givenCurrentTime(at(SUBMITTED_ON))
                .when(new SubmitApplication(CASE_ID, CASE_TYPE, APPLICANT, onlyTheForm, "cmd-submit", CITIZEN))
                .expectNoEvents()
                .expectException(violates(Kind.INVALID, "RequiredDocumentsArePresent"))
                .expectExceptionMessage("required documents are missing: id-card");
    }

    @Test
    void a_citizen_cannot_apply_for_someone_else() {
        fixture.givenCurrentTime(at(SUBMITTED_ON))
                .when(submit(SOMEONE_ELSE))
                .expectNoEvents()
                .expectException(violates(Kind.FORBIDDEN, "ApplicantsApplyForThemselves"));
    }

    @Test
    void an_officer_of_another_agency_cannot_submit_at_the_counter() {
        fixture.givenCurrentTime(at(SUBMITTED_ON))
                .when(submit(OFFICER_OF_OTHER_AGENCY))
                .expectNoEvents()
                .expectException(violates(Kind.FORBIDDEN, "ApplicantsApplyForThemselves"));
    }

    @Test
    void the_ledger_itself_cannot_submit_an_application_for_a_citizen() {
        // A system actor is neither the applicant nor the counter: applications always have a human author.
        fixture.givenCurrentTime(at(SUBMITTED_ON))
                .when(submit(Actor.system("ledger-loader")))
                .expectNoEvents()
                .expectException(violates(Kind.FORBIDDEN, "ApplicantsApplyForThemselves"));
    }
}
