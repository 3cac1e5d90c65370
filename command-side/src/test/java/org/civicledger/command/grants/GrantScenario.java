package org.civicledger.command.grants;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.civicledger.command.reference.PaymentCatalog.ProviderTerms;
import org.civicledger.command.support.FixtureClock;
import org.civicledger.command.support.InMemoryPaymentCatalog;
import org.civicledger.events.common.Actor;
import org.civicledger.events.common.Money;
import org.civicledger.events.common.NationalId;
import org.civicledger.events.grants.Beneficiary;
import org.civicledger.events.grants.GrantCommands.AwardGrant;
import org.civicledger.events.grants.GrantCommands.UseGrant;
import org.civicledger.events.grants.GrantEvent.GrantAwarded;
import org.civicledger.events.grants.GrantEvent.GrantJournalEntryRecorded;
import org.civicledger.events.journal.JournalLine;
import org.civicledger.events.reference.ProviderKind;

/**
 * The story all grant tests share. On 1 March 2026 the Social Welfare agency grants Lin Mei a maternity
 * ride subsidy of NT$8,000 for a year, NT$250 at most per ride; she rides with Taipei Taxi through its app.
 */
final class GrantScenario {

    static final ZoneId TAIPEI = ZoneId.of("Asia/Taipei");
    static final Instant AWARDED_AT = LocalDate.of(2026, 3, 1).atTime(9, 0).atZone(TAIPEI).toInstant();
    static final Instant EXPIRES_AT = LocalDate.of(2027, 3, 1).atStartOfDay(TAIPEI).toInstant();

    static final String WELFARE = "SOCIAL-WELFARE";
    static final String PROGRAM = "MATERNITY-RIDE";
    static final String TAXI = "TAIPEI-TAXI";
    static final String EXPENSE = "grant-expense:SOCIAL-WELFARE:MATERNITY-RIDE";
    static final String PAYABLE = "grants-payable:SOCIAL-WELFARE:MATERNITY-RIDE";
    static final String TAXI_CLEARING = "provider-clearing:TAIPEI-TAXI";
    static final String GRANT_ID = "grant-1";

    static final Actor BENEFICIARY = Actor.citizen("citizen-lin-mei");
    static final Actor SOMEONE_ELSE = Actor.citizen("citizen-chen-wei");
    static final Actor WELFARE_OFFICER = Actor.officer("officer-huang", WELFARE);
    static final Actor TAX_OFFICER = Actor.officer("officer-lee", "TAX");
    static final Actor LEDGER = Actor.system("ledger");

    static final Beneficiary LIN_MEI = new Beneficiary(BENEFICIARY.subject(), new NationalId("A123456789"), "Lin Mei");

    private GrantScenario() {
    }

    static InMemoryPaymentCatalog catalog() {
        return new InMemoryPaymentCatalog()
                .withProvider(new ProviderTerms(TAXI, "Taipei Taxi", ProviderKind.THIRD_PARTY, List.of("app", "phone"),
                        "provider-secret/TAIPEI-TAXI/2026"));
    }

    static AggregateTestFixture<Grant> fixture() {
        AggregateTestFixture<Grant> fixture = new AggregateTestFixture<>(Grant.class);
        fixture.registerInjectableResource(catalog());
        fixture.registerInjectableResource(new FixtureClock(fixture::currentTime, TAIPEI));
        return fixture;
    }

    static AwardGrant award(long dollars, long capDollars, Instant expiresAt, Actor actor) {
        return new AwardGrant(GRANT_ID, WELFARE, PROGRAM, LIN_MEI, Money.twd(dollars), Money.twd(capDollars), expiresAt, "cmd-award", actor);
    }

    static UseGrant use(String useId, long dollars, Actor actor) {
        return new UseGrant(GRANT_ID, useId, Money.twd(dollars), TAXI, "app", "ride to the clinic", "cmd-" + useId, actor);
    }

    /** The grant of NT$8,000 as awarded: its event and its journal entry. */
    static Object[] awarded() {
        return new Object[] {
            new GrantAwarded(GRANT_ID, WELFARE, PROGRAM, LIN_MEI, Money.twd(8_000), Money.twd(250), AWARDED_AT, EXPIRES_AT),
            entry(1, "grant-awarded", AWARDED_AT, JournalLine.debit(EXPENSE, WELFARE, 8_000, "TWD"),
                    JournalLine.credit(PAYABLE, WELFARE, 8_000, "TWD"))
        };
    }

    static GrantJournalEntryRecorded entry(int number, String cause, Instant at, JournalLine... lines) {
        return new GrantJournalEntryRecorded(GRANT_ID, GRANT_ID + "/" + number, cause, at, List.of(lines));
    }
}
