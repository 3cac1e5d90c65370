package org.civicledger.command.payments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.civicledger.command.payments.PaymentScenario.*;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.civicledger.events.common.Money;
import org.civicledger.events.common.RuleViolation;
import org.civicledger.events.payments.BillCommands.IssueBill;
import org.civicledger.events.payments.BillReference;
import org.civicledger.events.payments.CallbackOutcome;
import org.civicledger.events.payments.PaymentCommands.InitiatePayment;
import org.civicledger.events.payments.PaymentCommands.RecordProviderCallback;
import org.civicledger.events.payments.PaymentCommands.RefundPayment;
import org.civicledger.events.payments.PaymentEvent.PaymentRefunded;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two officers refund the same NT$1,000 payment at the same moment, NT$600 each. Each alone would be
 * allowed; together they would refund more than was paid. The payment aggregate serializes them (its
 * repository's lock on one node; the event stream's unique sequence numbers across nodes), so the second
 * is decided on the state the first left: refused.
 */
class WhenTwoRefundsArriveAtOnce {

    private static final int ROUNDS = 25;

    private PaymentsHarness ledger;
    private ExecutorService officers;

    @BeforeEach
    void setUp() {
        ledger = new PaymentsHarness(PaymentScenario.catalog(), INITIATED_AT, TAIPEI);
        officers = Executors.newFixedThreadPool(2);
    }

    @AfterEach
    void tearDown() throws InterruptedException {
        officers.shutdownNow();
        officers.awaitTermination(10, TimeUnit.SECONDS);
        ledger.close();
    }

    @Test
    void one_is_made_and_the_other_is_refused_every_time() throws Exception {
        for (int round = 1; round <= ROUNDS; round++) {
            String billId = "bill-" + round;
            String paymentId = "payment-" + round;
            ledger.commands.sendAndWait(new IssueBill(billId, "HOUSE-TAX", LIN_MEI, Money.twd(1_000), LocalDate.of(2025, 10, 31),
                    new BillReference(BillReference.Kind.TAX_BILL, "HT-" + round), "cmd-issue-" + round, TAX_OFFICER));
            ledger.commands.sendAndWait(new InitiatePayment(paymentId, List.of(billId), BANK, "atm", "cmd-pay-" + round, PAYER));
            ledger.commands.sendAndWait(new RecordProviderCallback(paymentId, BANK, "evt-" + round, CallbackOutcome.SUCCEEDED,
                    Money.twd(1_000), null, "cmd-evt-" + round, PROVIDER_GATEWAY));

            CountDownLatch start = new CountDownLatch(1);
            List<Future<PaymentResult>> refunds = new ArrayList<>();
            for (String refundId : List.of("refund-a", "refund-b")) {
                refunds.add(officers.submit(() -> {
                    start.await();
                    return ledger.commands.sendAndWait(new RefundPayment(paymentId, refundId, Money.twd(600), "fee waived",
                            "cmd-" + refundId + "-" + paymentId, TAX_OFFICER));
                }));
            }
            start.countDown();

            int made = 0;
            int refused = 0;
            for (Future<PaymentResult> refund : refunds) {
                try {
                    refund.get(10, TimeUnit.SECONDS);
                    made++;
                } catch (java.util.concurrent.ExecutionException failure) {
                    assertThat(failure.getCause()).isInstanceOf(RuleViolation.class);
                    assertThat(((RuleViolation) failure.getCause()).rule()).isEqualTo("RefundWithinPaid");
                    refused++;
                }
            }
            assertThat(made).as("refunds made in round " + round).isEqualTo(1);
            assertThat(refused).as("refunds refused in round " + round).isEqualTo(1);
            assertThat(ledger.events()).filteredOn(event -> event instanceof PaymentRefunded refunded && refunded.paymentId().equals(paymentId))
                    .hasSize(1);
        }
    }
}
