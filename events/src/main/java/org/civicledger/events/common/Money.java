package org.civicledger.events.common;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * An amount of money in minor units of an explicit currency; never a floating point number.
 *
 * <p>For TWD the minor unit is the dollar itself (no cents are used in government fees), so
 * {@code new Money(250, "TWD")} is NT$250. ISO 4217 gives TWD two decimals, but the ledger's stored
 * events count whole dollars, and that is what they will always mean: a fraction of a dollar cannot be
 * expressed in TWD here at all. Decimal text from outside (a form, a provider's file) is turned into
 * money by {@link #ofDecimal(String, String)}, which refuses "250.50" for TWD instead of rounding it.
 * Other currencies use their ISO 4217 minor unit ({@link #minorUnitDigits(String)}).
 */
public record Money(long amountMinor, String currency) {

    public static final String TWD = "TWD";
    /** Longest decimal text {@link #ofDecimal} reads; a long's 19 digits, a sign and a point fit. */
    private static final int DECIMAL_TEXT_LENGTH_MAX = 24;

    public Money {
        if (currency == null || !currency.matches("[A-Z]{3}")) {
            throw new IllegalArgumentException("currency must be an ISO 4217 code, got " + currency);
        }
    }

    public static Money twd(long dollars) {
        return new Money(dollars, TWD);
    }

    /**
     * How many decimal digits a minor unit of the currency is below its major unit, as the ledger counts:
     * 0 for TWD (see above) and for currencies without minor units (JPY, KRW), 3 for the dinars, 2 otherwise.
     */
    public static int minorUnitDigits(String currency) {
        return switch (currency) {
            case TWD, "JPY", "KRW", "VND", "CLP", "ISK", "UGX", "XAF", "XOF" -> 0;
            case "BHD", "IQD", "JOD", "KWD", "LYD", "OMR", "TND" -> 3;
            default -> 2;
        };
    }

    /**
     * Reads a decimal amount such as {@code "250"}, {@code "250.00"} or {@code "-12.5"} exactly, in the
     * currency's minor units. Digits below the minor unit are refused unless they are zeros: for TWD
     * {@code "250.50"} is refused (a fee is a whole number of dollars), {@code "250.00"} is NT$250.
     *
     * @throws IllegalArgumentException naming what is wrong: not a number, too many decimals, too large
     */
    public static Money ofDecimal(String amount, String currency) {
        if (currency == null || !currency.matches("[A-Z]{3}")) {
            throw new IllegalArgumentException("currency must be an ISO 4217 code, got " + currency);
        }
        if (amount == null || amount.length() > DECIMAL_TEXT_LENGTH_MAX || !amount.matches("-?[0-9]+(\\.[0-9]+)?")) {
            throw new IllegalArgumentException("amount must be a decimal number such as 250 or 250.00");
        }
        boolean negative = amount.startsWith("-");
        String unsigned = negative ? amount.substring(1) : amount;
        int point = unsigned.indexOf('.');
        String whole = point < 0 ? unsigned : unsigned.substring(0, point);
        String fraction = point < 0 ? "" : unsigned.substring(point + 1);
        int digits = minorUnitDigits(currency);
        if (fraction.length() > digits && !fraction.substring(digits).matches("0+")) {
            throw new IllegalArgumentException(digits == 0
                    ? "amounts in " + currency + " are whole numbers: " + amount + " has a fraction"
                    : "amounts in " + currency + " have at most " + digits + " decimals: " + amount + " has more");
        }
        StringBuilder minor = new StringBuilder(whole);
        for (int i = 0; i < digits; i++) {
            minor.append(i < fraction.length() ? fraction.charAt(i) : '0');
        }
        try {
            long value = Long.parseLong(minor.toString());
            return new Money(negative ? -value : value, currency);
        } catch (NumberFormatException tooLarge) {
            throw new IllegalArgumentException("amount " + amount + " is too large");
        }
    }

    @JsonIgnore
    public boolean isZero() {
        return amountMinor == 0;
    }

    @JsonIgnore
    public boolean isPositive() {
        return amountMinor > 0;
    }

    /** The sum of two amounts of one currency; refuses to mix currencies or to overflow. */
    public Money plus(Money other) {
        requireSameCurrency(other);
        return new Money(Math.addExact(amountMinor, other.amountMinor), currency);
    }

    public Money minus(Money other) {
        requireSameCurrency(other);
        return new Money(Math.subtractExact(amountMinor, other.amountMinor), currency);
    }

    private void requireSameCurrency(Money other) {
        if (!currency.equals(other.currency)) {
            throw new IllegalArgumentException("cannot add " + other.currency + " to " + currency);
        }
    }
}
