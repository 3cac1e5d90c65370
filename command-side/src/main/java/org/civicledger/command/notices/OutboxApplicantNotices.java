package org.civicledger.command.notices;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.civicledger.command.cases.ApplicantNotices;
import org.civicledger.command.cases.CaseCredentials;
import org.civicledger.events.cases.Applicant;

/**
 * The applicant notices port, backed by the notice outbox: queues the notice that gives the
 * applicant their case number and case password.
 *
 * <p>This is the only place the plain password is written anywhere. The notice is marked as secret,
 * and the dispatcher replaces its body by {@link NoticeTexts#SCRUBBED_BODY} once it is sent (or
 * given up), so the password stays in the table only while the notice waits. It is called by the
 * accepting command handler, inside the transaction that stores {@code CaseAccepted}.
 */
public class OutboxApplicantNotices implements ApplicantNotices {

    private final NoticeOutbox outbox;
    private final Clock clock;

    public OutboxApplicantNotices(NoticeOutbox outbox, Clock clock) {
        this.outbox = outbox;
        this.clock = clock;
    }

    @Override
    public void credentialsIssued(String caseId, Applicant applicant, CaseCredentials credentials) {
        if (applicant == null || applicant.isErased()) {
            // The applicant's data was erased before acceptance: no address is left to send to.
            return;
        }
        NoticeRecipient to = new NoticeRecipient(caseId, applicant.email(), applicant.phone(), applicant.name(),
                credentials.caseNumber());
        NoticeText text = NoticeTexts.credentials(to, credentials);
        List<QueuedNotice> notices = new ArrayList<>(NoticeChannel.values().length);
        for (NoticeChannel channel : NoticeChannel.values()) {
            String contact = to.contact(channel);
            if (contact != null) {
                // A case is accepted once, so the case id names this notice; a retried command whose
                // first attempt rolled back left no row behind.
                notices.add(new QueuedNotice(noticeId(caseId, channel), caseId, text.kind(), channel, contact,
                        text.subject(), text.body(channel), true));
            }
        }
        outbox.queueAll(notices, clock.instant());
    }

    static String noticeId(String caseId, NoticeChannel channel) {
        return "credentials/" + caseId + "/" + channel;
    }
}
