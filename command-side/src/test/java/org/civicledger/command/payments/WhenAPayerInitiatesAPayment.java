package org.civicledger.command.payments;

import static org.civicledger.command.payments.PaymentScenario.*;
import static org.civicledger.command.support.RuleViolationMatcher.violates;

import java.util.List;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.civicledger.events.common.RuleViolation.Kind;
import org.civicledger.events.payments.PaymentCommands.InitiatePayment;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WhenAPayerInitiatesAPayment {

    private AggregateTestFixture<Payment> fixture;

    @BeforeEach
    void setUp() {
        fixture = PaymentScenario.fixture();
    }

    @Test
    void a_payment_for_one_bill_is_initiated_and_given_an_hour_to_finish() {
        fixture.givenCurrentTime(INITIATED_AT)
                .when(initiate(PAYER, "bill-cert"))
                .expectEvents(initiated(CERT_SHARE))
                .expectScheduledDeadline(INITIATED_AT.plus(Payment.TIME_TO_FINISH), INITIATED_AT.plus(Payment.TIME_TO_FINISH));
    }

    @Test
    void pay_all_pays_several_bills_of_several_agencies_at_once_overdue_ones_included() {
        fixture.givenCurrentTime(INITIATED_AT)
                .when(initiate(PAYER, "bill-cert", "bill-tax"))
                .expectEvents(initiated(CERT_SHARE, TAX_SHARE));
    }

    @Test
    void a_citizen_pays_only_their_own_bills() {
        fixture.givenCurrentTime(INITIATED_AT)
                .when(initiate(SOMEONE_ELSE, "bill-cert"))
                .expectNoEvents()
                .expectException(violates(Kind.FORBIDDEN, "PayerPays"));
    }

    @Test
    void pay_all_takes_the_bills_of_one_payer_only() {
        fixture.givenCurrentTime(INITIATED_AT)
                .when(initiate(PAYER, "bill-cert", "bill-fine"))
                .expectNoEvents()
                .expectException(violates(Kind.INVALID, "OnePayer"));
    }

    @Test
    void pay_all_takes_bills_of_one_currency_only() {
        fixture.givenCurrentTime(INITIATED_AT)
                .when(initiate(PAYER, "bill-cert", "bill-usd"))
                .expectNoEvents()
                .expectException(violates(Kind.INVALID, "OneCurrency"));
    }

    @Test
    void a_paid_bill_is_not_paid_again() {
        fixture.givenCurrentTime(INITIATED_AT)
                .when(initiate(PAYER, "bill-cert", "bill-paid"))
                .expectNoEvents()
                .expectException(violates(Kind.CONFLICT, "BillIsOpen"));
    }

    @Test
    void an_unknown_bill_is_not_found() {
        fixture.givenCurrentTime(INITIATED_AT)
                .when(initiate(PAYER, "bill-nobody-issued"))
                .expectNoEvents()
                .expectException(violates(Kind.NOT_FOUND, "BillIsKnown"));
    }

    @Test
    void each_bill_is_listed_once_and_at_least_one_is() {
        fixture.givenCurrentTime(INITIATED_AT)
                .when(initiate(PAYER, "bill-cert", "bill-cert"))
                .expectException(violates(Kind.INVALID, "BillsAreListed"));
        fixture.givenCurrentTime(INITIATED_AT)
                .when(initiate(PAYER))
                .expectException(violates(Kind.INVALID, "BillsAreListed"));
    }

    @Test
    void the_provider_must_offer_the_channel() {
        fixture.givenCurrentTime(INITIATED_AT)
                .when(new InitiatePayment(PAYMENT_ID, List.of("bill-cert"), BANK, "telecom-bill", "cmd-pay", PAYER))
                .expectNoEvents()
                .expectException(violates(Kind.INVALID, "ChannelIsOffered"));
        fixture.givenCurrentTime(INITIATED_AT)
                .when(new InitiatePayment(PAYMENT_ID, List.of("bill-cert"), "NO-SUCH-BANK", "atm", "cmd-pay", PAYER))
                .expectNoEvents()
                .expectException(violates(Kind.INVALID, "ProviderIsKnown"));
    }
}
