package org.civicledger.events.grants;

/** Where a grant stands: spendable, or ended one of two ways with its remainder returned to the agency. */
public enum GrantStatus {
    ACTIVE,
    EXPIRED,
    REVOKED
}
