package org.civicledger.command.bills;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.civicledger.command.reference.PaymentCatalog.FeeClassTerms;
import org.civicledger.command.support.FixtureClock;
import org.civicledger.command.support.InMemoryPaymentCatalog;
import org.civicledger.events.common.Actor;
import org.civicledger.events.common.Money;
import org.civicledger.events.common.NationalId;
import org.civicledger.events.payments.BillCommands.IssueBill;
import org.civicledger.events.payments.BillEvent.BillIssued;
import org.civicledger.events.payments.BillReference;
import org.civicledger.events.payments.Payer;
import org.civicledger.events.reference.FeeKind;

/**
 * The story all bill tests share: on 2 October 2025 the Civil Affairs agency bills Lin Mei NT$15 for the
 * residence certificate of case 2025-0001, due on Friday 31 October.
 */
final class BillScenario {

    static final ZoneId TAIPEI = ZoneId.of("Asia/Taipei");
    static final String BILL_ID = "bill-1";
    static final String AGENCY = "CIVIL-AFFAIRS";
    static final String REVENUE = "revenue:CIVIL-AFFAIRS:CERT";
    static final LocalDate ISSUED_ON = LocalDate.of(2025, 10, 2);
    static final LocalDate DUE_ON = LocalDate.of(2025, 10, 31);

    static final Actor OFFICER = Actor.officer("officer-wang", AGENCY);
    static final Actor OFFICER_OF_OTHER_AGENCY = Actor.officer("officer-lee", "TAX");
    static final Actor SETTLEMENT = Actor.system("payment-settlement");
    static final Payer PAYER = new Payer("citizen-lin-mei", new NationalId("A123456789"), "Lin Mei");
    static final BillReference FOR_CASE = new BillReference(BillReference.Kind.CASE, "case-2025-0001");

    private BillScenario() {
    }

    static AggregateTestFixture<Bill> fixture() {
        AggregateTestFixture<Bill> fixture = new AggregateTestFixture<>(Bill.class);
        fixture.registerInjectableResource(new InMemoryPaymentCatalog()
                .withFeeClass(new FeeClassTerms("CERT", "Residence certificate fee", FeeKind.GOVERNMENT_FEE, AGENCY, Money.twd(15), REVENUE))
                .withFeeClass(new FeeClassTerms("HOUSE-TAX", "House tax", FeeKind.LOCAL_TAX, "TAX", null, "revenue:TAX:HOUSE-TAX")));
        fixture.registerInjectableResource(new FixtureClock(fixture::currentTime, TAIPEI));
        return fixture;
    }

    static Instant at(LocalDate date) {
        return date.atTime(10, 0).atZone(TAIPEI).toInstant();
    }

    static Instant endOf(LocalDate date) {
        return date.plusDays(1).atStartOfDay(TAIPEI).toInstant();
    }

    static IssueBill issue(Money amount, LocalDate dueOn, Actor actor) {
        return new IssueBill(BILL_ID, "CERT", PAYER, amount, dueOn, FOR_CASE, "cmd-issue", actor);
    }

    static BillIssued issued() {
        return new BillIssued(BILL_ID, "CERT", AGENCY, REVENUE, PAYER, Money.twd(15), DUE_ON, FOR_CASE, ISSUED_ON);
    }
}
