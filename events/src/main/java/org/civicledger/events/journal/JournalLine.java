package org.civicledger.events.journal;

/**
 * One line of a journal entry: an amount debited or credited to an account, in minor units of a
 * currency, on behalf of an agency.
 *
 * <p>Exactly one of {@code debitMinor} and {@code creditMinor} is positive, the other zero.
 * {@code agencyCode} is the agency the movement belongs to (whose revenue, whose refund); it is null
 * for city-wide movements that belong to no agency (a provider's fee, a bank transfer). Every entry
 * balances per agency as well as in all, so each agency's trial balance is zero on its own.
 */
public record JournalLine(String account, String agencyCode, long debitMinor, long creditMinor, String currency) {

    public JournalLine {
        if (!Accounts.isAccount(account)) {
            throw new IllegalArgumentException("journal account is not in the chart of accounts: " + account);
        }
        if (debitMinor < 0 || creditMinor < 0 || (debitMinor == 0) == (creditMinor == 0)) {
            throw new IllegalArgumentException("a journal line debits or credits a positive amount, not both");
        }
        if (currency == null || !currency.matches("[A-Z]{3}")) {
            throw new IllegalArgumentException("journal line currency must be an ISO 4217 code");
        }
    }

    public static JournalLine debit(String account, String agencyCode, long amountMinor, String currency) {
        return new JournalLine(account, agencyCode, amountMinor, 0, currency);
    }

    public static JournalLine credit(String account, String agencyCode, long amountMinor, String currency) {
        return new JournalLine(account, agencyCode, 0, amountMinor, currency);
    }

    /** Debit minus credit: positive for a debit line, negative for a credit line. */
    public long signedMinor() {
        return debitMinor - creditMinor;
    }
}
