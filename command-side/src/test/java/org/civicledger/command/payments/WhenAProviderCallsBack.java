package org.civicledger.command.payments;

import static org.civicledger.command.payments.PaymentScenario.*;
import static org.civicledger.command.support.RuleViolationMatcher.violates;

import java.time.Instant;
import java.util.List;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.civicledger.events.common.Actor;
import org.civicledger.events.common.Money;
import org.civicledger.events.common.RuleViolation.Kind;
import org.civicledger.events.journal.JournalLine;
import org.civicledger.events.payments.CallbackOutcome;
import org.civicledger.events.payments.PaymentCommands.RecordProviderCallback;
import org.civicledger.events.payments.PaymentEvent.JournalEntryRecorded;
import org.civicledger.events.payments.PaymentEvent.PaymentAmountMismatched;
import org.civicledger.events.payments.PaymentEvent.PaymentAuthorized;
import org.civicledger.events.payments.PaymentEvent.PaymentExpired;
import org.civicledger.events.payments.PaymentEvent.PaymentFailed;
import org.civicledger.events.payments.PaymentEvent.PaymentSucceeded;
import org.civicledger.events.payments.PaymentEvent.ProviderCallbackIgnored;
import org.civicledger.events.payments.PaymentStatus;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WhenAProviderCallsBack {

    private static final Instant CALLBACK_AT = INITIATED_AT.plusSeconds(60);

    private AggregateTestFixture<Payment> fixture;

    @BeforeEach
    void setUp() {
        fixture = PaymentScenario.fixture();
    }

    @Test
    void an_authorization_moves_the_payment_to_authorized() {
        fixture.givenCurrentTime(CALLBACK_AT)
                .andGiven(initiated(CERT_SHARE))
                .when(callback("evt-1", CallbackOutcome.AUTHORIZED, null))
                .expectEvents(new PaymentAuthorized(PAYMENT_ID, "evt-1", CALLBACK_AT));
    }

    @Test
    void a_success_books_the_money_from_the_providers_clearing_account_to_each_agencys_revenue() {
        fixture.givenCurrentTime(CALLBACK_AT)
                .andGiven(initiated(CERT_SHARE, TAX_SHARE))
                .when(callback("evt-ok", CallbackOutcome.SUCCEEDED, Money.twd(715)))
                .expectEvents(succeededWithBothBills()[1], succeededWithBothBills()[2]);
    }

    @Test
    void the_same_callback_twice_changes_nothing_the_second_time() {
        fixture.givenCurrentTime(CALLBACK_AT)
                .andGiven(succeededWithBothBills())
                .when(callback("evt-ok", CallbackOutcome.SUCCEEDED, Money.twd(715)))
                .expectNoEvents()
                .expectResultMessagePayload(new PaymentResult(PAYMENT_ID, PaymentStatus.SUCCEEDED, Money.twd(715), Money.twd(715), true));
    }

    @Test
    void a_second_success_under_another_id_is_recorded_as_ignored_and_books_nothing() {
        fixture.givenCurrentTime(CALLBACK_AT)
                .andGiven(succeededWithBothBills())
                .when(callback("evt-ok-again", CallbackOutcome.SUCCEEDED, Money.twd(715)))
                .expectEvents(new ProviderCallbackIgnored(PAYMENT_ID, "evt-ok-again", CallbackOutcome.SUCCEEDED, PaymentStatus.SUCCEEDED,
                        "the payment succeeded already; its money is booked once", CALLBACK_AT));
    }

    @Test
    void an_authorization_arriving_after_the_success_never_moves_the_payment_back() {
        fixture.givenCurrentTime(CALLBACK_AT)
                .andGiven(succeededWithBothBills())
                .when(callback("evt-auth-late", CallbackOutcome.AUTHORIZED, null))
                .expectEvents(new ProviderCallbackIgnored(PAYMENT_ID, "evt-auth-late", CallbackOutcome.AUTHORIZED,
                        PaymentStatus.SUCCEEDED, "the payment is succeeded; a callback never moves a payment back", CALLBACK_AT));
    }

    @Test
    void an_amount_that_does_not_match_the_bills_is_held_as_an_overpayment_and_settles_no_bill() {
        fixture.givenCurrentTime(CALLBACK_AT)
                .andGiven(initiated(CERT_SHARE, TAX_SHARE))
                .when(callback("evt-odd", CallbackOutcome.SUCCEEDED, Money.twd(7150)))
                .expectEvents(new PaymentAmountMismatched(PAYMENT_ID, "evt-odd", Money.twd(715), Money.twd(7150), CALLBACK_AT),
                        new JournalEntryRecorded(PAYMENT_ID, PAYMENT_ID + "/1", "amount-mismatched", CALLBACK_AT, List.of(
                                JournalLine.debit(CLEARING, CIVIL, 7150, "TWD"),
                                JournalLine.credit("overpayments", CIVIL, 7150, "TWD"))));
    }

    @Test
    void a_failure_ends_the_payment_and_moves_no_money() {
        fixture.givenCurrentTime(CALLBACK_AT)
                .andGiven(initiated(CERT_SHARE))
                .when(new RecordProviderCallback(PAYMENT_ID, BANK, "evt-no", CallbackOutcome.FAILED, null, "card declined", "cmd-no",
                        PROVIDER_GATEWAY))
                .expectEvents(new PaymentFailed(PAYMENT_ID, "evt-no", "card declined", CALLBACK_AT));
    }

    @Test
    void a_success_after_a_failure_is_recorded_for_a_look_by_hand_and_books_nothing() {
        fixture.givenCurrentTime(CALLBACK_AT)
                .andGiven(initiated(CERT_SHARE), new PaymentFailed(PAYMENT_ID, "evt-no", "card declined", CALLBACK_AT))
                .when(callback("evt-ok", CallbackOutcome.SUCCEEDED, Money.twd(15)))
                .expectEvents(new ProviderCallbackIgnored(PAYMENT_ID, "evt-ok", CallbackOutcome.SUCCEEDED, PaymentStatus.FAILED,
                        "the provider reported this payment failed before; a success after that needs a look by hand", CALLBACK_AT));
    }

    @Test
    void a_success_after_the_ledger_let_the_payment_expire_still_counts_because_the_money_moved() {
        Instant late = INITIATED_AT.plus(Payment.TIME_TO_FINISH).plusSeconds(300);
        fixture.givenCurrentTime(late)
                .andGiven(initiated(CERT_SHARE), new PaymentExpired(PAYMENT_ID, INITIATED_AT.plus(Payment.TIME_TO_FINISH)))
                .when(callback("evt-ok", CallbackOutcome.SUCCEEDED, Money.twd(15)))
                .expectEvents(new PaymentSucceeded(PAYMENT_ID, "evt-ok", Money.twd(15), List.of(CERT_SHARE), late),
                        new JournalEntryRecorded(PAYMENT_ID, PAYMENT_ID + "/1", "payment-succeeded", late, List.of(
                                JournalLine.debit(CLEARING, CIVIL, 15, "TWD"), JournalLine.credit(CERT_REVENUE, CIVIL, 15, "TWD"))));
    }

    @Test
    void a_callback_is_accepted_only_from_the_payments_own_provider_through_the_ledger() {
        fixture.givenCurrentTime(CALLBACK_AT)
                .andGiven(initiated(CERT_SHARE))
                .when(new RecordProviderCallback(PAYMENT_ID, "OTHER-BANK", "evt-1", CallbackOutcome.SUCCEEDED, Money.twd(15), null,
                        "cmd-1", Actor.system("provider:OTHER-BANK")))
                .expectNoEvents()
                .expectException(violates(Kind.FORBIDDEN, "CallbackFromThePaymentsProvider"));
        fixture.givenCurrentTime(CALLBACK_AT)
                .andGiven(initiated(CERT_SHARE))
                .when(new RecordProviderCallback(PAYMENT_ID, BANK, "evt-1", CallbackOutcome.SUCCEEDED, Money.twd(15), null, "cmd-1", PAYER))
                .expectNoEvents()
                .expectException(violates(Kind.FORBIDDEN, "CallbacksComeFromProviders"));
    }
}
