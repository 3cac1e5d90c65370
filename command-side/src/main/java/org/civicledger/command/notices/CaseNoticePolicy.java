package org.civicledger.command.notices;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.messaging.annotation.MessageIdentifier;
import org.civicledger.command.privacy.SubjectHasher;
import org.civicledger.events.cases.Applicant;
import org.civicledger.events.cases.CaseEvent.ApplicationSubmitted;
import org.civicledger.events.cases.CaseEvent.ApplicationWithdrawn;
import org.civicledger.events.cases.CaseEvent.CaseAccepted;
import org.civicledger.events.cases.CaseEvent.CaseApproved;
import org.civicledger.events.cases.CaseEvent.CaseClosed;
import org.civicledger.events.cases.CaseEvent.CaseRejected;
import org.civicledger.events.cases.CaseEvent.CaseTransferred;
import org.civicledger.events.cases.CaseEvent.DeadlineExtended;
import org.civicledger.events.cases.CaseEvent.SupplementRequested;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The policy "each step of a case that concerns the applicant sends them a notice": it queues one
 * e-mail and/or one SMS in the notice outbox, one per contact the applicant gave.
 *
 * <p>Its processing group, {@value #PROCESSING_GROUP}, must be a <em>subscribing</em> processor: the
 * handlers then run in the unit of work, and the database transaction, that stores the event, so
 * the event and its queued notices are committed together or not at all. Sending happens later, in
 * the {@link NoticeDispatcher}, so a mail server or SMS gateway that is down never blocks or fails
 * a command. A subscribing processor does not replay, so rebuilding projections never re-sends old
 * notices; and should an event still be delivered twice, the notice ids (event id and channel) make
 * the second delivery write nothing.
 *
 * <p>The applicant's contacts are in {@link ApplicationSubmitted} only, so this policy records them
 * as a {@link NoticeRecipient} then and looks them up for later steps. Steps that do not concern the
 * applicant (review started, overdue flag) and the applicant's own supplement send nothing.
 *
 * <p>{@link CaseAccepted} sends nothing here: its notice carries the case password, which no event
 * holds, so the aggregate sends it through {@link OutboxApplicantNotices} in the same transaction.
 * Its handler only records the case number that later notices name the case by.
 */
@ProcessingGroup(CaseNoticePolicy.PROCESSING_GROUP)
public class CaseNoticePolicy {

    /** The processing group of this policy; configure it as a subscribing event processor. */
    public static final String PROCESSING_GROUP = "case-notices";

    private static final Logger log = LoggerFactory.getLogger(CaseNoticePolicy.class);

    private final NoticeOutbox outbox;
    private final SubjectHasher subjects;
    private final Clock clock;

    public CaseNoticePolicy(NoticeOutbox outbox, SubjectHasher subjects, Clock clock) {
        this.outbox = outbox;
        this.subjects = subjects;
        this.clock = clock;
    }

    @EventHandler
    public void on(ApplicationSubmitted event, @MessageIdentifier String eventId) {
        Applicant applicant = event.applicant();
        if (applicant == null || applicant.isErased()) {
            // Only a live event reaches a subscribing processor, but an erased applicant has nobody to tell.
            return;
        }
        NoticeRecipient recipient = new NoticeRecipient(event.caseId(), applicant.email(), applicant.phone(),
                applicant.name(), null);
        outbox.saveRecipient(recipient, subjects.refFor(applicant.nationalId()));
        queue(eventId, recipient, NoticeTexts.submitted(recipient));
    }

    @EventHandler
    public void on(CaseAccepted event) {
        outbox.recordCaseNumber(event.caseId(), event.caseNumber());
    }

    @EventHandler
    public void on(SupplementRequested event, @MessageIdentifier String eventId) {
        queueFor(event.caseId(), eventId, to -> NoticeTexts.supplementRequested(to, event.reason()));
    }

    @EventHandler
    public void on(DeadlineExtended event, @MessageIdentifier String eventId) {
        queueFor(event.caseId(), eventId, to -> NoticeTexts.deadlineExtended(to, event.notice(), event.deadline()));
    }

    @EventHandler
    public void on(CaseApproved event, @MessageIdentifier String eventId) {
        queueFor(event.caseId(), eventId, to -> NoticeTexts.approved(to, event.reason(), event.appealWindowEndsOn()));
    }

    @EventHandler
    public void on(CaseRejected event, @MessageIdentifier String eventId) {
        queueFor(event.caseId(), eventId, to -> NoticeTexts.rejected(to, event.reason(), event.appealWindowEndsOn()));
    }

    @EventHandler
    public void on(ApplicationWithdrawn event, @MessageIdentifier String eventId) {
        queueFor(event.caseId(), eventId, NoticeTexts::withdrawn);
    }

    @EventHandler
    public void on(CaseTransferred event, @MessageIdentifier String eventId) {
        queueFor(event.caseId(), eventId, to -> NoticeTexts.transferred(to, event.toAgencyCode()));
    }

    @EventHandler
    public void on(CaseClosed event, @MessageIdentifier String eventId) {
        queueFor(event.caseId(), eventId, NoticeTexts::closed);
    }

    private void queueFor(String caseId, String eventId, Function<NoticeRecipient, NoticeText> wording) {
        Optional<NoticeRecipient> recipient = outbox.recipient(caseId);
        if (recipient.isEmpty()) {
            // A case submitted before notices existed, or whose applicant was erased: nobody to tell.
            log.warn("No notice recipient recorded for case {}; event {} queues no notice", caseId, eventId);
            return;
        }
        queue(eventId, recipient.get(), wording.apply(recipient.get()));
    }

    private void queue(String eventId, NoticeRecipient to, NoticeText text) {
        List<QueuedNotice> notices = new ArrayList<>(NoticeChannel.values().length);
        for (NoticeChannel channel : NoticeChannel.values()) {
            String contact = to.contact(channel);
            if (contact != null) {
                notices.add(new QueuedNotice(QueuedNotice.idFor(eventId, channel), to.caseId(), text.kind(), channel,
                        contact, text.subject(), text.body(channel), text.containsSecret()));
            }
        }
        // All channels of the step in one statement (one round trip in the command's transaction).
        outbox.queueAll(notices, clock.instant());
    }
}
