package org.civicledger.events.documents;

/** The capacity in which someone receives or signs a document. */
public enum PartyRole {
    CITIZEN,
    /** A representative of a vendor (a contractor, a supplier). */
    VENDOR,
    /** A civil servant of one agency. */
    OFFICER,
    /** An agency itself, signing with its own key (certificates). */
    AGENCY
}
