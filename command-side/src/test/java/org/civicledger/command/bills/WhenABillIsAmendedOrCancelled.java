package org.civicledger.command.bills;

import static org.civicledger.command.bills.BillScenario.*;
import static org.civicledger.command.support.RuleViolationMatcher.violates;

import java.time.LocalDate;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.civicledger.events.common.Money;
import org.civicledger.events.common.RuleViolation.Kind;
import org.civicledger.events.payments.BillCommands.AmendBill;
import org.civicledger.events.payments.BillCommands.CancelBill;
import org.civicledger.events.payments.BillEvent.BillAmended;
import org.civicledger.events.payments.BillEvent.BillCancelled;
import org.civicledger.events.payments.BillEvent.BillPaid;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WhenABillIsAmendedOrCancelled {

    private static final LocalDate TODAY = LocalDate.of(2025, 10, 3);
    private static final LocalDate LATER = LocalDate.of(2025, 11, 14);

    private AggregateTestFixture<Bill> fixture;

    @BeforeEach
    void setUp() {
        fixture = BillScenario.fixture();
    }

    @Test
    void an_amendment_keeps_the_former_amount_and_due_date_beside_the_new_ones_with_its_reason() {
        fixture.givenCurrentTime(at(TODAY))
                .andGiven(issued())
                .when(new AmendBill(BILL_ID, Money.twd(10), LATER, "reduced fee for a second copy", "cmd-amend", OFFICER))
                .expectEvents(new BillAmended(BILL_ID, Money.twd(10), LATER, Money.twd(15), DUE_ON, "reduced fee for a second copy", TODAY));
    }

    @Test
    void a_later_due_date_moves_the_overdue_deadline() {
        fixture.givenCurrentTime(at(ISSUED_ON))
                .andGivenCommands(issue(Money.twd(15), DUE_ON, OFFICER))
                .when(new AmendBill(BILL_ID, null, LATER, "instalment agreed", "cmd-amend", OFFICER))
                .expectScheduledDeadline(endOf(LATER), LATER)
                .expectNoScheduledDeadline(endOf(DUE_ON), DUE_ON);
    }

    @Test
    void an_amendment_needs_a_reason_and_a_change() {
        fixture.givenCurrentTime(at(TODAY))
                .andGiven(issued())
                .when(new AmendBill(BILL_ID, Money.twd(10), null, " ", "cmd-amend", OFFICER))
                .expectException(violates(Kind.INVALID, "TextIsGiven"));
        fixture.givenCurrentTime(at(TODAY))
                .andGiven(issued())
                .when(new AmendBill(BILL_ID, Money.twd(15), DUE_ON, "nothing really", "cmd-amend", OFFICER))
                .expectException(violates(Kind.INVALID, "AmendmentChangesSomething"));
    }

    @Test
    void a_bill_is_cancelled_with_a_reason_and_no_longer_falls_due() {
        fixture.givenCurrentTime(at(ISSUED_ON))
                .andGivenCommands(issue(Money.twd(15), DUE_ON, OFFICER))
                .when(new CancelBill(BILL_ID, "the application was withdrawn", "cmd-cancel", OFFICER))
                .expectEvents(new BillCancelled(BILL_ID, "the application was withdrawn", ISSUED_ON))
                .expectNoScheduledDeadlines();
    }

    @Test
    void a_paid_bill_is_neither_amended_nor_cancelled() {
        fixture.givenCurrentTime(at(TODAY))
                .andGiven(issued(), new BillPaid(BILL_ID, "payment-1", Money.twd(15), TODAY))
                .when(new CancelBill(BILL_ID, "the application was withdrawn", "cmd-cancel", OFFICER))
                .expectNoEvents()
                .expectException(violates(Kind.CONFLICT, "BillIsUnpaid"));
        fixture.givenCurrentTime(at(TODAY))
                .andGiven(issued(), new BillPaid(BILL_ID, "payment-1", Money.twd(15), TODAY))
                .when(new AmendBill(BILL_ID, Money.twd(10), null, "reduced fee", "cmd-amend", OFFICER))
                .expectException(violates(Kind.CONFLICT, "BillIsUnpaid"));
    }

    @Test
    void another_agency_neither_amends_nor_cancels() {
        fixture.givenCurrentTime(at(TODAY))
                .andGiven(issued())
                .when(new CancelBill(BILL_ID, "not ours", "cmd-cancel", OFFICER_OF_OTHER_AGENCY))
                .expectException(violates(Kind.FORBIDDEN, "OwningAgencyBills"));
    }
}
