package org.civicledger.query.audit;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.civicledger.events.common.Money;
import org.civicledger.events.documents.DocumentEvent;
import org.civicledger.events.documents.DocumentEvent.DocumentAccessed;
import org.civicledger.events.documents.DocumentEvent.DocumentDelivered;
import org.civicledger.events.documents.DocumentEvent.DocumentExecuted;
import org.civicledger.events.documents.DocumentEvent.DocumentRegistered;
import org.civicledger.events.documents.DocumentEvent.DocumentRevoked;
import org.civicledger.events.documents.DocumentEvent.DocumentSigned;
import org.civicledger.events.documents.DocumentEvent.SignOffDeclined;
import org.civicledger.events.documents.DocumentEvent.SignOffRequested;
import org.civicledger.events.payments.BillEvent;
import org.civicledger.events.payments.BillEvent.BillAmended;
import org.civicledger.events.payments.BillEvent.BillCancelled;
import org.civicledger.events.payments.BillEvent.BillFellOverdue;
import org.civicledger.events.payments.BillEvent.BillIssued;
import org.civicledger.events.payments.BillEvent.BillPaid;
import org.civicledger.events.payments.BillShare;
import org.civicledger.events.payments.BillStatus;
import org.civicledger.events.payments.PaymentEvent;
import org.civicledger.events.payments.PaymentEvent.ChargebackRecorded;
import org.civicledger.events.payments.PaymentEvent.JournalEntryRecorded;
import org.civicledger.events.payments.PaymentEvent.OverpaymentRecorded;
import org.civicledger.events.payments.PaymentEvent.PaymentAmountMismatched;
import org.civicledger.events.payments.PaymentEvent.PaymentAuthorized;
import org.civicledger.events.payments.PaymentEvent.PaymentExpired;
import org.civicledger.events.payments.PaymentEvent.PaymentFailed;
import org.civicledger.events.payments.PaymentEvent.PaymentInitiated;
import org.civicledger.events.payments.PaymentEvent.PaymentRefunded;
import org.civicledger.events.payments.PaymentEvent.PaymentSucceeded;
import org.civicledger.events.payments.PaymentEvent.ProviderCallbackIgnored;
import org.civicledger.events.payments.PaymentStatus;

/**
 * The state of a bill, a payment or a document as its events up to some point say, for auditors (issue #4, "point in
 * time", as {@code CaseAsOf} is for cases): folded from the events alone, so it is what the ledger said at that moment.
 * No personal data: a payer appears by the pseudonymous account subject only, and free-text reasons are left out
 * (the audit trail has the events themselves).
 */
public final class ItemAsOf {

    private ItemAsOf() {
    }

    /** Where the fold stands: how many events, the last one's global index and recorded time. */
    public record Position(long eventsApplied, Long lastGlobalIndex, Instant lastRecordedAt) {

        static final Position NONE = new Position(0, null, null);

        Position next(long globalIndex, Instant recordedAt) {
            return new Position(eventsApplied + 1, globalIndex, recordedAt);
        }
    }

    /** A bill as of a point: null fields are what had not happened yet. */
    public record BillAsOf(String billId, Position position, BillStatus status, String agencyCode, String feeClassCode,
                           String payerSubject, Money amount, LocalDate dueOn, String referenceKind, String referenceId,
                           LocalDate issuedOn, int amendments, String paidBy, LocalDate paidOn, LocalDate cancelledOn) {

        static BillAsOf empty(String billId) {
            return new BillAsOf(billId, Position.NONE, null, null, null, null, null, null, null, null, null, 0, null, null, null);
        }

        BillAsOf apply(BillEvent event, long globalIndex, Instant recordedAt) {
            Position at = position.next(globalIndex, recordedAt);
            if (event instanceof BillIssued e) {
                return new BillAsOf(billId, at, BillStatus.OPEN, e.agencyCode(), e.feeClassCode(),
                        e.payer() == null ? null : e.payer().citizenSubject(), e.amount(), e.dueOn(), e.reference().kind().name(),
                        e.reference().id(), e.issuedOn(), 0, null, null, null);
            } else if (event instanceof BillAmended e) {
                BillStatus after = status == BillStatus.OVERDUE && !e.dueOn().isBefore(e.amendedOn()) ? BillStatus.OPEN : status;
                return new BillAsOf(billId, at, after, agencyCode, feeClassCode, payerSubject, e.amount(), e.dueOn(), referenceKind,
                        referenceId, issuedOn, amendments + 1, paidBy, paidOn, cancelledOn);
            } else if (event instanceof BillFellOverdue) {
                return with(at, BillStatus.OVERDUE, paidBy, paidOn, cancelledOn);
            } else if (event instanceof BillPaid e) {
                return with(at, BillStatus.PAID, e.paymentId(), e.paidOn(), cancelledOn);
            } else if (event instanceof BillCancelled e) {
                return with(at, BillStatus.CANCELLED, paidBy, paidOn, e.cancelledOn());
            }
            return with(at, status, paidBy, paidOn, cancelledOn);
        }

        private BillAsOf with(Position at, BillStatus newStatus, String newPaidBy, LocalDate newPaidOn, LocalDate newCancelledOn) {
            return new BillAsOf(billId, at, newStatus, agencyCode, feeClassCode, payerSubject, amount, dueOn, referenceKind, referenceId,
                    issuedOn, amendments, newPaidBy, newPaidOn, newCancelledOn);
        }
    }

    /** A payment as of a point; amounts in the payment's currency, zero until something moved. */
    public record PaymentAsOf(String paymentId, Position position, PaymentStatus status, String providerCode, String channel,
                              String payerSubject, List<String> billIds, Money amount, Money received, Money refunded,
                              Money chargedBack, Money overpaid, int refunds, int chargebacks, int callbacksIgnored,
                              int journalEntries, Instant initiatedAt, Instant finishedAt) {

        static PaymentAsOf empty(String paymentId) {
            return new PaymentAsOf(paymentId, Position.NONE, null, null, null, null, List.of(), null, null, null, null, null, 0, 0, 0,
                    0, null, null);
        }

        PaymentAsOf apply(PaymentEvent event, long globalIndex, Instant recordedAt) {
            Position at = position.next(globalIndex, recordedAt);
            if (event instanceof PaymentInitiated e) {
                Money zero = new Money(0, e.amount().currency());
                return new PaymentAsOf(paymentId, at, PaymentStatus.INITIATED, e.providerCode(), e.channel(), e.payerCitizenSubject(),
                        e.bills().stream().map(BillShare::billId).toList(), e.amount(), zero, zero, zero, zero, 0, 0, 0, 0,
                        e.initiatedAt(), null);
            } else if (event instanceof PaymentAuthorized) {
                return with(at, PaymentStatus.AUTHORIZED, received, finishedAt);
            } else if (event instanceof PaymentSucceeded e) {
                return with(at, PaymentStatus.SUCCEEDED, e.amount(), e.succeededAt());
            } else if (event instanceof PaymentAmountMismatched e) {
                return with(at, PaymentStatus.AMOUNT_MISMATCHED, e.reported(), e.reportedAt());
            } else if (event instanceof PaymentFailed e) {
                return with(at, PaymentStatus.FAILED, received, e.failedAt());
            } else if (event instanceof PaymentExpired e) {
                return with(at, PaymentStatus.EXPIRED, received, e.expiredAt());
            } else if (event instanceof PaymentRefunded e) {
                return new PaymentAsOf(paymentId, at, status, providerCode, channel, payerSubject, billIds, amount, received,
                        refunded.plus(e.amount()), chargedBack, overpaid, refunds + 1, chargebacks, callbacksIgnored, journalEntries,
                        initiatedAt, finishedAt);
            } else if (event instanceof ChargebackRecorded e) {
                return new PaymentAsOf(paymentId, at, status, providerCode, channel, payerSubject, billIds, amount, received, refunded,
                        chargedBack.plus(e.amount()), overpaid, refunds, chargebacks + 1, callbacksIgnored, journalEntries, initiatedAt,
                        finishedAt);
            } else if (event instanceof OverpaymentRecorded e) {
                return new PaymentAsOf(paymentId, at, status, providerCode, channel, payerSubject, billIds, amount, received, refunded,
                        chargedBack, overpaid.plus(e.amount()), refunds, chargebacks, callbacksIgnored, journalEntries, initiatedAt,
                        finishedAt);
            } else if (event instanceof ProviderCallbackIgnored) {
                return new PaymentAsOf(paymentId, at, status, providerCode, channel, payerSubject, billIds, amount, received, refunded,
                        chargedBack, overpaid, refunds, chargebacks, callbacksIgnored + 1, journalEntries, initiatedAt, finishedAt);
            } else if (event instanceof JournalEntryRecorded) {
                return new PaymentAsOf(paymentId, at, status, providerCode, channel, payerSubject, billIds, amount, received, refunded,
                        chargedBack, overpaid, refunds, chargebacks, callbacksIgnored, journalEntries + 1, initiatedAt, finishedAt);
            }
            return with(at, status, received, finishedAt);
        }

        private PaymentAsOf with(Position at, PaymentStatus newStatus, Money newReceived, Instant newFinishedAt) {
            return new PaymentAsOf(paymentId, at, newStatus, providerCode, channel, payerSubject, billIds, amount, newReceived, refunded,
                    chargedBack, overpaid, refunds, chargebacks, callbacksIgnored, journalEntries, initiatedAt, newFinishedAt);
        }
    }

    /** One signature of a document as of a point. */
    public record SignatureAsOf(int step, String signerSubject, String signerRole, String agencyCode, String keyId, String algorithm,
                                Instant signedAt) {
    }

    /**
     * A document as of a point: {@code status} REGISTERED, AWAITING_SIGNATURES, EXECUTED or DECLINED, as the documents
     * read model says it; revocation kept apart ({@code revokedAt}).
     */
    public record DocumentAsOf(String documentId, Position position, String status, String kind, String title, String agencyCode,
                               String sha256, long sizeBytes, LocalDate expiresOn, Instant registeredAt, int steps,
                               List<SignatureAsOf> signatures, Integer declinedAtStep, int deliveries, int accesses,
                               Instant executedAt, Instant revokedAt) {

        static DocumentAsOf empty(String documentId) {
            return new DocumentAsOf(documentId, Position.NONE, null, null, null, null, null, 0, null, null, 0, List.of(), null, 0, 0,
                    null, null);
        }

        DocumentAsOf apply(DocumentEvent event, long globalIndex, Instant recordedAt) {
            Position at = position.next(globalIndex, recordedAt);
            if (event instanceof DocumentRegistered e) {
                return new DocumentAsOf(documentId, at, "REGISTERED", e.kind().name(), e.title(), e.issuingAgencyCode(), e.sha256(),
                        e.sizeBytes(), e.expiresOn(), e.registeredAt(), 0, List.of(), null, 0, 0, null, null);
            } else if (event instanceof SignOffRequested e) {
                return new DocumentAsOf(documentId, at, "AWAITING_SIGNATURES", kind, title, agencyCode, sha256, sizeBytes, expiresOn,
                        registeredAt, e.steps().size(), signatures, declinedAtStep, deliveries, accesses, executedAt, revokedAt);
            } else if (event instanceof DocumentSigned e) {
                List<SignatureAsOf> more = new ArrayList<>(signatures);
                more.add(new SignatureAsOf(e.step(), e.signer().subject(), e.signer().role().name(), e.signer().agencyCode(), e.keyId(),
                        e.algorithm().name(), e.signedAt()));
                return new DocumentAsOf(documentId, at, status, kind, title, agencyCode, sha256, sizeBytes, expiresOn, registeredAt, steps,
                        List.copyOf(more), declinedAtStep, deliveries, accesses, executedAt, revokedAt);
            } else if (event instanceof SignOffDeclined e) {
                return new DocumentAsOf(documentId, at, "DECLINED", kind, title, agencyCode, sha256, sizeBytes, expiresOn, registeredAt,
                        steps, signatures, e.step(), deliveries, accesses, executedAt, revokedAt);
            } else if (event instanceof DocumentExecuted e) {
                return new DocumentAsOf(documentId, at, "EXECUTED", kind, title, agencyCode, sha256, sizeBytes, expiresOn, registeredAt,
                        steps, signatures, declinedAtStep, deliveries, accesses, e.executedAt(), revokedAt);
            } else if (event instanceof DocumentDelivered) {
                return new DocumentAsOf(documentId, at, status, kind, title, agencyCode, sha256, sizeBytes, expiresOn, registeredAt, steps,
                        signatures, declinedAtStep, deliveries + 1, accesses, executedAt, revokedAt);
            } else if (event instanceof DocumentAccessed) {
                return new DocumentAsOf(documentId, at, status, kind, title, agencyCode, sha256, sizeBytes, expiresOn, registeredAt, steps,
                        signatures, declinedAtStep, deliveries, accesses + 1, executedAt, revokedAt);
            } else if (event instanceof DocumentRevoked e) {
                return new DocumentAsOf(documentId, at, status, kind, title, agencyCode, sha256, sizeBytes, expiresOn, registeredAt, steps,
                        signatures, declinedAtStep, deliveries, accesses, executedAt, e.revokedAt());
            }
            return new DocumentAsOf(documentId, at, status, kind, title, agencyCode, sha256, sizeBytes, expiresOn, registeredAt, steps,
                    signatures, declinedAtStep, deliveries, accesses, executedAt, revokedAt);
        }
    }
}
