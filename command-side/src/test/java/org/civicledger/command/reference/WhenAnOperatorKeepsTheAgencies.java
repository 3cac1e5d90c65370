package org.civicledger.command.reference;

import static org.civicledger.command.support.RuleViolationMatcher.violates;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.civicledger.events.common.Actor;
import org.civicledger.events.common.Role;
import org.civicledger.events.common.RuleViolation.Kind;
import org.civicledger.events.reference.AgencyEvent.AgencyRegistered;
import org.civicledger.events.reference.AgencyEvent.AgencyRenamed;
import org.civicledger.events.reference.ReferenceCommands.RegisterAgency;
import org.civicledger.events.reference.ReferenceCommands.RenameAgency;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WhenAnOperatorKeepsTheAgencies {

    private static final Actor OPERATOR = new Actor("operator-kao", Role.OPERATOR, null);

    private AggregateTestFixture<Agency> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Agency.class);
    }

    @Test
    void an_operator_registers_an_agency() {
        fixture.givenNoPriorActivity()
                .when(new RegisterAgency("CIVIL-AFFAIRS", "Department of Civil Affairs", "cmd-1", OPERATOR))
                .expectEvents(new AgencyRegistered("CIVIL-AFFAIRS", "Department of Civil Affairs"));
    }

    @Test
    void an_officer_does_not_register_agencies() {
        fixture.givenNoPriorActivity()
                .when(new RegisterAgency("CIVIL-AFFAIRS", "Department of Civil Affairs", "cmd-1",
                        Actor.officer("officer-wang", "CIVIL-AFFAIRS")))
                .expectNoEvents()
                .expectException(violates(Kind.FORBIDDEN, "ReferenceDataIsKeptByOperators"));
    }

    @Test
    void an_agency_code_is_short_and_plain() {
        fixture.givenNoPriorActivity()
                .when(new RegisterAgency("civil affairs!", "Department of Civil Affairs", "cmd-1", OPERATOR))
                .expectNoEvents()
                .expectException(violates(Kind.INVALID, "CodesAreShortAndPlain"));
    }

    @Test
    void a_rename_keeps_the_previous_name_beside_the_new_one() {
        fixture.given(new AgencyRegistered("CIVIL-AFFAIRS", "Civil Affairs Bureau"))
                .when(new RenameAgency("CIVIL-AFFAIRS", "Department of Civil Affairs", "reorganisation of 2025", "cmd-2",
                        Actor.system("ledger-loader")))
                .expectEvents(new AgencyRenamed("CIVIL-AFFAIRS", "Civil Affairs Bureau", "Department of Civil Affairs",
                        "reorganisation of 2025"));
    }

    @Test
    void renaming_an_agency_to_its_current_name_records_nothing() {
        fixture.given(new AgencyRegistered("CIVIL-AFFAIRS", "Department of Civil Affairs"))
                .when(new RenameAgency("CIVIL-AFFAIRS", "Department of Civil Affairs", "typo check", "cmd-2", OPERATOR))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }
}
