package org.civicledger.command.reference;

import static org.civicledger.command.support.RuleViolationMatcher.violates;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.civicledger.command.support.InMemoryReferenceCatalog;
import org.civicledger.events.common.Actor;
import org.civicledger.events.common.Money;
import org.civicledger.events.common.RuleViolation.Kind;
import org.civicledger.events.reference.FeeClassEvent.FeeClassRegistered;
import org.civicledger.events.reference.FeeClassEvent.FeeClassRevised;
import org.civicledger.events.reference.FeeKind;
import org.civicledger.events.reference.PaymentReferenceCommands.RegisterFeeClass;
import org.civicledger.events.reference.PaymentReferenceCommands.ReviseFeeClass;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WhenAnOperatorKeepsTheFeeClasses {

    private static final Actor LOADER = Actor.system("ledger-loader");
    private static final String REVENUE = "revenue:CIVIL-AFFAIRS:CERT";

    private AggregateTestFixture<FeeClass> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(FeeClass.class);
        fixture.registerInjectableResource(new InMemoryReferenceCatalog().withAgency("CIVIL-AFFAIRS"));
    }

    private static RegisterFeeClass register(String agency, Money defaultAmount, String revenueAccount, Actor actor) {
        return new RegisterFeeClass("CERT", "Residence certificate fee", FeeKind.GOVERNMENT_FEE, agency, defaultAmount, revenueAccount,
                "cmd-1", actor);
    }

    @Test
    void a_fee_class_is_registered_with_its_agency_kind_default_amount_and_revenue_account() {
        fixture.givenNoPriorActivity()
                .when(register("CIVIL-AFFAIRS", Money.twd(15), REVENUE, LOADER))
                .expectEvents(new FeeClassRegistered("CERT", "Residence certificate fee", FeeKind.GOVERNMENT_FEE, "CIVIL-AFFAIRS",
                        Money.twd(15), REVENUE));
    }

    @Test
    void a_fee_class_may_leave_the_amount_to_each_bill() {
        fixture.givenNoPriorActivity()
                .when(register("CIVIL-AFFAIRS", null, REVENUE, LOADER))
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void its_revenue_goes_to_a_revenue_account_of_its_own_agency() {
        fixture.givenNoPriorActivity()
                .when(register("CIVIL-AFFAIRS", Money.twd(15), "revenue:TAX:CERT", LOADER))
                .expectException(violates(Kind.INVALID, "RevenueGoesToTheOwningAgency"));
        fixture.givenNoPriorActivity()
                .when(register("CIVIL-AFFAIRS", Money.twd(15), "bank", LOADER))
                .expectException(violates(Kind.INVALID, "RevenueGoesToTheOwningAgency"));
    }

    @Test
    void the_case_fee_class_codes_of_the_agencies_are_reserved() {
        fixture.givenNoPriorActivity()
                .when(new RegisterFeeClass("CASE-FEES.CIVIL-AFFAIRS", "Case fees", FeeKind.GOVERNMENT_FEE, "CIVIL-AFFAIRS", null,
                        "revenue:CIVIL-AFFAIRS:CASE-FEES.CIVIL-AFFAIRS", "cmd-1", LOADER))
                .expectException(violates(Kind.INVALID, "CaseFeeClassesAreImplicit"));
    }

    @Test
    void a_default_amount_is_a_positive_amount_of_taiwan_dollars() {
        fixture.givenNoPriorActivity()
                .when(register("CIVIL-AFFAIRS", new Money(1500, "USD"), REVENUE, LOADER))
                .expectException(violates(Kind.INVALID, "FeesAreInTaiwanDollars"));
        fixture.givenNoPriorActivity()
                .when(register("CIVIL-AFFAIRS", Money.twd(0), REVENUE, LOADER))
                .expectException(violates(Kind.INVALID, "AmountIsPositive"));
    }

    @Test
    void a_fee_class_belongs_to_a_known_agency_and_is_kept_by_operators() {
        fixture.givenNoPriorActivity()
                .when(register("NO-SUCH-AGENCY", Money.twd(15), "revenue:NO-SUCH-AGENCY:CERT", LOADER))
                .expectException(violates(Kind.INVALID, "FeeClassBelongsToKnownAgency"));
        fixture.givenNoPriorActivity()
                .when(register("CIVIL-AFFAIRS", Money.twd(15), REVENUE, Actor.officer("officer-wang", "CIVIL-AFFAIRS")))
                .expectException(violates(Kind.FORBIDDEN, "ReferenceDataIsKeptByOperators"));
    }

    @Test
    void a_revision_keeps_the_former_amount_and_revenue_account_for_auditors() {
        fixture.given(new FeeClassRegistered("CERT", "Residence certificate fee", FeeKind.GOVERNMENT_FEE, "CIVIL-AFFAIRS",
                        Money.twd(15), REVENUE))
                .when(new ReviseFeeClass("CERT", "Residence certificate fee", Money.twd(20), "revenue:CIVIL-AFFAIRS:CERTIFICATES",
                        "fee schedule of 2026", "cmd-2", LOADER))
                .expectEvents(new FeeClassRevised("CERT", "Residence certificate fee", Money.twd(20), "revenue:CIVIL-AFFAIRS:CERTIFICATES",
                        Money.twd(15), REVENUE, "fee schedule of 2026"));
    }
}
