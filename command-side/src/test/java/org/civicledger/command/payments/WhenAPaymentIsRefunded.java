package org.civicledger.command.payments;

import static org.civicledger.command.payments.PaymentScenario.*;
import static org.civicledger.command.support.RuleViolationMatcher.violates;

import java.time.Instant;
import java.util.List;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.civicledger.events.common.Money;
import org.civicledger.events.common.RuleViolation.Kind;
import org.civicledger.events.journal.JournalLine;
import org.civicledger.events.payments.PaymentCommands.RecordChargeback;
import org.civicledger.events.payments.PaymentCommands.RecordOverpayment;
import org.civicledger.events.payments.PaymentEvent.ChargebackRecorded;
import org.civicledger.events.payments.PaymentEvent.JournalEntryRecorded;
import org.civicledger.events.payments.PaymentEvent.OverpaymentRecorded;
import org.civicledger.events.payments.PaymentEvent.PaymentRefunded;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WhenAPaymentIsRefunded {

    private static final Instant NEXT_DAY = INITIATED_AT.plusSeconds(86_400);
    private static final String REASON = "charged twice at the counter";

    private AggregateTestFixture<Payment> fixture;

    @BeforeEach
    void setUp() {
        fixture = PaymentScenario.fixture();
    }

    private static JournalEntryRecorded entry(int number, String cause, JournalLine... lines) {
        return new JournalEntryRecorded(PAYMENT_ID, PAYMENT_ID + "/" + number, cause, NEXT_DAY, List.of(lines));
    }

    @Test
    void a_partial_refund_moves_revenue_to_the_agencys_refunds_payable() {
        fixture.givenCurrentTime(NEXT_DAY)
                .andGiven(succeededWithBothBills())
                .when(refund("refund-1", 10, LEDGER))
                .expectEvents(new PaymentRefunded(PAYMENT_ID, "refund-1", Money.twd(10), REASON, NEXT_DAY),
                        entry(2, "refund", JournalLine.debit(CERT_REVENUE, CIVIL, 10, "TWD"),
                                JournalLine.credit("refunds-payable:CIVIL-AFFAIRS", CIVIL, 10, "TWD")));
    }

    @Test
    void a_full_refund_takes_each_bills_share_from_its_own_agency() {
        fixture.givenCurrentTime(NEXT_DAY)
                .andGiven(succeededWithBothBills())
                .when(refund("refund-1", 715, LEDGER))
                .expectEvents(new PaymentRefunded(PAYMENT_ID, "refund-1", Money.twd(715), REASON, NEXT_DAY),
                        entry(2, "refund",
                                JournalLine.debit(CERT_REVENUE, CIVIL, 15, "TWD"),
                                JournalLine.credit("refunds-payable:CIVIL-AFFAIRS", CIVIL, 15, "TWD"),
                                JournalLine.debit(TAX_REVENUE, TAX, 700, "TWD"),
                                JournalLine.credit("refunds-payable:TAX", TAX, 700, "TWD")));
    }

    @Test
    void nothing_is_refunded_beyond_what_was_paid_minus_what_was_refunded() {
        fixture.givenCurrentTime(NEXT_DAY)
                .andGiven(succeededWithBothBills())
                .andGiven(new PaymentRefunded(PAYMENT_ID, "refund-1", Money.twd(700), REASON, NEXT_DAY),
                        entry(2, "refund", JournalLine.debit(CERT_REVENUE, CIVIL, 15, "TWD"),
                                JournalLine.credit("refunds-payable:CIVIL-AFFAIRS", CIVIL, 15, "TWD"),
                                JournalLine.debit(TAX_REVENUE, TAX, 685, "TWD"),
                                JournalLine.credit("refunds-payable:TAX", TAX, 685, "TWD")))
                .when(refund("refund-2", 16, LEDGER))
                .expectNoEvents()
                .expectException(violates(Kind.CONFLICT, "RefundWithinPaid"));
    }

    @Test
    void a_retried_refund_request_changes_nothing_and_a_reused_id_with_another_amount_is_refused() {
        Object[] refunded = {new PaymentRefunded(PAYMENT_ID, "refund-1", Money.twd(10), REASON, NEXT_DAY),
            entry(2, "refund", JournalLine.debit(CERT_REVENUE, CIVIL, 10, "TWD"),
                    JournalLine.credit("refunds-payable:CIVIL-AFFAIRS", CIVIL, 10, "TWD"))};
        fixture.givenCurrentTime(NEXT_DAY)
                .andGiven(succeededWithBothBills()).andGiven(refunded)
                .when(refund("refund-1", 10, LEDGER))
                .expectNoEvents()
                .expectSuccessfulHandlerExecution();
        fixture.givenCurrentTime(NEXT_DAY)
                .andGiven(succeededWithBothBills()).andGiven(refunded)
                .when(refund("refund-1", 11, LEDGER))
                .expectNoEvents()
                .expectException(violates(Kind.CONFLICT, "ReturnIdIsUsedOnce"));
    }

    @Test
    void an_officer_refunds_only_a_payment_whose_bills_are_all_of_their_agency() {
        fixture.givenCurrentTime(NEXT_DAY)
                .andGiven(succeededWithBothBills())
                .when(refund("refund-1", 10, CIVIL_OFFICER))
                .expectNoEvents()
                .expectException(violates(Kind.FORBIDDEN, "RefundsByOwningAgency"));
        fixture.givenCurrentTime(NEXT_DAY)
                .andGiven(initiated(CERT_SHARE))
                .andGivenCommands(callback("evt-ok", org.civicledger.events.payments.CallbackOutcome.SUCCEEDED, Money.twd(15)))
                .when(refund("refund-1", 5, CIVIL_OFFICER))
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void a_payment_that_received_no_money_cannot_be_refunded() {
        fixture.givenCurrentTime(NEXT_DAY)
                .andGiven(initiated(CERT_SHARE))
                .when(refund("refund-1", 5, LEDGER))
                .expectNoEvents()
                .expectException(violates(Kind.CONFLICT, "ReturnOfReceivedMoney"));
    }

    @Test
    void a_refund_gives_back_overpaid_money_before_revenue() {
        fixture.givenCurrentTime(NEXT_DAY)
                .andGiven(succeededWithBothBills())
                .andGiven(new OverpaymentRecorded(PAYMENT_ID, "bill-tax", Money.twd(700), "bill bill-tax was paid by payment-0 already"),
                        entry(2, "overpayment", JournalLine.debit(TAX_REVENUE, TAX, 700, "TWD"),
                                JournalLine.credit("overpayments", TAX, 700, "TWD")))
                .when(refund("refund-1", 705, LEDGER))
                .expectEvents(new PaymentRefunded(PAYMENT_ID, "refund-1", Money.twd(705), REASON, NEXT_DAY),
                        entry(3, "refund",
                                JournalLine.debit("overpayments", TAX, 700, "TWD"),
                                JournalLine.credit("refunds-payable:TAX", TAX, 700, "TWD"),
                                JournalLine.debit(CERT_REVENUE, CIVIL, 5, "TWD"),
                                JournalLine.credit("refunds-payable:CIVIL-AFFAIRS", CIVIL, 5, "TWD")));
    }

    @Test
    void an_overpayment_moves_the_bills_share_from_revenue_to_overpayments_once() {
        RecordOverpayment overpaid = new RecordOverpayment(PAYMENT_ID, "bill-tax", "bill bill-tax was paid by payment-0 already",
                "cmd-over", BillSettlement.SETTLEMENT);
        fixture.givenCurrentTime(NEXT_DAY)
                .andGiven(succeededWithBothBills())
                .when(overpaid)
                .expectEvents(new OverpaymentRecorded(PAYMENT_ID, "bill-tax", Money.twd(700), "bill bill-tax was paid by payment-0 already"),
                        entry(2, "overpayment", JournalLine.debit(TAX_REVENUE, TAX, 700, "TWD"),
                                JournalLine.credit("overpayments", TAX, 700, "TWD")));
        fixture.givenCurrentTime(NEXT_DAY)
                .andGiven(succeededWithBothBills())
                .andGivenCommands(overpaid)
                .when(overpaid)
                .expectNoEvents();
    }

    @Test
    void a_chargeback_returns_money_to_the_provider_within_what_was_paid() {
        fixture.givenCurrentTime(NEXT_DAY)
                .andGiven(succeededWithBothBills())
                .when(new RecordChargeback(PAYMENT_ID, "cb-1", Money.twd(15), "card holder disputes", "cmd-cb", PROVIDER_GATEWAY))
                .expectEvents(new ChargebackRecorded(PAYMENT_ID, "cb-1", Money.twd(15), "card holder disputes", NEXT_DAY),
                        entry(2, "chargeback", JournalLine.debit(CERT_REVENUE, CIVIL, 15, "TWD"),
                                JournalLine.credit(CLEARING, CIVIL, 15, "TWD")));
        fixture.givenCurrentTime(NEXT_DAY)
                .andGiven(succeededWithBothBills())
                .andGivenCommands(refund("refund-1", 700, LEDGER))
                .when(new RecordChargeback(PAYMENT_ID, "cb-1", Money.twd(16), "card holder disputes", "cmd-cb", PROVIDER_GATEWAY))
                .expectNoEvents()
                .expectException(violates(Kind.CONFLICT, "ChargebackWithinPaid"));
    }

    @Test
    void a_provider_charges_back_only_the_payments_made_through_it() {
        fixture.givenCurrentTime(NEXT_DAY)
                .andGiven(succeededWithBothBills())
                .when(new RecordChargeback(PAYMENT_ID, "cb-1", Money.twd(15), "card holder disputes", "cmd-cb",
                        org.civicledger.events.common.Actor.system("provider:OTHER-WALLET")))
                .expectNoEvents()
                .expectException(violates(Kind.FORBIDDEN, "CallbackFromThePaymentsProvider"));
    }
}
