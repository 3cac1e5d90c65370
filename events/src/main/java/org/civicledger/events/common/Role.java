package org.civicledger.events.common;

/** The role an actor holds when it issues a command; decides what the ledger lets it do. */
public enum Role {
    /** A resident acting on their own behalf; the subject is their citizen account. */
    CITIZEN,
    /** A civil servant of one agency; the actor's agency code says which. */
    OFFICER,
    /** Reads everything needed to audit and changes nothing. */
    AUDITOR,
    /** Runs the ledger: rebuilds, metrics; sees no personal data. */
    OPERATOR,
    /** The ledger itself: deadlines, process managers, data loaders. */
    SYSTEM
}
