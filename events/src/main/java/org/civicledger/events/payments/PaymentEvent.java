package org.civicledger.events.payments;

import java.time.Instant;
import java.util.List;
import org.axonframework.serialization.Revision;
import org.civicledger.events.common.Money;
import org.civicledger.events.journal.JournalEntry;
import org.civicledger.events.journal.JournalLine;

/**
 * What happened to a payment, including the journal entries of the money it moved. Names and JSON are
 * forever once stored: see the approval tests.
 *
 * <p>Each event that moves money is followed, in the same append, by a {@link JournalEntryRecorded}
 * booking that movement; an entry balances on its own, so the trial balance is zero after every event.
 */
public sealed interface PaymentEvent {

    String paymentId();

    @Revision("1")
    record PaymentInitiated(
            String paymentId,
            String providerCode,
            String channel,
            String payerCitizenSubject,
            List<BillShare> bills,
            Money amount,
            Instant initiatedAt,
            Instant expiresAt) implements PaymentEvent {
    }

    @Revision("1")
    record PaymentAuthorized(String paymentId, String providerEventId, Instant authorizedAt) implements PaymentEvent {
    }

    /**
     * The provider took the amount of the bills; the ledger's settlement now marks each of {@code bills}
     * paid (they are repeated here so that the settlement and read models need nothing else).
     */
    @Revision("1")
    record PaymentSucceeded(String paymentId, String providerEventId, Money amount, List<BillShare> bills, Instant succeededAt)
            implements PaymentEvent {
    }

    @Revision("1")
    record PaymentFailed(String paymentId, String providerEventId, String reason, Instant failedAt) implements PaymentEvent {
    }

    @Revision("1")
    record PaymentExpired(String paymentId, Instant expiredAt) implements PaymentEvent {
    }

    /**
     * The provider took {@code reported}, not the {@code expected} sum of the bills: the money is held as
     * an overpayment (to be refunded or resolved by hand) and no bill is settled by it.
     */
    @Revision("1")
    record PaymentAmountMismatched(String paymentId, String providerEventId, Money expected, Money reported, Instant reportedAt)
            implements PaymentEvent {
    }

    /**
     * A callback that was not applied, kept so that its id is known and an auditor sees it: it would have
     * moved the payment backwards, repeated a final outcome, or contradicted one.
     */
    @Revision("1")
    record ProviderCallbackIgnored(
            String paymentId, String providerEventId, CallbackOutcome outcome, PaymentStatus status, String reason, Instant receivedAt)
            implements PaymentEvent {
    }

    /** A bill of this payment could not be settled by it: its share is owed back to the payer. */
    @Revision("1")
    record OverpaymentRecorded(String paymentId, String billId, Money amount, String reason) implements PaymentEvent {
    }

    @Revision("1")
    record PaymentRefunded(String paymentId, String refundId, Money amount, String reason, Instant refundedAt) implements PaymentEvent {
    }

    @Revision("1")
    record ChargebackRecorded(String paymentId, String chargebackId, Money amount, String reason, Instant recordedAt)
            implements PaymentEvent {
    }

    /**
     * A balanced journal entry for the money movement recorded just before it on this payment's stream.
     * {@code cause} names that movement: {@code payment-succeeded}, {@code amount-mismatched},
     * {@code overpayment}, {@code refund}, {@code chargeback}.
     */
    @Revision("1")
    record JournalEntryRecorded(String paymentId, String entryId, String cause, Instant bookedAt, List<JournalLine> lines)
            implements PaymentEvent, JournalEntry {

        public JournalEntryRecorded {
            lines = List.copyOf(lines);
            JournalEntry.requireBalanced(lines);
        }
    }
}
