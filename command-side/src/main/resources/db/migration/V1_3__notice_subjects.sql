-- Notices learn whose they are, so an erasure finds and scrubs them (see V1_2 for subject_ref).
-- Rows queued before this script have no subject_ref; they are matched through their case's
-- recipient row where one exists.
ALTER TABLE notice_recipient ADD COLUMN subject_ref VARCHAR(64);
ALTER TABLE notice_outbox ADD COLUMN subject_ref VARCHAR(64);
CREATE INDEX notice_recipient_subject_idx ON notice_recipient (subject_ref);
CREATE INDEX notice_outbox_subject_idx ON notice_outbox (subject_ref);

-- ERASED: a notice whose recipient's personal data was erased before it was sent; never sent.
ALTER TABLE notice_outbox DROP CONSTRAINT notice_outbox_status_ck;
ALTER TABLE notice_outbox ADD CONSTRAINT notice_outbox_status_ck
    CHECK (status IN ('PENDING', 'SENT', 'FAILED', 'SKIPPED_NO_CHANNEL', 'ERASED'));
