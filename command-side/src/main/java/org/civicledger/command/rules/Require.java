package org.civicledger.command.rules;

import org.civicledger.events.common.Actor;
import org.civicledger.events.common.Money;
import org.civicledger.events.common.Role;
import org.civicledger.events.common.RuleViolation;

/** Checks shared by command handlers; each failure names its rule and the field concerned. */
public final class Require {

    public static final int CODE_LENGTH_MAX = 64;
    /**
     * The largest amount one bill, payment or refund may carry: NT$1 trillion, far above any fee or tax,
     * and small enough that sums over millions of them stay far from the 64-bit limit.
     */
    public static final long AMOUNT_MINOR_MAX = 1_000_000_000_000L;

    private Require() {
    }

    /** Reference data is kept by the ledger's loaders (system) and by operators. */
    public static void referenceDataKeeper(Actor actor) {
        if (actor == null || (actor.role() != Role.SYSTEM && actor.role() != Role.OPERATOR)) {
            throw RuleViolation.forbidden("ReferenceDataIsKeptByOperators",
                    "reference data is changed only by an operator or the ledger itself");
        }
    }

    public static void code(String field, String value) {
        if (value == null || !value.matches("[A-Za-z0-9][A-Za-z0-9._-]{0," + (CODE_LENGTH_MAX - 1) + "}")) {
            throw RuleViolation.invalid("CodesAreShortAndPlain", field,
                    field + " must be 1 to " + CODE_LENGTH_MAX + " letters, digits, dots, dashes or underscores");
        }
    }

    public static void text(String field, String value, int lengthMax) {
        if (value == null || value.isBlank()) {
            throw RuleViolation.invalid("TextIsGiven", field, field + " is required");
        }
        if (value.length() > lengthMax) {
            throw RuleViolation.invalid("TextWithinLength", field, field + " is longer than " + lengthMax + " characters");
        }
    }

    /**
     * A fee, tax or fine: a positive amount of Taiwan dollars. TWD amounts are whole dollars by
     * construction ({@link Money}); a fraction of a dollar is refused where decimal text becomes money.
     */
    public static void feeAmount(String field, Money amount) {
        if (amount == null) {
            throw RuleViolation.invalid("AmountIsGiven", field, field + " is required");
        }
        if (!Money.TWD.equals(amount.currency())) {
            throw RuleViolation.invalid("FeesAreInTaiwanDollars", field, "fees, taxes and fines are billed in whole Taiwan dollars (TWD)");
        }
        positiveAmount(field, amount);
    }

    /** An amount of money that moves: more than zero and within {@link #AMOUNT_MINOR_MAX}. */
    public static void positiveAmount(String field, Money amount) {
        if (amount == null) {
            throw RuleViolation.invalid("AmountIsGiven", field, field + " is required");
        }
        if (amount.amountMinor() <= 0) {
            throw RuleViolation.invalid("AmountIsPositive", field, field + " must be more than zero");
        }
        if (amount.amountMinor() > AMOUNT_MINOR_MAX) {
            throw RuleViolation.invalid("AmountWithinLimit", field, field + " is above the ledger's limit of " + AMOUNT_MINOR_MAX);
        }
    }
}
