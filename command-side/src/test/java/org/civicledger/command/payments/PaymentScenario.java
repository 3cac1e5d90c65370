package org.civicledger.command.payments;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.civicledger.command.bills.BillFacts;
import org.civicledger.command.reference.PaymentCatalog.FeeClassTerms;
import org.civicledger.command.reference.PaymentCatalog.ProviderTerms;
import org.civicledger.command.support.FixtureClock;
import org.civicledger.command.support.InMemoryBillBook;
import org.civicledger.command.support.InMemoryPaymentCatalog;
import org.civicledger.events.common.Actor;
import org.civicledger.events.common.Money;
import org.civicledger.events.common.NationalId;
import org.civicledger.events.journal.JournalLine;
import org.civicledger.events.payments.BillShare;
import org.civicledger.events.payments.BillStatus;
import org.civicledger.events.payments.CallbackOutcome;
import org.civicledger.events.payments.Payer;
import org.civicledger.events.payments.PaymentCommands.InitiatePayment;
import org.civicledger.events.payments.PaymentCommands.RecordProviderCallback;
import org.civicledger.events.payments.PaymentCommands.RefundPayment;
import org.civicledger.events.payments.PaymentEvent.JournalEntryRecorded;
import org.civicledger.events.payments.PaymentEvent.PaymentInitiated;
import org.civicledger.events.payments.PaymentEvent.PaymentSucceeded;
import org.civicledger.events.reference.FeeKind;
import org.civicledger.events.reference.ProviderKind;

/**
 * The story all payment tests share. Lin Mei owes the Civil Affairs agency NT$15 for a residence
 * certificate and the Tax agency NT$700 of house tax; she pays through Taipei City Bank's web ATM on
 * 20 October 2025 at 10:30 in Taipei. Chen Wei owes NT$500 of parking fine to Transport.
 */
final class PaymentScenario {

    static final ZoneId TAIPEI = ZoneId.of("Asia/Taipei");
    static final Instant INITIATED_AT = LocalDate.of(2025, 10, 20).atTime(10, 30).atZone(TAIPEI).toInstant();

    static final String CIVIL = "CIVIL-AFFAIRS";
    static final String TAX = "TAX";
    static final String TRANSPORT = "TRANSPORT";
    static final String BANK = "TAIPEI-BANK";
    static final String CLEARING = "provider-clearing:" + BANK;
    static final String CERT_REVENUE = "revenue:CIVIL-AFFAIRS:CERT";
    static final String TAX_REVENUE = "revenue:TAX:HOUSE-TAX";

    static final Actor PAYER = Actor.citizen("citizen-lin-mei");
    static final Actor SOMEONE_ELSE = Actor.citizen("citizen-chen-wei");
    static final Actor CIVIL_OFFICER = Actor.officer("officer-wang", CIVIL);
    static final Actor TAX_OFFICER = Actor.officer("officer-lee", TAX);
    static final Actor PROVIDER_GATEWAY = Actor.system("provider:" + BANK);
    static final Actor LEDGER = Actor.system("ledger");

    static final Payer LIN_MEI = new Payer(PAYER.subject(), new NationalId("A123456789"), "Lin Mei");
    static final Payer CHEN_WEI = new Payer(SOMEONE_ELSE.subject(), new NationalId("F131104093"), "Chen Wei");

    static final BillFacts CERT_BILL = new BillFacts("bill-cert", CIVIL, "CERT", CERT_REVENUE, LIN_MEI, Money.twd(15), BillStatus.OPEN);
    static final BillFacts TAX_BILL = new BillFacts("bill-tax", TAX, "HOUSE-TAX", TAX_REVENUE, LIN_MEI, Money.twd(700), BillStatus.OVERDUE);
    static final BillFacts FINE_OF_SOMEONE_ELSE = new BillFacts("bill-fine", TRANSPORT, "PARKING", "revenue:TRANSPORT:PARKING",
            CHEN_WEI, Money.twd(500), BillStatus.OPEN);
    static final BillFacts PAID_BILL = new BillFacts("bill-paid", CIVIL, "CERT", CERT_REVENUE, LIN_MEI, Money.twd(15), BillStatus.PAID);
    static final BillFacts DOLLAR_BILL = new BillFacts("bill-usd", CIVIL, "CERT", CERT_REVENUE, LIN_MEI, new Money(1500, "USD"),
            BillStatus.OPEN);

    static final BillShare CERT_SHARE = new BillShare("bill-cert", CIVIL, "CERT", CERT_REVENUE, Money.twd(15));
    static final BillShare TAX_SHARE = new BillShare("bill-tax", TAX, "HOUSE-TAX", TAX_REVENUE, Money.twd(700));

    static final String PAYMENT_ID = "payment-1";

    private PaymentScenario() {
    }

    static InMemoryPaymentCatalog catalog() {
        return new InMemoryPaymentCatalog()
                .withFeeClass(new FeeClassTerms("CERT", "Residence certificate fee", FeeKind.GOVERNMENT_FEE, CIVIL, Money.twd(15), CERT_REVENUE))
                .withFeeClass(new FeeClassTerms("HOUSE-TAX", "House tax", FeeKind.LOCAL_TAX, TAX, null, TAX_REVENUE))
                .withProvider(new ProviderTerms(BANK, "Taipei City Bank", ProviderKind.BANK, List.of("atm", "web-atm"),
                        "provider-secret/TAIPEI-BANK/2025"));
    }

    static AggregateTestFixture<Payment> fixture() {
        AggregateTestFixture<Payment> fixture = new AggregateTestFixture<>(Payment.class);
        fixture.registerInjectableResource(catalog());
        fixture.registerInjectableResource(new InMemoryBillBook().with(CERT_BILL, TAX_BILL, FINE_OF_SOMEONE_ELSE, PAID_BILL, DOLLAR_BILL));
        fixture.registerInjectableResource(new FixtureClock(fixture::currentTime, TAIPEI));
        return fixture;
    }

    static InitiatePayment initiate(Actor actor, String... billIds) {
        return new InitiatePayment(PAYMENT_ID, List.of(billIds), BANK, "web-atm", "cmd-pay", actor);
    }

    static RecordProviderCallback callback(String providerEventId, CallbackOutcome outcome, Money amount) {
        return new RecordProviderCallback(PAYMENT_ID, BANK, providerEventId, outcome, amount, null, "cmd-" + providerEventId,
                PROVIDER_GATEWAY);
    }

    static RefundPayment refund(String refundId, long dollars, Actor actor) {
        return new RefundPayment(PAYMENT_ID, refundId, Money.twd(dollars), "charged twice at the counter", "cmd-" + refundId, actor);
    }

    static PaymentInitiated initiated(BillShare... shares) {
        long total = 0;
        for (BillShare share : shares) {
            total += share.amount().amountMinor();
        }
        return new PaymentInitiated(PAYMENT_ID, BANK, "web-atm", PAYER.subject(), List.of(shares), Money.twd(total), INITIATED_AT,
                INITIATED_AT.plus(Payment.TIME_TO_FINISH));
    }

    /** Both bills paid: the payment event and its journal entry. */
    static Object[] succeededWithBothBills() {
        return new Object[] {
            initiated(CERT_SHARE, TAX_SHARE),
            new PaymentSucceeded(PAYMENT_ID, "evt-ok", Money.twd(715), List.of(CERT_SHARE, TAX_SHARE), INITIATED_AT.plusSeconds(60)),
            new JournalEntryRecorded(PAYMENT_ID, PAYMENT_ID + "/1", "payment-succeeded", INITIATED_AT.plusSeconds(60), List.of(
                    JournalLine.debit(CLEARING, CIVIL, 15, "TWD"), JournalLine.credit(CERT_REVENUE, CIVIL, 15, "TWD"),
                    JournalLine.debit(CLEARING, TAX, 700, "TWD"), JournalLine.credit(TAX_REVENUE, TAX, 700, "TWD")))
        };
    }
}
