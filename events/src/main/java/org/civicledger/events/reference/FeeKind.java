package org.civicledger.events.reference;

/** What a fee class is, as the city's payment platform groups them. */
public enum FeeKind {
    /** A charge for a service (a certificate, a permit). */
    GOVERNMENT_FEE,
    /** A local tax (house tax, land value tax, vehicle licence tax). */
    LOCAL_TAX,
    /** A fine (parking, traffic, sanitation). */
    FINE
}
