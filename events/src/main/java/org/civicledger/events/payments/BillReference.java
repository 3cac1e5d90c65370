package org.civicledger.events.payments;

/**
 * What a bill is for: a case (its fee), a fine ticket or a tax bill, by the identifier the agency
 * knows it by.
 */
public record BillReference(Kind kind, String id) {

    public static final int ID_LENGTH_MAX = 64;

    public enum Kind {
        CASE,
        FINE_TICKET,
        TAX_BILL
    }

    public BillReference {
        if (kind == null) {
            throw new IllegalArgumentException("bill reference kind is required");
        }
        if (id == null || !id.matches("[A-Za-z0-9][A-Za-z0-9._-]{0," + (ID_LENGTH_MAX - 1) + "}")) {
            throw new IllegalArgumentException("bill reference id must be 1 to " + ID_LENGTH_MAX
                    + " letters, digits, dots, dashes or underscores");
        }
    }
}
