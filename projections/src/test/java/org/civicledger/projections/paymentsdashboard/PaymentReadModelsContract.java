package org.civicledger.projections.paymentsdashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.civicledger.events.common.Money;
import org.civicledger.events.common.NationalId;
import org.civicledger.events.grants.Beneficiary;
import org.civicledger.events.grants.GrantEvent.GrantAwarded;
import org.civicledger.events.grants.GrantEvent.GrantJournalEntryRecorded;
import org.civicledger.events.grants.GrantEvent.GrantRevoked;
import org.civicledger.events.grants.GrantEvent.GrantUsed;
import org.civicledger.events.grants.GrantStatus;
import org.civicledger.events.journal.JournalLine;
import org.civicledger.events.journal.TrialBalance;
import org.civicledger.events.payments.BillEvent.BillFellOverdue;
import org.civicledger.events.payments.BillEvent.BillIssued;
import org.civicledger.events.payments.BillEvent.BillPaid;
import org.civicledger.events.payments.BillReference;
import org.civicledger.events.payments.BillShare;
import org.civicledger.events.payments.Payer;
import org.civicledger.events.payments.PaymentEvent.JournalEntryRecorded;
import org.civicledger.events.payments.PaymentEvent.OverpaymentRecorded;
import org.civicledger.events.payments.PaymentEvent.PaymentExpired;
import org.civicledger.events.payments.PaymentEvent.PaymentFailed;
import org.civicledger.events.payments.PaymentEvent.PaymentInitiated;
import org.civicledger.events.payments.PaymentEvent.PaymentRefunded;
import org.civicledger.events.payments.PaymentEvent.PaymentSucceeded;
import org.civicledger.projections.citizengrants.CitizenGrantsProjection;
import org.civicledger.projections.citizengrants.CitizenGrantsQueries;
import org.civicledger.projections.citizengrants.GrantView;
import org.civicledger.projections.journal.JournalProjection;
import org.civicledger.projections.journal.JournalQueries;
import org.civicledger.projections.paymentsdashboard.PaymentsDashboard.OwedBills;
import org.civicledger.projections.paymentsdashboard.PaymentsDashboard.ProviderChannel;
import org.civicledger.projections.paymentsdashboard.PaymentsDashboard.ReturnDay;
import org.civicledger.projections.paymentsdashboard.PaymentsDashboard.RevenueDay;
import org.civicledger.projections.support.EventFeed;
import org.civicledger.projections.support.PageRequest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The payments dashboard, the citizen-grants read model and the journal's grant entries, fed real events
 * through Axon's handler adapter; run on H2 and on PostgreSQL by the subclasses.
 *
 * <p>The story, on 20 October 2025 in Taipei: Tax bills Lin Mei NT$700 and Chen Wei NT$300 (due the 31st);
 * Civil Affairs bills Lin Mei NT$15 (due the 19th, already overdue). Lin Mei pays her two bills at once through
 * BANK's atm (pay-all, succeeded; the NT$15 share turns out paid already, an overpayment); Chen Wei's payment
 * through WALLET's app fails, another expires; Tax refunds NT$200 the next day. Social Welfare grants Lin Mei
 * NT$1,000, she rides for NT$250 with WALLET, and the grant is revoked.
 */
abstract class PaymentReadModelsContract {

    static final ZoneId TAIPEI = ZoneId.of("Asia/Taipei");
    static final LocalDate DAY = LocalDate.of(2025, 10, 20);
    static final Instant MORNING = DAY.atTime(9, 0).atZone(TAIPEI).toInstant();
    // 23:30 in Taipei is 15:30 UTC the same day; 00:30 the next day in Taipei is still the 20th in UTC.
    static final Instant JUST_AFTER_MIDNIGHT = DAY.plusDays(1).atTime(0, 30).atZone(TAIPEI).toInstant();
    static final Payer LIN_MEI = new Payer("citizen-lin-mei", new NationalId("A123456789"), "Lin Mei");
    static final Payer CHEN_WEI = new Payer("citizen-chen-wei", new NationalId("F131104093"), "Chen Wei");

    private JdbcTemplate jdbc;
    private EventFeed feed;
    private PaymentsDashboardQueries dashboard;
    private PaymentsDashboardProjection dashboardProjection;
    private CitizenGrantsQueries grants;
    private JournalQueries journal;

    /** A fresh, migrated database for each test. */
    abstract JdbcTemplate freshDatabase();

    @BeforeEach
    void story() {
        jdbc = freshDatabase();
        dashboardProjection = new PaymentsDashboardProjection(jdbc, "Asia/Taipei");
        feed = new EventFeed(MORNING, dashboardProjection, new CitizenGrantsProjection(jdbc), new JournalProjection(jdbc));
        dashboard = new PaymentsDashboardQueries(jdbc);
        grants = new CitizenGrantsQueries(jdbc);
        journal = new JournalQueries(jdbc);

        feed.deliver("bill-tax-1", issued("bill-tax-1", "TAX", "HOUSE-TAX", LIN_MEI, 700, DAY.plusDays(11)));
        feed.deliver("bill-tax-2", issued("bill-tax-2", "TAX", "HOUSE-TAX", CHEN_WEI, 300, DAY.plusDays(11)));
        feed.deliver("bill-cert", issued("bill-cert", "CIVIL", "CERT", LIN_MEI, 15, DAY.minusDays(1)));
        feed.deliver("bill-cert", new BillFellOverdue("bill-cert", DAY.minusDays(1), DAY));

        BillShare tax = new BillShare("bill-tax-1", "TAX", "HOUSE-TAX", "revenue:TAX:HOUSE-TAX", Money.twd(700));
        BillShare cert = new BillShare("bill-cert", "CIVIL", "CERT", "revenue:CIVIL:CERT", Money.twd(15));
        feed.deliver("pay-1", new PaymentInitiated("pay-1", "BANK", "atm", LIN_MEI.citizenSubject(), List.of(tax, cert), Money.twd(715),
                MORNING, MORNING.plusSeconds(3600)));
        feed.deliver("pay-1", new PaymentSucceeded("pay-1", "evt-1", Money.twd(715), List.of(tax, cert), JUST_AFTER_MIDNIGHT));
        feed.deliver("pay-1", new JournalEntryRecorded("pay-1", "pay-1/1", "payment-succeeded", JUST_AFTER_MIDNIGHT, List.of(
                JournalLine.debit("provider-clearing:BANK", "TAX", 700, "TWD"), JournalLine.credit("revenue:TAX:HOUSE-TAX", "TAX", 700, "TWD"),
                JournalLine.debit("provider-clearing:BANK", "CIVIL", 15, "TWD"), JournalLine.credit("revenue:CIVIL:CERT", "CIVIL", 15, "TWD"))));
        feed.deliver("bill-tax-1", new BillPaid("bill-tax-1", "pay-1", Money.twd(700), DAY.plusDays(1)));
        feed.deliver("pay-1", new OverpaymentRecorded("pay-1", "bill-cert", Money.twd(15), "bill-cert was paid by pay-0"));

        BillShare tax2 = new BillShare("bill-tax-2", "TAX", "HOUSE-TAX", "revenue:TAX:HOUSE-TAX", Money.twd(300));
        feed.deliver("pay-2", new PaymentInitiated("pay-2", "WALLET", "app", CHEN_WEI.citizenSubject(), List.of(tax2), Money.twd(300),
                MORNING, MORNING.plusSeconds(3600)));
        feed.deliver("pay-2", new PaymentFailed("pay-2", "evt-2", "card declined", MORNING.plusSeconds(60)));
        feed.deliver("pay-3", new PaymentInitiated("pay-3", "WALLET", "app", CHEN_WEI.citizenSubject(), List.of(tax2), Money.twd(300),
                MORNING, MORNING.plusSeconds(3600)));
        feed.deliver("pay-3", new PaymentExpired("pay-3", MORNING.plusSeconds(3600)));

        Instant nextDay = MORNING.plusSeconds(86_400);
        feed.deliver("pay-1", new PaymentRefunded("pay-1", "refund-1", Money.twd(200), "exempted", nextDay));
        feed.deliver("pay-1", new JournalEntryRecorded("pay-1", "pay-1/2", "refund", nextDay, List.of(
                JournalLine.debit("revenue:TAX:HOUSE-TAX", "TAX", 200, "TWD"), JournalLine.credit("refunds-payable:TAX", "TAX", 200, "TWD"))));
        feed.redeliver(); // A redelivered entry counts once.

        Beneficiary beneficiary = new Beneficiary(LIN_MEI.citizenSubject(), LIN_MEI.nationalId(), LIN_MEI.name());
        feed.deliver("grant-1", new GrantAwarded("grant-1", "WELFARE", "RIDES", beneficiary, Money.twd(1_000), Money.twd(250), MORNING,
                MORNING.plusSeconds(30 * 86_400L)));
        feed.deliver("grant-1", new GrantJournalEntryRecorded("grant-1", "grant-1/1", "grant-awarded", MORNING, List.of(
                JournalLine.debit("grant-expense:WELFARE:RIDES", "WELFARE", 1_000, "TWD"),
                JournalLine.credit("grants-payable:WELFARE:RIDES", "WELFARE", 1_000, "TWD"))));
        feed.deliver("grant-1", new GrantUsed("grant-1", "ride-1", Money.twd(250), "WALLET", "app", "ride to the clinic", Money.twd(750),
                MORNING.plusSeconds(600)));
        feed.redeliver(); // A redelivered use lowers the balance once.
        feed.deliver("grant-1", new GrantJournalEntryRecorded("grant-1", "grant-1/2", "grant-used", MORNING.plusSeconds(600), List.of(
                JournalLine.debit("grants-payable:WELFARE:RIDES", "WELFARE", 250, "TWD"),
                JournalLine.credit("provider-clearing:WALLET", "WELFARE", 250, "TWD"))));
        feed.deliver("grant-1", new GrantRevoked("grant-1", "moved away", Money.twd(750), nextDay));
        feed.deliver("grant-1", new GrantJournalEntryRecorded("grant-1", "grant-1/3", "grant-revoked", nextDay, List.of(
                JournalLine.debit("grants-payable:WELFARE:RIDES", "WELFARE", 750, "TWD"),
                JournalLine.credit("grant-expense:WELFARE:RIDES", "WELFARE", 750, "TWD"))));
    }

    private static BillIssued issued(String billId, String agency, String feeClass, Payer payer, long dollars, LocalDate dueOn) {
        return new BillIssued(billId, feeClass, agency, "revenue:" + agency + ":" + feeClass, payer, Money.twd(dollars), dueOn,
                new BillReference(BillReference.Kind.TAX_BILL, "ref-" + billId), DAY.minusDays(10));
    }

    @Test
    void revenue_is_counted_per_fee_class_on_the_day_of_the_city_the_money_came_in() {
        PaymentsDashboard city = dashboard.dashboard(null, DAY, DAY.plusDays(1), DAY.plusDays(1));

        assertThat(city.revenue()).containsExactly(
                new RevenueDay(DAY.plusDays(1), "CIVIL", "CERT", "TWD", 1, 15, 15, 0),
                new RevenueDay(DAY.plusDays(1), "TAX", "HOUSE-TAX", "TWD", 1, 700, 0, 700));
        assertThat(dashboard.dashboard(null, DAY, DAY, DAY).revenue()).as("nothing came in on the 20th, city time").isEmpty();
    }

    @Test
    void payments_are_counted_by_provider_and_channel_with_their_success_and_failure_rates() {
        PaymentsDashboard city = dashboard.dashboard(null, DAY, DAY, DAY);

        assertThat(city.payments()).containsExactly(
                new ProviderChannel("BANK", "atm", "TWD", 1, 0, 1, 0, 0, 0, 715, 10_000, 0),
                new ProviderChannel("WALLET", "app", "TWD", 2, 0, 0, 1, 1, 0, 0, 0, 5_000));
    }

    @Test
    void an_agency_sees_its_own_figures_and_the_payments_that_paid_its_bills() {
        PaymentsDashboard civil = dashboard.dashboard("CIVIL", DAY, DAY.plusDays(1), DAY.plusDays(1));

        assertThat(civil.revenue()).extracting(RevenueDay::agencyCode).containsOnly("CIVIL");
        assertThat(civil.payments()).extracting(ProviderChannel::providerCode).containsExactly("BANK");
        assertThat(civil.returns()).isEmpty();
        assertThat(civil.bills()).containsExactly(new OwedBills("CIVIL", "CERT", "TWD", 1, 15, 1, 15));
    }

    @Test
    void refunds_are_counted_once_on_their_day_for_the_agency_whose_money_went_back() {
        PaymentsDashboard tax = dashboard.dashboard("TAX", DAY, DAY.plusDays(1), DAY.plusDays(1));

        assertThat(tax.returns()).containsExactly(new ReturnDay(DAY.plusDays(1), "TAX", "REFUND", "TWD", 1, 200));
    }

    @Test
    void outstanding_bills_are_the_unpaid_ones_and_overdue_those_past_their_due_date() {
        PaymentsDashboard city = dashboard.dashboard(null, DAY, DAY, DAY);
        assertThat(city.bills()).containsExactly(
                new OwedBills("CIVIL", "CERT", "TWD", 1, 15, 1, 15),
                new OwedBills("TAX", "HOUSE-TAX", "TWD", 1, 300, 0, 0));

        // On 1 November Chen Wei's bill is past its due date although its overdue event has not been applied yet.
        PaymentsDashboard later = dashboard.dashboard("TAX", DAY, DAY, LocalDate.of(2025, 11, 1));
        assertThat(later.bills()).containsExactly(new OwedBills("TAX", "HOUSE-TAX", "TWD", 1, 300, 1, 300));
    }

    @Test
    void a_reset_empties_the_dashboard_for_a_rebuild() {
        dashboardProjection.reset();

        PaymentsDashboard city = dashboard.dashboard(null, DAY, DAY.plusDays(1), DAY.plusDays(1));
        assertThat(city.revenue()).isEmpty();
        assertThat(city.payments()).isEmpty();
        assertThat(city.returns()).isEmpty();
        assertThat(city.bills()).isEmpty();
        assertThat(dashboard.position()).isZero();
    }

    @Test
    void a_grant_shows_its_balance_its_uses_and_how_it_ended() {
        GrantView grant = grants.grant("grant-1").orElseThrow();

        assertThat(grant.status()).isEqualTo(GrantStatus.REVOKED);
        assertThat(grant.amount()).isEqualTo(Money.twd(1_000));
        assertThat(grant.balance()).isEqualTo(Money.twd(0));
        assertThat(grant.returned()).isEqualTo(Money.twd(750));
        assertThat(grant.endReason()).isEqualTo("moved away");
        assertThat(grant.useCount()).isEqualTo(1);
        assertThat(grant.uses()).singleElement().satisfies(use -> {
            assertThat(use.amount()).isEqualTo(Money.twd(250));
            assertThat(use.balanceAfter()).isEqualTo(Money.twd(750));
            assertThat(use.providerCode()).isEqualTo("WALLET");
        });
        assertThat(grants.grants("citizen-lin-mei", new PageRequest(0, 20)).items()).extracting(GrantView::grantId).containsExactly("grant-1");
        assertThat(grants.grants("citizen-chen-wei", new PageRequest(0, 20)).items()).isEmpty();
        assertThat(jdbc.queryForList("SELECT * FROM citizen_grant").toString()).doesNotContain("A123456789").doesNotContain("Lin Mei");
    }

    @Test
    void grant_entries_are_in_the_journal_and_the_trial_balance_stays_zero() {
        TrialBalance balance = journal.trialBalance(MORNING.plusSeconds(3 * 86_400L), null);

        assertThat(balance.isZero()).isTrue();
        assertThat(balance.balanceMinor("grants-payable:WELFARE:RIDES", "TWD")).isZero();
        assertThat(balance.balanceMinor("grant-expense:WELFARE:RIDES", "TWD")).isEqualTo(250);
        assertThat(balance.balanceMinor("provider-clearing:WALLET", "TWD")).isEqualTo(-250);
        assertThat(journal.trialBalance(MORNING.plusSeconds(3 * 86_400L), "WELFARE").isZero()).isTrue();
    }
}
