package org.civicledger.command.reference;

import static org.civicledger.command.support.RuleViolationMatcher.violates;

import java.util.List;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.civicledger.command.support.InMemoryReferenceCatalog;
import org.civicledger.events.common.Actor;
import org.civicledger.events.common.Money;
import org.civicledger.events.common.RuleViolation.Kind;
import org.civicledger.events.reference.CaseTypeEvent.CaseTypeRegistered;
import org.civicledger.events.reference.CaseTypeEvent.CaseTypeRevised;
import org.civicledger.events.reference.ReferenceCommands.RegisterCaseType;
import org.civicledger.events.reference.ReferenceCommands.ReviseCaseType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WhenAnOperatorKeepsTheCaseTypes {

    private static final Actor LOADER = Actor.system("ledger-loader");
    private static final List<String> DOCUMENTS = List.of("id-card", "application-form");

    private AggregateTestFixture<CaseType> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(CaseType.class);
        fixture.registerInjectableResource(new InMemoryReferenceCatalog().withAgency("CIVIL-AFFAIRS"));
    }

    private static RegisterCaseType register(String agencyCode, Money fee, int statutoryDays, Actor actor) {
        return new RegisterCaseType("RESIDENCE-CERTIFICATE", agencyCode, "Residence certificate", DOCUMENTS, fee, statutoryDays,
                true, "cmd-1", actor);
    }

    @Test
    void a_case_type_is_registered_with_its_agency_documents_fee_and_statutory_days() {
        fixture.givenNoPriorActivity()
                .when(register("CIVIL-AFFAIRS", Money.twd(15), 5, LOADER))
                .expectEvents(new CaseTypeRegistered("RESIDENCE-CERTIFICATE", "CIVIL-AFFAIRS", "Residence certificate", DOCUMENTS,
                        Money.twd(15), 5, true));
    }

    @Test
    void a_case_type_says_itself_whether_it_issues_a_certificate_whatever_its_code() {
        fixture.givenNoPriorActivity()
                .when(new RegisterCaseType("PARKING-CERTIFICATE", "CIVIL-AFFAIRS", "Parking permit", List.of(), Money.twd(0), 5,
                        false, "cmd-1", LOADER))
                .expectEvents(new CaseTypeRegistered("PARKING-CERTIFICATE", "CIVIL-AFFAIRS", "Parking permit", List.of(), Money.twd(0),
                        5, false));
    }

    @Test
    void a_case_type_belongs_to_a_known_agency() {
        fixture.givenNoPriorActivity()
                .when(register("NO-SUCH-AGENCY", Money.twd(15), 5, LOADER))
                .expectNoEvents()
                .expectException(violates(Kind.INVALID, "CaseTypeBelongsToKnownAgency"));
    }

    @Test
    void a_fee_is_never_negative() {
        fixture.givenNoPriorActivity()
                .when(register("CIVIL-AFFAIRS", Money.twd(-1), 5, LOADER))
                .expectNoEvents()
                .expectException(violates(Kind.INVALID, "FeeIsNotNegative"));
    }

    @Test
    void statutory_processing_days_are_at_least_one_and_at_most_a_year() {
        fixture.givenNoPriorActivity()
                .when(register("CIVIL-AFFAIRS", Money.twd(15), CaseType.STATUTORY_DAYS_MAX + 1, LOADER))
                .expectNoEvents()
                .expectException(violates(Kind.INVALID, "StatutoryDaysWithinLimit"));
    }

    @Test
    void a_citizen_does_not_register_case_types() {
        fixture.givenNoPriorActivity()
                .when(register("CIVIL-AFFAIRS", Money.twd(15), 5, Actor.citizen("citizen-lin-mei")))
                .expectNoEvents()
                .expectException(violates(Kind.FORBIDDEN, "ReferenceDataIsKeptByOperators"));
    }

    @Test
    void a_revision_keeps_the_previous_fee_statutory_days_and_certificate_for_auditors() {
        fixture.given(new CaseTypeRegistered("RESIDENCE-CERTIFICATE", "CIVIL-AFFAIRS", "Residence certificate", DOCUMENTS,
                        Money.twd(15), 5, true))
                .when(new ReviseCaseType("RESIDENCE-CERTIFICATE", "Residence certificate", DOCUMENTS, Money.twd(20), 3, false,
                        "fee schedule of 2026", "cmd-2", LOADER))
                .expectEvents(new CaseTypeRevised("RESIDENCE-CERTIFICATE", "Residence certificate", DOCUMENTS, Money.twd(20), 3,
                        false, Money.twd(15), 5, true, "fee schedule of 2026"));
    }

    @Test
    void a_revision_that_does_not_mention_the_certificate_keeps_it_as_it_was() {
        fixture.given(new CaseTypeRegistered("RESIDENCE-CERTIFICATE", "CIVIL-AFFAIRS", "Residence certificate", DOCUMENTS,
                        Money.twd(15), 5, true))
                .when(new ReviseCaseType("RESIDENCE-CERTIFICATE", "Residence certificate", DOCUMENTS, Money.twd(20), 3, null,
                        "fee schedule of 2026", "cmd-2", LOADER))
                .expectEvents(new CaseTypeRevised("RESIDENCE-CERTIFICATE", "Residence certificate", DOCUMENTS, Money.twd(20), 3,
                        true, Money.twd(15), 5, true, "fee schedule of 2026"));
    }
}
