package org.civicledger.command.payments;

import static org.civicledger.command.payments.PaymentScenario.*;

import java.time.Instant;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.civicledger.events.common.Money;
import org.civicledger.events.payments.CallbackOutcome;
import org.civicledger.events.payments.PaymentEvent.PaymentExpired;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The expiry is a deadline: the history is given as commands so that it is really scheduled and cancelled. */
class WhenTheTimeToFinishEnds {

    private static final Instant EXPIRES_AT = INITIATED_AT.plus(Payment.TIME_TO_FINISH);

    private AggregateTestFixture<Payment> fixture;

    @BeforeEach
    void setUp() {
        fixture = PaymentScenario.fixture();
    }

    @Test
    void an_unfinished_payment_expires() {
        fixture.givenCurrentTime(INITIATED_AT)
                .andGivenCommands(initiate(PAYER, "bill-cert"), callback("evt-1", CallbackOutcome.AUTHORIZED, null))
                .whenTimeAdvancesTo(EXPIRES_AT.plusSeconds(1))
                .expectTriggeredDeadlinesWithName(Payment.EXPIRY_DEADLINE)
                .expectEvents(new PaymentExpired(PAYMENT_ID, EXPIRES_AT));
    }

    @Test
    void a_succeeded_payment_does_not_expire() {
        fixture.givenCurrentTime(INITIATED_AT)
                .andGivenCommands(initiate(PAYER, "bill-cert"), callback("evt-ok", CallbackOutcome.SUCCEEDED, Money.twd(15)))
                .whenTimeAdvancesTo(EXPIRES_AT.plusSeconds(1))
                .expectNoEvents();
    }
}
