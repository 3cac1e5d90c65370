package org.civicledger.command.receipts;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.time.Instant;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.civicledger.events.common.Actor;
import org.civicledger.events.common.Money;
import org.civicledger.events.common.Role;
import org.civicledger.events.common.RuleViolation;
import org.civicledger.events.payments.Payer;
import org.civicledger.events.receipts.ReceiptEvent.ReceiptAttributed;
import org.civicledger.events.receipts.ReceiptEvent.ReceiptIssued;
import org.civicledger.events.receipts.ReceiptEvent.ReceiptVoided;
import org.civicledger.events.receipts.ReceiptNumber;

/**
 * A receipt: proof that an agency received a payment, under a number of its receipt book.
 *
 * <p>Its rules: it is never edited; only an officer of the issuing agency (or the ledger) voids or reissues it, with a
 * reason, once; it is attributed to a citizen account at most once. Issuing is the {@link ReceiptDesk}'s (it takes
 * the number in the same transaction), which creates the receipt from its first event.
 */
public class Receipt {

    public static final int REASON_LENGTH_MAX = 500;

    @AggregateIdentifier
    private String receiptId;
    private ReceiptNumber number;
    private String agencyCode;
    private String feeClassCode;
    private Payer payer;
    private String citizenSubject;
    private Money amount;
    private String paymentReference;
    private String billId;
    private boolean voided;

    protected Receipt() {
        // For Axon's event sourcing.
    }

    /** A new receipt: called by the desk inside {@code Repository.newInstance}, which records the event. */
    Receipt(ReceiptIssued issued) {
        apply(issued);
    }

    void voidFor(Actor actor, String reason, Instant now, String reissuedAs) {
        requireIssuingAgency(actor, reissuedAs == null ? "voids" : "reissues");
        if (voided) {
            throw RuleViolation.conflict("ReceiptIsVoidedOnce", "receipt " + number.text() + " is voided already");
        }
        if (reason == null || reason.isBlank()) {
            throw RuleViolation.invalid("CorrectionHasAReason", "reason", "a receipt is voided or reissued with the reason");
        }
        if (reason.length() > REASON_LENGTH_MAX) {
            throw RuleViolation.invalid("TextWithinLength", "reason", "reason is longer than " + REASON_LENGTH_MAX + " characters");
        }
        apply(new ReceiptVoided(receiptId, number, reason, now, reissuedAs));
    }

    /** Attributes the receipt to a citizen account enrolled after it was issued; already attributed, nothing happens. */
    void attributeTo(String account, Instant now) {
        if (citizenSubject == null) {
            apply(new ReceiptAttributed(receiptId, account, now));
        }
    }

    void requireIssuingAgency(Actor actor, String verb) {
        if (actor.role() != Role.SYSTEM && !actor.isOfficerOf(agencyCode)) {
            throw RuleViolation.forbidden("IssuingAgencyCorrects", "only an officer of " + agencyCode + " " + verb + " its receipts");
        }
    }

    ReceiptFacts facts() {
        return new ReceiptFacts(receiptId, number, agencyCode, feeClassCode, payer, citizenSubject, amount, paymentReference, billId, voided);
    }

    /** What a reissue copies and what the desk answers. */
    record ReceiptFacts(String receiptId, ReceiptNumber number, String agencyCode, String feeClassCode, Payer payer,
                        String citizenSubject, Money amount, String paymentReference, String billId, boolean voided) {
    }

    @EventSourcingHandler
    void on(ReceiptIssued event) {
        receiptId = event.receiptId();
        number = event.number();
        agencyCode = event.agencyCode();
        feeClassCode = event.feeClassCode();
        payer = event.payer();
        citizenSubject = event.citizenSubject();
        amount = event.amount();
        paymentReference = event.paymentReference();
        billId = event.billId();
    }

    @EventSourcingHandler
    void on(ReceiptVoided event) {
        voided = true;
    }

    @EventSourcingHandler
    void on(ReceiptAttributed event) {
        citizenSubject = event.citizenSubject();
    }
}
