package org.civicledger.events.receipts;

import java.time.Instant;
import java.time.LocalDate;
import org.axonframework.serialization.Revision;
import org.civicledger.events.common.Money;
import org.civicledger.events.payments.Payer;

/**
 * What happened to a receipt. Names and JSON are forever once stored: see the approval tests.
 *
 * <p>A receipt is never edited: a wrong one is voided (its number stays in the book, as voided) and, if
 * need be, reissued under a new number that names the old one.
 */
public sealed interface ReceiptEvent {

    String receiptId();

    /**
     * A receipt was issued under {@code number}, the next one of its agency's book for the year.
     *
     * @param payer             personal data, sealed in storage under the payer's data key as a bill's payer is
     * @param citizenSubject    the citizen account the receipt is attributed to, if one was known at issue
     * @param paymentReference  what was paid: the ledger's payment id, or the counter's own slip number
     * @param billId            the bill it is for, when it was issued for a paid bill; null for a counter receipt
     * @param verificationCode  the random code printed on the receipt; with the number, it lets anyone check it
     * @param issuedOn          the date of issue in the city's zone (its year is the number's year)
     * @param reissueOf         the voided receipt this one replaces, or null
     */
    @Revision("1")
    record ReceiptIssued(
            String receiptId,
            ReceiptNumber number,
            String agencyCode,
            String feeClassCode,
            Payer payer,
            String citizenSubject,
            Money amount,
            String paymentReference,
            String billId,
            String verificationCode,
            Instant issuedAt,
            LocalDate issuedOn,
            String reissueOf) implements ReceiptEvent {
    }

    /** The receipt no longer stands; its number stays in the book as voided. {@code reissuedAs} names its replacement, if any. */
    @Revision("1")
    record ReceiptVoided(String receiptId, ReceiptNumber number, String reason, Instant voidedAt, String reissuedAs)
            implements ReceiptEvent {
    }

    /**
     * A receipt issued before its payer had a citizen account is attributed to the account they enrolled later
     * (retroactive attribution; see docs/receipts.md, "Enrollment").
     */
    @Revision("1")
    record ReceiptAttributed(String receiptId, String citizenSubject, Instant attributedAt) implements ReceiptEvent {
    }
}
