package org.civicledger.command.bills;

import static org.civicledger.command.bills.BillScenario.*;
import static org.civicledger.command.support.RuleViolationMatcher.violates;

import java.time.LocalDate;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.civicledger.events.common.Actor;
import org.civicledger.events.common.Money;
import org.civicledger.events.common.RuleViolation.Kind;
import org.civicledger.events.payments.BillCommands.MarkBillPaid;
import org.civicledger.events.payments.BillEvent.BillCancelled;
import org.civicledger.events.payments.BillEvent.BillFellOverdue;
import org.civicledger.events.payments.BillEvent.BillPaid;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WhenABillIsPaid {

    private static final LocalDate PAID_ON = LocalDate.of(2025, 10, 20);

    private AggregateTestFixture<Bill> fixture;

    @BeforeEach
    void setUp() {
        fixture = BillScenario.fixture();
    }

    private static MarkBillPaid paidBy(String paymentId, long dollars) {
        return new MarkBillPaid(BILL_ID, paymentId, Money.twd(dollars), paymentId + "/settle/" + BILL_ID, SETTLEMENT);
    }

    @Test
    void a_succeeded_payment_pays_the_bill_and_it_no_longer_falls_due() {
        fixture.givenCurrentTime(at(ISSUED_ON))
                .andGivenCommands(issue(Money.twd(15), DUE_ON, OFFICER))
                .when(paidBy("payment-1", 15))
                .expectEvents(new BillPaid(BILL_ID, "payment-1", Money.twd(15), ISSUED_ON))
                .expectNoScheduledDeadlines();
    }

    @Test
    void an_overdue_bill_can_still_be_paid() {
        fixture.givenCurrentTime(at(PAID_ON.plusMonths(1)))
                .andGiven(issued(), new BillFellOverdue(BILL_ID, DUE_ON, DUE_ON.plusDays(1)))
                .when(paidBy("payment-1", 15))
                .expectEvents(new BillPaid(BILL_ID, "payment-1", Money.twd(15), PAID_ON.plusMonths(1)));
    }

    @Test
    void a_bill_is_paid_once_and_a_second_payment_is_refused_by_an_answer_that_records_nothing() {
        fixture.givenCurrentTime(at(PAID_ON))
                .andGiven(issued(), new BillPaid(BILL_ID, "payment-1", Money.twd(15), PAID_ON))
                .when(paidBy("payment-2", 15))
                .expectNoEvents()
                .expectResultMessagePayload(SettlementOutcome.refused(BILL_ID, "BillIsPaidOnce", "bill bill-1 was paid by payment-1 already"));
    }

    @Test
    void the_same_payments_settlement_again_changes_nothing() {
        fixture.givenCurrentTime(at(PAID_ON))
                .andGiven(issued(), new BillPaid(BILL_ID, "payment-1", Money.twd(15), PAID_ON))
                .when(paidBy("payment-1", 15))
                .expectNoEvents()
                .expectResultMessagePayload(SettlementOutcome.paid(BILL_ID));
    }

    @Test
    void a_cancelled_bill_or_a_different_amount_is_refused() {
        fixture.givenCurrentTime(at(PAID_ON))
                .andGiven(issued(), new BillCancelled(BILL_ID, "withdrawn", ISSUED_ON))
                .when(paidBy("payment-1", 15))
                .expectNoEvents()
                .expectResultMessagePayload(SettlementOutcome.refused(BILL_ID, "CancelledBillIsNotPaid", "bill bill-1 was cancelled"));
        fixture.givenCurrentTime(at(PAID_ON))
                .andGiven(issued())
                .when(paidBy("payment-1", 14))
                .expectNoEvents()
                .expectResultMessagePayload(SettlementOutcome.refused(BILL_ID, "PaidAmountMatchesBill",
                        "bill bill-1 is for 15 TWD, the payment brought 14 TWD"));
    }

    @Test
    void only_the_ledgers_settlement_marks_a_bill_paid() {
        fixture.givenCurrentTime(at(PAID_ON))
                .andGiven(issued())
                .when(new MarkBillPaid(BILL_ID, "payment-1", Money.twd(15), "cmd", Actor.citizen("citizen-lin-mei")))
                .expectException(violates(Kind.FORBIDDEN, "SettlementIsTheLedgers"));
    }
}
