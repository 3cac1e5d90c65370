package org.civicledger.events.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.civicledger.events.payments.PaymentEvent.JournalEntryRecorded;
import org.junit.jupiter.api.Test;

class WhenATrialBalanceIsDrawn {

    private static final Instant MORNING = Instant.parse("2025-10-20T01:00:00Z");
    private static final Instant EVENING = Instant.parse("2025-10-20T10:00:00Z");

    private static JournalEntryRecorded entry(String id, Instant at, JournalLine... lines) {
        return new JournalEntryRecorded("payment-1", id, "test", at, List.of(lines));
    }

    private static final JournalEntryRecorded PAID = entry("payment-1/1", MORNING,
            JournalLine.debit("provider-clearing:BANK-A", "CIVIL", 300, "TWD"),
            JournalLine.credit("revenue:CIVIL:CERT", "CIVIL", 300, "TWD"),
            JournalLine.debit("provider-clearing:BANK-A", "TAX", 700, "TWD"),
            JournalLine.credit("revenue:TAX:HOUSE-TAX", "TAX", 700, "TWD"));
    private static final JournalEntryRecorded REFUNDED = entry("payment-1/2", EVENING,
            JournalLine.debit("revenue:TAX:HOUSE-TAX", "TAX", 200, "TWD"),
            JournalLine.credit("refunds-payable:TAX", "TAX", 200, "TWD"));

    @Test
    void balances_are_kept_per_account_and_the_whole_is_zero() {
        TrialBalance balance = TrialBalance.of(List.of(PAID, REFUNDED));
        assertThat(balance.isZero()).isTrue();
        assertThat(balance.totalMinor("TWD")).isZero();
        assertThat(balance.balanceMinor("provider-clearing:BANK-A", "TWD")).isEqualTo(1000);
        assertThat(balance.balanceMinor("revenue:TAX:HOUSE-TAX", "TWD")).isEqualTo(-500);
        assertThat(balance.balanceMinor("refunds-payable:TAX", "TWD")).isEqualTo(-200);
    }

    @Test
    void each_agency_balances_on_its_own() {
        TrialBalance balance = TrialBalance.of(List.of(PAID, REFUNDED));
        assertThat(balance.totalMinorOf("CIVIL", "TWD")).isZero();
        assertThat(balance.totalMinorOf("TAX", "TWD")).isZero();
        assertThat(balance.rowsOf("CIVIL")).extracting(TrialBalance.Row::account)
                .containsExactly("provider-clearing:BANK-A", "revenue:CIVIL:CERT");
    }

    @Test
    void a_balance_as_of_a_moment_leaves_out_later_entries() {
        TrialBalance noon = TrialBalance.asOf(List.of(PAID, REFUNDED), Instant.parse("2025-10-20T04:00:00Z"));
        assertThat(noon.balanceMinor("revenue:TAX:HOUSE-TAX", "TWD")).isEqualTo(-700);
        assertThat(noon.balanceMinor("refunds-payable:TAX", "TWD")).isZero();
        assertThat(noon.isZero()).isTrue();
    }

    @Test
    void an_entry_that_does_not_balance_cannot_be_made() {
        assertThatThrownBy(() -> entry("x/1", MORNING,
                JournalLine.debit("bank", null, 100, "TWD"),
                JournalLine.credit("provider-clearing:BANK-A", null, 99, "TWD")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("does not balance");
    }

    @Test
    void an_entry_balanced_in_all_but_not_per_agency_cannot_be_made() {
        assertThatThrownBy(() -> entry("x/1", MORNING,
                JournalLine.debit("provider-clearing:BANK-A", "CIVIL", 100, "TWD"),
                JournalLine.credit("revenue:TAX:HOUSE-TAX", "TAX", 100, "TWD")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void a_line_debits_or_credits_a_positive_amount_of_a_charted_account() {
        assertThatThrownBy(() -> new JournalLine("bank", null, 0, 0, "TWD")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new JournalLine("bank", null, 5, 5, "TWD")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new JournalLine("bank", null, -5, 0, "TWD")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> JournalLine.debit("petty-cash", null, 5, "TWD")).isInstanceOf(IllegalArgumentException.class);
        assertThat(Accounts.isRevenueOf("revenue:TAX:HOUSE-TAX", "TAX")).isTrue();
        assertThat(Accounts.isRevenueOf("revenue:TAX:HOUSE-TAX", "CIVIL")).isFalse();
    }
}
