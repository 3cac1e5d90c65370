package org.civicledger.command.notices;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.civicledger.events.privacy.PrivacyEvent.CitizenDataErased;

/**
 * When a citizen's personal data is erased, their notice recipient rows and the contents of their
 * notices go with it ({@link NoticeOutbox#eraseSubject(String)}).
 *
 * <p>Its processing group, {@value #PROCESSING_GROUP}, is a subscribing processor with the default
 * (propagating) error handler, unlike {@link CaseNoticePolicy}'s logging one: should the scrub fail,
 * the erasure fails with it and nothing is half erased. A subscribing processor never replays, and
 * the scrub is idempotent anyway.
 */
@ProcessingGroup(NoticeErasure.PROCESSING_GROUP)
public class NoticeErasure {

    public static final String PROCESSING_GROUP = "notice-erasure";

    private final NoticeOutbox outbox;

    public NoticeErasure(NoticeOutbox outbox) {
        this.outbox = outbox;
    }

    @EventHandler
    public void on(CitizenDataErased event) {
        outbox.eraseSubject(event.subjectRef());
    }
}
