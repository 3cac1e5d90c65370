package org.civicledger.events.documents;

/** What a document is; decides whether it may carry an expiry date. */
public enum DocumentKind {
    CONTRACT(true),
    CERTIFICATE(true),
    NOTICE(false),
    /** Internal sign-off: leave, procurement and other e-forms, signed through the same chains. */
    INTERNAL_FORM(false);

    private final boolean mayExpire;

    DocumentKind(boolean mayExpire) {
        this.mayExpire = mayExpire;
    }

    /** Contracts and certificates run out; a notice or a form is a record of a moment and does not. */
    public boolean mayExpire() {
        return mayExpire;
    }
}
