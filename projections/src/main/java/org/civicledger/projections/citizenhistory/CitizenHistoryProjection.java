package org.civicledger.projections.citizenhistory;

import java.time.Instant;
import java.util.Set;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.civicledger.events.cases.CaseEvent;
import org.civicledger.events.cases.CaseEvent.ApplicationSubmitted;
import org.civicledger.events.cases.CaseEvent.ApplicationWithdrawn;
import org.civicledger.events.cases.CaseEvent.CaseAccepted;
import org.civicledger.events.cases.CaseEvent.CaseApproved;
import org.civicledger.events.cases.CaseEvent.CaseClosed;
import org.civicledger.events.cases.CaseEvent.CaseFlaggedOverdue;
import org.civicledger.events.cases.CaseEvent.CaseRejected;
import org.civicledger.events.cases.CaseEvent.CaseReviewStarted;
import org.civicledger.events.cases.CaseEvent.CaseTransferred;
import org.civicledger.events.cases.CaseEvent.DeadlineExtended;
import org.civicledger.events.cases.CaseEvent.SupplementProvided;
import org.civicledger.events.cases.CaseEvent.SupplementRequested;
import org.civicledger.events.documents.DocumentEvent;
import org.civicledger.events.documents.DocumentEvent.DocumentRegistered;
import org.civicledger.events.documents.DocumentEvent.SignOffRequested;
import org.civicledger.events.documents.Party;
import org.civicledger.events.documents.PartyRole;
import org.civicledger.events.grants.GrantEvent;
import org.civicledger.events.grants.GrantEvent.GrantAwarded;
import org.civicledger.events.grants.GrantEvent.GrantJournalEntryRecorded;
import org.civicledger.events.payments.BillEvent;
import org.civicledger.events.payments.BillEvent.BillIssued;
import org.civicledger.events.payments.BillReference;
import org.civicledger.events.payments.PaymentEvent;
import org.civicledger.events.payments.PaymentEvent.JournalEntryRecorded;
import org.civicledger.events.payments.PaymentEvent.PaymentInitiated;
import org.civicledger.events.payments.PaymentEvent.ProviderCallbackIgnored;
import org.civicledger.events.receipts.ReceiptEvent;
import org.civicledger.events.receipts.ReceiptEvent.ReceiptAttributed;
import org.civicledger.events.receipts.ReceiptEvent.ReceiptIssued;
import org.civicledger.projections.support.EventPositions;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The citizen-history read model: one timeline per citizen account of everything that concerns them (table
 * {@code citizen_timeline}), newest first when read: their cases, bills, payments (refunds and chargebacks
 * included), grants, receipts and documents.
 *
 * <p>Runs in the pooled streaming processor {@value #PROCESSING_GROUP}. Which citizen a case concerns is kept in this
 * read model's own table {@code citizen_case}, filled from the submission; which citizens a bill, payment, grant,
 * receipt or document concerns in {@code citizen_party}, filled from the item's first event (a document's from its
 * citizen recipients and signers). It never reads another read model's tables, whose progress during a rebuild it
 * cannot know: every event it needs is of the same aggregate, so the same processor segment, as the one that named
 * the citizen. An entry is keyed by citizen and global position, so a re-delivered event adds nothing. Items without
 * a citizen account (a counter application, a bill to someone not enrolled) leave no timeline, except receipts: their
 * entries wait in {@code citizen_pending_entry} and move into the timeline, at their own positions, when the receipt
 * is attributed to the account enrolled later. Entries say what happened in structured words
 * ({@link TimelineSummaries}); no national ID, name, contact or free-text reason is stored.
 */
@Component
@ProcessingGroup(CitizenHistoryProjection.PROCESSING_GROUP)
public class CitizenHistoryProjection {

    public static final String PROCESSING_GROUP = "citizen-history";
    static final int SUMMARY_LENGTH_MAX = 1000;

    private final JdbcTemplate jdbc;

    public CitizenHistoryProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    public void on(ApplicationSubmitted event, EventMessage<?> message, TrackingToken token, @Timestamp Instant recordedAt) {
        // The timeline is keyed by position: take the event's own index, never a gap-filler's watermark.
        long position = EventPositions.globalIndexOf(jdbc, message, token);
        String subject = event.applicant() == null ? null : event.applicant().citizenSubject();
        if (subject == null || subject.isBlank()) {
            return;
        }
        boolean replay = ReplayToken.isReplay(message);
        TimelineBatch.with(jdbc, batch -> {
            batch.addCase(event.caseId(), subject, position);
            batch.entry(replay, subject, position, recordedAt, kind(event), caseItem(event.caseId()), summary(event));
        });
    }

    @EventHandler
    public void on(CaseEvent event, EventMessage<?> message, TrackingToken token, @Timestamp Instant recordedAt) {
        if (event instanceof ApplicationSubmitted) {
            return; // Handled above, where the case's citizen becomes known.
        }
        long position = EventPositions.globalIndexOf(jdbc, message, token);
        boolean replay = ReplayToken.isReplay(message);
        TimelineBatch.with(jdbc, batch -> {
            String subject = batch.caseSubject(event.caseId());
            if (subject != null) { // Else a counter application without a citizen account: no timeline to add to.
                batch.entry(replay, subject, position, recordedAt, kind(event), caseItem(event.caseId()), summary(event));
            }
        });
    }

    @EventHandler
    public void on(BillEvent event, EventMessage<?> message, TrackingToken token, @Timestamp Instant recordedAt) {
        String caseId = null;
        if (event instanceof BillIssued issued && issued.reference() != null && issued.reference().kind() == BillReference.Kind.CASE) {
            caseId = issued.reference().id();
        }
        TimelineBatch.Item item = new TimelineBatch.Item("bill", event.billId(), caseId);
        toParties(event, item, event instanceof BillIssued issued && issued.payer() != null ? issued.payer().citizenSubject() : null,
                message, token, recordedAt, TimelineSummaries.of(event));
    }

    @EventHandler
    public void on(PaymentEvent event, EventMessage<?> message, TrackingToken token, @Timestamp Instant recordedAt) {
        if (event instanceof JournalEntryRecorded || event instanceof ProviderCallbackIgnored) {
            return; // Book-keeping and refused callbacks: nothing happened to the citizen's payment.
        }
        toParties(event, new TimelineBatch.Item("payment", event.paymentId(), null),
                event instanceof PaymentInitiated initiated ? initiated.payerCitizenSubject() : null,
                message, token, recordedAt, TimelineSummaries.of(event));
    }

    @EventHandler
    public void on(GrantEvent event, EventMessage<?> message, TrackingToken token, @Timestamp Instant recordedAt) {
        if (event instanceof GrantJournalEntryRecorded) {
            return;
        }
        toParties(event, new TimelineBatch.Item("grant", event.grantId(), null),
                event instanceof GrantAwarded awarded && awarded.beneficiary() != null ? awarded.beneficiary().citizenSubject() : null,
                message, token, recordedAt, TimelineSummaries.of(event));
    }

    @EventHandler
    public void on(ReceiptEvent event, EventMessage<?> message, TrackingToken token, @Timestamp Instant recordedAt) {
        long position = EventPositions.globalIndexOf(jdbc, message, token);
        boolean replay = ReplayToken.isReplay(message);
        TimelineBatch.Item item = new TimelineBatch.Item("receipt", event.receiptId(), null);
        String summary = TimelineSummaries.of(event);
        TimelineBatch.with(jdbc, batch -> {
            if (event instanceof ReceiptIssued issued && issued.citizenSubject() != null && !issued.citizenSubject().isBlank()) {
                batch.addParty(event.receiptId(), issued.citizenSubject());
            } else if (event instanceof ReceiptAttributed attributed) {
                batch.attribute(replay, event.receiptId(), attributed.citizenSubject());
            }
            Set<String> subjects = batch.parties(event.receiptId());
            if (subjects.isEmpty()) {
                batch.pend(replay, position, recordedAt, kind(event), item, summary);
            }
            for (String subject : subjects) {
                batch.entry(replay, subject, position, recordedAt, kind(event), item, summary);
            }
        });
    }

    @EventHandler
    public void on(DocumentEvent event, EventMessage<?> message, TrackingToken token, @Timestamp Instant recordedAt) {
        long position = EventPositions.globalIndexOf(jdbc, message, token);
        boolean replay = ReplayToken.isReplay(message);
        TimelineBatch.Item item = new TimelineBatch.Item("document", event.documentId(), null);
        TimelineBatch.with(jdbc, batch -> {
            // A document concerns its citizen recipients and its citizen signers; officers and vendors read theirs elsewhere.
            if (event instanceof DocumentRegistered registered) {
                registered.recipients().stream().filter(CitizenHistoryProjection::isCitizen)
                        .forEach(party -> batch.addParty(event.documentId(), party.subject()));
            } else if (event instanceof SignOffRequested requested) {
                requested.steps().stream().flatMap(step -> step.signers().stream()).filter(CitizenHistoryProjection::isCitizen)
                        .forEach(party -> batch.addParty(event.documentId(), party.subject()));
            }
            for (String subject : batch.parties(event.documentId())) {
                String summary = TimelineSummaries.of(event, subject);
                if (summary != null) {
                    batch.entry(replay, subject, position, recordedAt, kind(event), item, summary);
                }
            }
        });
    }

    /** A replay starts from nothing: the timelines are rebuilt from the first event on. */
    @ResetHandler
    public void reset() {
        jdbc.update("DELETE FROM citizen_timeline");
        jdbc.update("DELETE FROM citizen_case");
        jdbc.update("DELETE FROM citizen_party");
        jdbc.update("DELETE FROM citizen_pending_entry");
    }

    /** An event of an item whose first event names its citizen ({@code firstSubject}); later ones find the citizen kept then. */
    private void toParties(Object event, TimelineBatch.Item item, String firstSubject, EventMessage<?> message, TrackingToken token,
                           Instant recordedAt, String summary) {
        long position = EventPositions.globalIndexOf(jdbc, message, token);
        boolean replay = ReplayToken.isReplay(message);
        TimelineBatch.with(jdbc, batch -> {
            batch.addParty(item.id(), firstSubject);
            for (String subject : batch.parties(item.id())) {
                batch.entry(replay, subject, position, recordedAt, kind(event), item, summary);
            }
        });
    }

    private static boolean isCitizen(Party party) {
        return party.role() == PartyRole.CITIZEN;
    }

    private static TimelineBatch.Item caseItem(String caseId) {
        return new TimelineBatch.Item("case", caseId, caseId);
    }

    private static String kind(Object event) {
        return event.getClass().getSimpleName();
    }

    /** What the citizen reads about an event of one of their cases; facts only, no free text. */
    static String summary(CaseEvent event) {
        if (event instanceof ApplicationSubmitted e) {
            return "You applied for " + e.caseTypeCode() + " at agency " + e.agencyCode() + " with "
                    + (e.documents() == null ? 0 : e.documents().size()) + " document(s)"
                    + (e.fee() == null || e.fee().isZero() ? "" : "; fee " + e.fee().amountMinor() + " " + e.fee().currency());
        } else if (event instanceof CaseAccepted e) {
            return "Case " + e.caseNumber() + " accepted on " + e.acceptedOn() + "; decision due by " + e.deadline();
        } else if (event instanceof CaseReviewStarted) {
            return "Review of your case started";
        } else if (event instanceof SupplementRequested e) {
            return "Supplement requested on " + e.requestedOn() + ": " + (e.requestedDocuments() == null || e.requestedDocuments().isEmpty()
                    ? "see the agency's notice" : String.join(", ", e.requestedDocuments())) + "; the deadline clock is paused";
        } else if (event instanceof SupplementProvided e) {
            return "Supplement provided on " + e.providedOn() + "; decision due by " + e.deadline();
        } else if (event instanceof DeadlineExtended e) {
            return "Deadline extended by " + e.extraWorkingDays() + " working day(s) to " + e.deadline();
        } else if (event instanceof CaseFlaggedOverdue e) {
            return "Your case passed its deadline of " + e.deadline();
        } else if (event instanceof CaseApproved e) {
            return "Approved on " + e.decidedOn() + "; appeal possible until " + e.appealWindowEndsOn();
        } else if (event instanceof CaseRejected e) {
            return "Rejected on " + e.decidedOn() + "; appeal possible until " + e.appealWindowEndsOn();
        } else if (event instanceof ApplicationWithdrawn e) {
            return "You withdrew the application on " + e.withdrawnOn();
        } else if (event instanceof CaseTransferred e) {
            return "Transferred from agency " + e.fromAgencyCode() + " to agency " + e.toAgencyCode();
        } else if (event instanceof CaseClosed e) {
            return "Case closed on " + e.closedOn();
        }
        return event.getClass().getSimpleName();
    }
}
