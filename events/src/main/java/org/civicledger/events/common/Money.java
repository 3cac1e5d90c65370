package org.civicledger.events.common;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * An amount of money in minor units of an explicit currency; never a floating point number.
 *
 * <p>For TWD the minor unit is the dollar itself (no cents are used in government fees), so
 * {@code new Money(250, "TWD")} is NT$250.
 */
public record Money(long amountMinor, String currency) {

    public Money {
        if (currency == null || !currency.matches("[A-Z]{3}")) {
            throw new IllegalArgumentException("currency must be an ISO 4217 code, got " + currency);
        }
    }

    public static Money twd(long dollars) {
        return new Money(dollars, "TWD");
    }

    @JsonIgnore
    public boolean isZero() {
        return amountMinor == 0;
    }
}
