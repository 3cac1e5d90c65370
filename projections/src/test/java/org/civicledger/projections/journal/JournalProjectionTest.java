package org.civicledger.projections.journal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.civicledger.events.journal.JournalLine;
import org.civicledger.events.journal.TrialBalance;
import org.civicledger.events.payments.PaymentEvent.JournalEntryRecorded;
import org.civicledger.projections.support.EventFeed;
import org.civicledger.projections.support.ReadModelDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

class JournalProjectionTest {

    private static final Instant PAID = Instant.parse("2025-10-20T02:30:00Z");
    private static final Instant REFUNDED = Instant.parse("2025-10-22T02:30:00Z");

    private JdbcTemplate jdbc;
    private JournalQueries queries;
    private EventFeed feed;

    @BeforeEach
    void freshReadModel() {
        jdbc = ReadModelDatabase.h2();
        queries = new JournalQueries(jdbc);
        feed = new EventFeed(PAID, new JournalProjection(jdbc));
    }

    private void payTwoAgenciesAndRefundOne() {
        feed.deliver("payment-1", new JournalEntryRecorded("payment-1", "payment-1/1", "payment-succeeded", PAID, List.of(
                JournalLine.debit("provider-clearing:BANK", "CIVIL", 15, "TWD"),
                JournalLine.credit("revenue:CIVIL:CERT", "CIVIL", 15, "TWD"),
                JournalLine.debit("provider-clearing:BANK", "TAX", 700, "TWD"),
                JournalLine.credit("revenue:TAX:HOUSE-TAX", "TAX", 700, "TWD"))));
        feed.deliver("payment-1", new JournalEntryRecorded("payment-1", "payment-1/2", "refund", REFUNDED, List.of(
                JournalLine.debit("revenue:TAX:HOUSE-TAX", "TAX", 200, "TWD"),
                JournalLine.credit("refunds-payable:TAX", "TAX", 200, "TWD"))));
    }

    @Test
    void the_trial_balance_of_the_read_model_is_zero_with_each_accounts_balance() {
        payTwoAgenciesAndRefundOne();

        TrialBalance balance = queries.trialBalance(Instant.parse("2025-11-01T00:00:00Z"), null);

        assertThat(balance.isZero()).isTrue();
        assertThat(balance.balanceMinor("provider-clearing:BANK", "TWD")).isEqualTo(715);
        assertThat(balance.balanceMinor("revenue:TAX:HOUSE-TAX", "TWD")).isEqualTo(-500);
        assertThat(balance.balanceMinor("refunds-payable:TAX", "TWD")).isEqualTo(-200);
        assertThat(balance.totalMinor("TWD")).isZero();
    }

    @Test
    void one_agencys_balance_holds_its_lines_only_and_is_zero_by_itself() {
        payTwoAgenciesAndRefundOne();

        TrialBalance tax = queries.trialBalance(Instant.parse("2025-11-01T00:00:00Z"), "TAX");

        assertThat(tax.isZero()).isTrue();
        assertThat(tax.rows()).allMatch(row -> "TAX".equals(row.agencyCode()));
        assertThat(tax.balanceMinor("provider-clearing:BANK", "TWD")).isEqualTo(700);
        assertThat(tax.balanceMinor("revenue:CIVIL:CERT", "TWD")).isZero();
    }

    @Test
    void a_balance_as_of_a_moment_counts_only_what_was_booked_before_it() {
        payTwoAgenciesAndRefundOne();

        assertThat(queries.trialBalance(PAID, null).rows()).isEmpty();
        TrialBalance beforeRefund = queries.trialBalance(REFUNDED, null);
        assertThat(beforeRefund.balanceMinor("revenue:TAX:HOUSE-TAX", "TWD")).isEqualTo(-700);
        assertThat(beforeRefund.isZero()).isTrue();
    }

    @Test
    void a_redelivered_entry_is_not_counted_twice() {
        payTwoAgenciesAndRefundOne();
        feed.redeliver();

        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM journal_line", Integer.class)).isEqualTo(6);
        assertThat(queries.trialBalance(Instant.parse("2025-11-01T00:00:00Z"), null).balanceMinor("refunds-payable:TAX", "TWD"))
                .isEqualTo(-200);
    }

    @Test
    void a_reset_empties_the_journal_for_a_rebuild() {
        payTwoAgenciesAndRefundOne();
        new JournalProjection(jdbc).reset();

        assertThat(queries.trialBalance(Instant.parse("2025-11-01T00:00:00Z"), null).rows()).isEmpty();
        assertThat(queries.position()).isZero();
    }
}
