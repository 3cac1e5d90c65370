package org.civicledger.command.bills;

import static org.civicledger.command.bills.BillScenario.*;
import static org.civicledger.command.support.RuleViolationMatcher.violates;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.civicledger.events.common.Actor;
import org.civicledger.events.common.Money;
import org.civicledger.events.common.RuleViolation.Kind;
import org.civicledger.events.payments.BillCommands.IssueBill;
import org.civicledger.events.payments.Payer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WhenAnOfficerIssuesABill {

    private AggregateTestFixture<Bill> fixture;

    @BeforeEach
    void setUp() {
        fixture = BillScenario.fixture();
    }

    @Test
    void a_bill_is_issued_under_its_fee_classs_agency_and_revenue_account_and_falls_due_at_the_end_of_its_due_date() {
        fixture.givenCurrentTime(at(ISSUED_ON))
                .when(issue(Money.twd(15), DUE_ON, OFFICER))
                .expectEvents(issued())
                .expectScheduledDeadline(endOf(DUE_ON), DUE_ON);
    }

    @Test
    void without_an_amount_the_fee_classs_default_amount_is_billed() {
        fixture.givenCurrentTime(at(ISSUED_ON))
                .when(issue(null, DUE_ON, OFFICER))
                .expectEvents(issued());
    }

    @Test
    void a_fee_class_without_a_default_amount_needs_one_on_the_bill() {
        fixture.givenCurrentTime(at(ISSUED_ON))
                .when(new IssueBill(BILL_ID, "HOUSE-TAX", PAYER, null, DUE_ON, FOR_CASE, "cmd-issue", Actor.officer("officer-lee", "TAX")))
                .expectNoEvents()
                .expectException(violates(Kind.INVALID, "AmountIsGiven"));
    }

    @Test
    void only_an_officer_of_the_fee_classs_agency_or_the_ledger_issues_it() {
        fixture.givenCurrentTime(at(ISSUED_ON))
                .when(issue(Money.twd(15), DUE_ON, OFFICER_OF_OTHER_AGENCY))
                .expectNoEvents()
                .expectException(violates(Kind.FORBIDDEN, "OwningAgencyBills"));
        fixture.givenCurrentTime(at(ISSUED_ON))
                .when(issue(Money.twd(15), DUE_ON, Actor.citizen("citizen-lin-mei")))
                .expectException(violates(Kind.FORBIDDEN, "OwningAgencyBills"));
        fixture.givenCurrentTime(at(ISSUED_ON))
                .when(issue(Money.twd(15), DUE_ON, Actor.system("case-fees")))
                .expectEvents(issued());
    }

    @Test
    void fees_are_positive_amounts_of_taiwan_dollars() {
        fixture.givenCurrentTime(at(ISSUED_ON))
                .when(issue(new Money(1500, "USD"), DUE_ON, OFFICER))
                .expectException(violates(Kind.INVALID, "FeesAreInTaiwanDollars"));
        fixture.givenCurrentTime(at(ISSUED_ON))
                .when(issue(Money.twd(0), DUE_ON, OFFICER))
                .expectException(violates(Kind.INVALID, "AmountIsPositive"));
        fixture.givenCurrentTime(at(ISSUED_ON))
                .when(issue(Money.twd(-15), DUE_ON, OFFICER))
                .expectException(violates(Kind.INVALID, "AmountIsPositive"));
    }

    @Test
    void the_due_date_is_today_or_later() {
        fixture.givenCurrentTime(at(ISSUED_ON))
                .when(issue(Money.twd(15), ISSUED_ON.minusDays(1), OFFICER))
                .expectNoEvents()
                .expectException(violates(Kind.INVALID, "DueDateIsNotPast"));
    }

    @Test
    void a_bill_names_its_payer_and_what_it_is_for() {
        fixture.givenCurrentTime(at(ISSUED_ON))
                .when(new IssueBill(BILL_ID, "CERT", Payer.erased("citizen-lin-mei"), null, DUE_ON, FOR_CASE, "cmd", OFFICER))
                .expectException(violates(Kind.INVALID, "PayerIsNamed"));
        fixture.givenCurrentTime(at(ISSUED_ON))
                .when(new IssueBill(BILL_ID, "CERT", PAYER, null, DUE_ON, null, "cmd", OFFICER))
                .expectException(violates(Kind.INVALID, "ReferenceIsGiven"));
        fixture.givenCurrentTime(at(ISSUED_ON))
                .when(new IssueBill(BILL_ID, "NO-SUCH-FEE", PAYER, null, DUE_ON, FOR_CASE, "cmd", OFFICER))
                .expectException(violates(Kind.INVALID, "FeeClassIsKnown"));
    }
}
