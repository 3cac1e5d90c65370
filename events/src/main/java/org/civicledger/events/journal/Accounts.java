package org.civicledger.events.journal;

import java.util.regex.Pattern;

/**
 * The chart of accounts of the journal. Account names are text so that an entry reads on its own:
 * <ul>
 *   <li>{@code provider-clearing:<provider>} — money a provider has collected for the city and owes it
 *       (debited when a payment succeeds, credited when the provider settles to the bank, refunds or
 *       charges back);</li>
 *   <li>{@code revenue:<agency>:<fee class>} — an agency's revenue per fee class (credited when a bill is
 *       paid, debited by refunds and chargebacks);</li>
 *   <li>{@code refunds-payable:<agency>} — refunds an agency has granted and not yet paid out;</li>
 *   <li>{@code bank} — the city's bank account (settlements from providers arrive here);</li>
 *   <li>{@code provider-fees:<provider>} — what a provider charges the city;</li>
 *   <li>{@code overpayments} — money received that pays no open bill (a bill paid twice, an amount that
 *       did not match): owed back to the payer until refunded;</li>
 *   <li>{@code grant-expense:<agency>:<programme>} — what an agency has committed to a benefit programme
 *       (debited when a grant is awarded, credited by the remainder of a grant that expires or is revoked);</li>
 *   <li>{@code grants-payable:<agency>:<programme>} — balances granted to citizens and not yet spent
 *       (credited on award, debited by each use and by the remainder returned). One account per programme,
 *       not per beneficiary: the balance of each grant lives on its own stream and in its read model, and a
 *       citizen's account id in an account name would reach every reader of the journal.</li>
 * </ul>
 * Codes inside names follow the ledger's code rule (letters, digits, dots, dashes, underscores).
 */
public final class Accounts {

    public static final String BANK = "bank";
    public static final String OVERPAYMENTS = "overpayments";

    private static final String CODE = "[A-Za-z0-9][A-Za-z0-9._-]{0,63}";
    private static final Pattern ACCOUNT = Pattern.compile(
            "bank|overpayments|provider-clearing:" + CODE + "|provider-fees:" + CODE + "|refunds-payable:" + CODE
                    + "|revenue:" + CODE + ":" + CODE + "|grant-expense:" + CODE + ":" + CODE + "|grants-payable:" + CODE + ":" + CODE);
    private static final Pattern REVENUE = Pattern.compile("revenue:(" + CODE + "):" + CODE);

    private Accounts() {
    }

    public static String providerClearing(String providerCode) {
        return "provider-clearing:" + providerCode;
    }

    public static String providerFees(String providerCode) {
        return "provider-fees:" + providerCode;
    }

    public static String revenue(String agencyCode, String feeClassCode) {
        return "revenue:" + agencyCode + ":" + feeClassCode;
    }

    public static String refundsPayable(String agencyCode) {
        return "refunds-payable:" + agencyCode;
    }

    public static String grantExpense(String agencyCode, String programCode) {
        return "grant-expense:" + agencyCode + ":" + programCode;
    }

    public static String grantsPayable(String agencyCode, String programCode) {
        return "grants-payable:" + agencyCode + ":" + programCode;
    }

    public static boolean isAccount(String name) {
        return name != null && ACCOUNT.matcher(name).matches();
    }

    /** True when the name is a revenue account of that agency. */
    public static boolean isRevenueOf(String name, String agencyCode) {
        if (name == null) {
            return false;
        }
        var matcher = REVENUE.matcher(name);
        return matcher.matches() && matcher.group(1).equals(agencyCode);
    }
}
