package org.civicledger.projections.citizenhistory;

import java.math.BigDecimal;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;
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
import org.civicledger.events.documents.Party;
import org.civicledger.events.documents.SignOffStep;
import org.civicledger.events.grants.GrantEvent;
import org.civicledger.events.grants.GrantEvent.GrantAwarded;
import org.civicledger.events.grants.GrantEvent.GrantExpired;
import org.civicledger.events.grants.GrantEvent.GrantRevoked;
import org.civicledger.events.grants.GrantEvent.GrantUsed;
import org.civicledger.events.payments.BillEvent;
import org.civicledger.events.payments.BillEvent.BillAmended;
import org.civicledger.events.payments.BillEvent.BillCancelled;
import org.civicledger.events.payments.BillEvent.BillFellOverdue;
import org.civicledger.events.payments.BillEvent.BillIssued;
import org.civicledger.events.payments.BillEvent.BillPaid;
import org.civicledger.events.payments.PaymentEvent;
import org.civicledger.events.payments.PaymentEvent.ChargebackRecorded;
import org.civicledger.events.payments.PaymentEvent.OverpaymentRecorded;
import org.civicledger.events.payments.PaymentEvent.PaymentAmountMismatched;
import org.civicledger.events.payments.PaymentEvent.PaymentAuthorized;
import org.civicledger.events.payments.PaymentEvent.PaymentExpired;
import org.civicledger.events.payments.PaymentEvent.PaymentFailed;
import org.civicledger.events.payments.PaymentEvent.PaymentInitiated;
import org.civicledger.events.payments.PaymentEvent.PaymentRefunded;
import org.civicledger.events.payments.PaymentEvent.PaymentSucceeded;
import org.civicledger.events.receipts.ReceiptEvent;
import org.civicledger.events.receipts.ReceiptEvent.ReceiptAttributed;
import org.civicledger.events.receipts.ReceiptEvent.ReceiptIssued;
import org.civicledger.events.receipts.ReceiptEvent.ReceiptVoided;

/**
 * What a citizen reads in their timeline about a bill, payment, grant, receipt or document: facts in structured
 * words. Free text that an officer, a provider or a signer typed (reasons, purposes) is left out, as for cases: it
 * may name other people, and the item's own page shows it to those allowed to read it.
 */
final class TimelineSummaries {

    private TimelineSummaries() {
    }

    static String of(BillEvent event) {
        if (event instanceof BillIssued e) {
            return "Bill from agency " + e.agencyCode() + " for " + e.feeClassCode() + ": " + money(e.amount()) + ", due " + e.dueOn()
                    + " (" + e.reference().kind().name().toLowerCase(Locale.ROOT).replace('_', ' ') + " " + e.reference().id() + ")";
        } else if (event instanceof BillAmended e) {
            return "Bill amended on " + e.amendedOn() + ": " + money(e.previousAmount()) + " due " + e.previousDueOn() + " is now "
                    + money(e.amount()) + " due " + e.dueOn();
        } else if (event instanceof BillCancelled e) {
            return "Bill cancelled on " + e.cancelledOn() + "; nothing is owed on it";
        } else if (event instanceof BillFellOverdue e) {
            return "Bill overdue since " + e.overdueOn() + " (it was due " + e.dueOn() + ")";
        } else if (event instanceof BillPaid e) {
            return "Bill paid on " + e.paidOn() + ": " + money(e.amount()) + " by payment " + e.paymentId();
        }
        return event.getClass().getSimpleName();
    }

    static String of(PaymentEvent event) {
        if (event instanceof PaymentInitiated e) {
            return "Payment of " + money(e.amount()) + " for " + e.bills().size() + " bill(s) started with " + e.providerCode()
                    + " (" + e.channel() + ")";
        } else if (event instanceof PaymentAuthorized) {
            return "Payment authorized by the provider";
        } else if (event instanceof PaymentSucceeded e) {
            return "Payment of " + money(e.amount()) + " succeeded";
        } else if (event instanceof PaymentFailed) {
            return "Payment failed; no money was taken";
        } else if (event instanceof PaymentExpired) {
            return "Payment expired before the provider confirmed it; no money was taken";
        } else if (event instanceof PaymentAmountMismatched e) {
            return "The provider took " + money(e.reported()) + " instead of " + money(e.expected())
                    + "; the money is held and no bill is settled by it";
        } else if (event instanceof OverpaymentRecorded e) {
            return "Overpayment of " + money(e.amount()) + " recorded on bill " + e.billId();
        } else if (event instanceof PaymentRefunded e) {
            return "Refund of " + money(e.amount()) + " to you (refund " + e.refundId() + ")";
        } else if (event instanceof ChargebackRecorded e) {
            return "Chargeback of " + money(e.amount()) + " recorded by the provider";
        }
        return event.getClass().getSimpleName();
    }

    static String of(GrantEvent event) {
        if (event instanceof GrantAwarded e) {
            return "Grant of " + money(e.amount()) + " under " + e.programCode() + " from agency " + e.agencyCode() + ", up to "
                    + money(e.perUseCap()) + " per use, until " + e.expiresAt();
        } else if (event instanceof GrantUsed e) {
            return "Grant used: " + money(e.amount()) + " at " + e.providerCode() + "; " + money(e.balanceAfter()) + " left";
        } else if (event instanceof GrantExpired e) {
            return "Grant expired; " + money(e.remainder()) + " returned to the agency";
        } else if (event instanceof GrantRevoked e) {
            return "Grant revoked by the agency; " + money(e.remainder()) + " returned to it";
        }
        return event.getClass().getSimpleName();
    }

    static String of(ReceiptEvent event) {
        if (event instanceof ReceiptIssued e) {
            return "Receipt " + e.number().text() + " issued by agency " + e.agencyCode() + " for " + money(e.amount()) + " ("
                    + e.feeClassCode() + ")" + (e.reissueOf() == null ? "" : ", replacing receipt " + e.reissueOf());
        } else if (event instanceof ReceiptVoided e) {
            return "Receipt " + e.number().text() + " voided" + (e.reissuedAs() == null ? "" : "; reissued as " + e.reissuedAs());
        } else if (event instanceof ReceiptAttributed) {
            return "Receipt attributed to your account; it was issued before you enrolled";
        }
        return event.getClass().getSimpleName();
    }

    /** What {@code subject} reads about a document event, or null when it is none of theirs (another's delivery). */
    static String of(DocumentEvent event, String subject) {
        if (event instanceof DocumentRegistered e) {
            return "Document \u201c" + e.title() + "\u201d (" + e.kind().name().toLowerCase(Locale.ROOT).replace('_', ' ')
                    + ") registered by agency " + e.issuingAgencyCode() + (e.expiresOn() == null ? "" : "; valid until " + e.expiresOn());
        } else if (event instanceof DocumentDelivered e) {
            return subject.equals(e.recipient().subject()) ? "Document delivered to you" : null;
        } else if (event instanceof DocumentAccessed e) {
            String who = subject.equals(e.accessorSubject()) ? "you" : "a person in the role " + e.accessorRole().name().toLowerCase(Locale.ROOT);
            return "Document " + (e.access() == org.civicledger.events.documents.AccessKind.DOWNLOAD ? "downloaded" : "viewed") + " by " + who;
        } else if (event instanceof SignOffRequested e) {
            int step = 0;
            for (int i = 0; i < e.steps().size(); i++) {
                SignOffStep each = e.steps().get(i);
                if (each.signers().stream().anyMatch(party -> party.subject().equals(subject))) {
                    step = i + 1;
                }
            }
            return "Sign-off requested in " + e.steps().size() + " step(s)" + (step == 0 ? "" : "; your signature is asked at step " + step);
        } else if (event instanceof DocumentSigned e) {
            return "Signed at step " + e.step() + " by " + who(e.signer(), subject) + " (" + e.algorithm() + " key " + e.keyId() + ")";
        } else if (event instanceof SignOffDeclined e) {
            return "Declined at step " + e.step() + " by " + who(e.signer(), subject) + "; the sign-off ended";
        } else if (event instanceof DocumentExecuted) {
            return "Every signature is in: the document is executed";
        } else if (event instanceof DocumentRevoked) {
            return "Document revoked by the issuing agency";
        }
        return event.getClass().getSimpleName();
    }

    /** A signer as a citizen may read of them: themselves, or the capacity and agency, never another person's account. */
    private static String who(Party party, String reader) {
        if (party.subject().equals(reader)) {
            return "you";
        }
        return switch (party.role()) {
            case OFFICER -> "an officer of agency " + party.agencyCode();
            case AGENCY -> "agency " + party.agencyCode();
            case VENDOR -> "a vendor's representative";
            case CITIZEN -> "another citizen";
        };
    }

    /** NT$1,250 for New Taiwan dollars (whole dollars), else the decimal amount and the currency code. */
    static String money(Money money) {
        int digits = Money.minorUnitDigits(money.currency());
        BigDecimal amount = BigDecimal.valueOf(money.amountMinor(), digits);
        DecimalFormat format = new DecimalFormat(digits == 0 ? "#,##0" : "#,##0." + "0".repeat(digits), DecimalFormatSymbols.getInstance(Locale.ROOT));
        return Money.TWD.equals(money.currency()) ? "NT$" + format.format(amount) : format.format(amount) + " " + money.currency();
    }
}
