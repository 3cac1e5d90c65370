package org.civicledger.command.reference;

import java.util.Optional;
import org.civicledger.command.reference.PaymentCatalog.FeeClassTerms;
import org.civicledger.events.journal.Accounts;
import org.civicledger.events.reference.FeeKind;

/**
 * The fee class a case's fee is billed under: every agency has one, {@code CASE-FEES.<agency code>}, without
 * registering it. A case type names its fee, not a fee class; giving each of a city's 1,400 case types a fee
 * class of its own would swamp the catalog, while revenue must still reach the agency that owns the case type.
 * So the fees of an agency's cases are one revenue line of that agency, {@code revenue:<agency>:CASE-FEES.<agency>}.
 *
 * <p>The code is reserved: an operator cannot register a fee class under it ({@link FeeClass}), so no other
 * agency can take the revenue of another's cases.
 */
public final class CaseFeeClass {

    public static final String PREFIX = "CASE-FEES.";

    private CaseFeeClass() {
    }

    public static String code(String agencyCode) {
        return PREFIX + agencyCode;
    }

    public static boolean isReserved(String feeClassCode) {
        return feeClassCode != null && feeClassCode.startsWith(PREFIX);
    }

    /** The terms of an agency's case-fee class, when the code is one; the agency is whoever the code names. */
    public static Optional<FeeClassTerms> terms(String feeClassCode) {
        if (!isReserved(feeClassCode) || feeClassCode.length() == PREFIX.length()) {
            return Optional.empty();
        }
        String agencyCode = feeClassCode.substring(PREFIX.length());
        String revenue = Accounts.revenue(agencyCode, feeClassCode);
        if (!Accounts.isAccount(revenue)) {
            return Optional.empty();
        }
        return Optional.of(new FeeClassTerms(feeClassCode, "Case fees of " + agencyCode, FeeKind.GOVERNMENT_FEE, agencyCode,
                null, revenue));
    }
}
