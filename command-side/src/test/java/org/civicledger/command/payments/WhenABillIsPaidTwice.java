package org.civicledger.command.payments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.civicledger.command.payments.PaymentScenario.*;

import java.time.LocalDate;
import java.util.List;
import org.civicledger.events.common.Money;
import org.civicledger.events.journal.JournalEntry;
import org.civicledger.events.journal.TrialBalance;
import org.civicledger.events.payments.BillCommands.IssueBill;
import org.civicledger.events.payments.BillEvent.BillPaid;
import org.civicledger.events.payments.BillReference;
import org.civicledger.events.payments.CallbackOutcome;
import org.civicledger.events.payments.PaymentCommands.InitiatePayment;
import org.civicledger.events.payments.PaymentCommands.RecordProviderCallback;
import org.civicledger.events.payments.PaymentCommands.RefundPayment;
import org.civicledger.events.payments.PaymentEvent.OverpaymentRecorded;
import org.civicledger.events.payments.PaymentEvent.PaymentSucceeded;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The whole path on real event-sourced aggregates: a bill, two payments started for it before either
 * finished (two browser tabs), both taken by the provider. The bill is paid once; the second payment's
 * money is an overpayment owed back, and refunding it brings the agency's revenue to exactly the bill.
 */
class WhenABillIsPaidTwice {

    private PaymentsHarness ledger;

    @BeforeEach
    void setUp() {
        ledger = new PaymentsHarness(PaymentScenario.catalog(), INITIATED_AT, TAIPEI);
    }

    @AfterEach
    void tearDown() {
        ledger.close();
    }

    private void pay(String paymentId) {
        ledger.commands.sendAndWait(new InitiatePayment(paymentId, List.of("bill-1"), BANK, "atm", "cmd-" + paymentId, PAYER));
    }

    private void succeed(String paymentId) {
        ledger.commands.sendAndWait(new RecordProviderCallback(paymentId, BANK, "evt-" + paymentId, CallbackOutcome.SUCCEEDED,
                Money.twd(700), null, "cmd-evt-" + paymentId, PROVIDER_GATEWAY));
    }

    private TrialBalance trialBalance() {
        return TrialBalance.of(ledger.events().stream().filter(JournalEntry.class::isInstance).map(JournalEntry.class::cast).toList());
    }

    @Test
    void the_bill_is_paid_once_and_the_second_payment_is_an_overpayment_to_refund() {
        ledger.commands.sendAndWait(new IssueBill("bill-1", "HOUSE-TAX", LIN_MEI, Money.twd(700), LocalDate.of(2025, 10, 31),
                new BillReference(BillReference.Kind.TAX_BILL, "HT-2025-1"), "cmd-issue", TAX_OFFICER));
        pay("payment-1");
        pay("payment-2");
        succeed("payment-1");
        succeed("payment-2");
        for (PaymentSucceeded success : ledger.successes()) {
            ledger.settlement.on(success);
        }

        List<Object> events = ledger.events();
        assertThat(events).filteredOn(BillPaid.class::isInstance)
                .containsExactly(new BillPaid("bill-1", "payment-1", Money.twd(700), LocalDate.of(2025, 10, 20)));
        assertThat(events).filteredOn(OverpaymentRecorded.class::isInstance).singleElement()
                .satisfies(event -> assertThat(((OverpaymentRecorded) event).paymentId()).isEqualTo("payment-2"));
        assertThat(trialBalance().balanceMinor("overpayments", "TWD")).isEqualTo(-700);
        assertThat(trialBalance().balanceMinor(TAX_REVENUE, "TWD")).isEqualTo(-700);

        PaymentResult refunded = ledger.commands.sendAndWait(new RefundPayment("payment-2", "refund-1", Money.twd(700),
                "paid twice", "cmd-refund", TAX_OFFICER));

        assertThat(refunded.refundable()).isEqualTo(Money.twd(0));
        TrialBalance balance = trialBalance();
        assertThat(balance.isZero()).isTrue();
        assertThat(balance.balanceMinor("overpayments", "TWD")).isZero();
        assertThat(balance.balanceMinor(TAX_REVENUE, "TWD")).isEqualTo(-700);
        assertThat(balance.balanceMinor("refunds-payable:TAX", "TWD")).isEqualTo(-700);
        assertThat(balance.balanceMinor(CLEARING, "TWD")).isEqualTo(1400);
    }

    @Test
    void a_redelivered_settlement_changes_nothing() {
        ledger.commands.sendAndWait(new IssueBill("bill-1", "HOUSE-TAX", LIN_MEI, Money.twd(700), LocalDate.of(2025, 10, 31),
                new BillReference(BillReference.Kind.TAX_BILL, "HT-2025-1"), "cmd-issue", TAX_OFFICER));
        pay("payment-1");
        succeed("payment-1");
        PaymentSucceeded success = ledger.successes().get(0);
        ledger.settlement.on(success);
        int stored = ledger.events().size();

        ledger.settlement.on(success);

        assertThat(ledger.events()).hasSize(stored);
    }
}
