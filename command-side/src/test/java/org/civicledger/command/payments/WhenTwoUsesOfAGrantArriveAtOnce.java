package org.civicledger.command.payments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.civicledger.command.payments.PaymentScenario.*;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.civicledger.command.grants.GrantResult;
import org.civicledger.events.common.Actor;
import org.civicledger.events.common.Money;
import org.civicledger.events.common.RuleViolation;
import org.civicledger.events.grants.Beneficiary;
import org.civicledger.events.grants.GrantCommands.AwardGrant;
import org.civicledger.events.grants.GrantCommands.UseGrant;
import org.civicledger.events.grants.GrantEvent.GrantUsed;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A grant holding NT$300 is used twice at the same moment, NT$200 each (two rides booked from two phones).
 * Each alone would be allowed; together they would take the balance below zero. The grant's stream
 * serializes them, as it does a payment's refunds, so the second is decided on the balance the first left.
 * (In this package because {@link PaymentsHarness}, the ledger's money aggregates run for real, lives here.)
 */
class WhenTwoUsesOfAGrantArriveAtOnce {

    private static final int ROUNDS = 25;

    private PaymentsHarness ledger;
    private ExecutorService phones;

    @BeforeEach
    void setUp() {
        ledger = new PaymentsHarness(PaymentScenario.catalog(), INITIATED_AT, TAIPEI);
        phones = Executors.newFixedThreadPool(2);
    }

    @AfterEach
    void tearDown() throws InterruptedException {
        phones.shutdownNow();
        phones.awaitTermination(10, TimeUnit.SECONDS);
        ledger.close();
    }

    @Test
    void one_is_made_and_the_other_is_refused_every_time() throws Exception {
        Beneficiary linMei = new Beneficiary(LIN_MEI.citizenSubject(), LIN_MEI.nationalId(), LIN_MEI.name());
        for (int round = 1; round <= ROUNDS; round++) {
            String grantId = "grant-" + round;
            ledger.commands.sendAndWait(new AwardGrant(grantId, "WELFARE", "RIDES", linMei, Money.twd(300), Money.twd(250),
                    INITIATED_AT.plus(Duration.ofDays(30)), "cmd-award-" + round, Actor.officer("officer-huang", "WELFARE")));

            CountDownLatch start = new CountDownLatch(1);
            List<Future<GrantResult>> uses = new ArrayList<>();
            for (String useId : List.of("ride-a", "ride-b")) {
                uses.add(phones.submit(() -> {
                    start.await();
                    return ledger.commands.sendAndWait(new UseGrant(grantId, useId, Money.twd(200), BANK, "atm", "ride",
                            "cmd-" + useId + "-" + grantId, PAYER));
                }));
            }
            start.countDown();

            int made = 0;
            int refused = 0;
            for (Future<GrantResult> use : uses) {
                try {
                    assertThat(use.get(10, TimeUnit.SECONDS).balance()).isEqualTo(Money.twd(100));
                    made++;
                } catch (ExecutionException failure) {
                    assertThat(failure.getCause()).isInstanceOf(RuleViolation.class);
                    assertThat(((RuleViolation) failure.getCause()).rule()).isEqualTo("UseWithinBalance");
                    refused++;
                }
            }
            assertThat(made).as("uses made in round " + round).isEqualTo(1);
            assertThat(refused).as("uses refused in round " + round).isEqualTo(1);
            assertThat(ledger.events()).filteredOn(event -> event instanceof GrantUsed used && used.grantId().equals(grantId)).hasSize(1);
        }
    }
}
