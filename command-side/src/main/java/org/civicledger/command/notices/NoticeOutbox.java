package org.civicledger.command.notices;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The notice outbox and the notice recipients, as tables (see V1_1__notice_outbox.sql).
 *
 * <p>Writes join the caller's transaction: the policy's and the credentials port's writes happen in
 * the transaction that stores the case event. Every insert is {@code ON CONFLICT DO NOTHING} rather
 * than an insert that may fail: on PostgreSQL a failed statement aborts the whole transaction, and
 * with it the case event, which a duplicate notice must never do.
 */
public class NoticeOutbox {

    public static final int LAST_ERROR_LENGTH_MAX = 500;

    private static final String COLUMNS =
            "id, notice_id, case_id, kind, channel, recipient, subject, body, contains_secret, attempts";

    private final JdbcTemplate jdbc;

    public NoticeOutbox(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Queues the notice for its first attempt now; false when a notice of that id is queued already. */
    public boolean queue(QueuedNotice notice, Instant now) {
        return queueAll(List.of(notice), now) == 1;
    }

    /**
     * Queues the notices (one per channel of one step, typically) for their first attempt now, in one
     * statement: one round trip to the database instead of one per channel. Notices already queued under
     * their id are left as they are. Returns how many were queued.
     */
    public int queueAll(List<QueuedNotice> notices, Instant now) {
        if (notices.isEmpty()) {
            return 0;
        }
        StringBuilder sql = new StringBuilder("""
                INSERT INTO notice_outbox (notice_id, case_id, kind, channel, recipient, subject, body,
                                           contains_secret, status, attempts, next_attempt_at, created_at,
                                           subject_ref)
                VALUES """);
        List<Object> arguments = new ArrayList<>(notices.size() * 11);
        OffsetDateTime at = utc(now);
        for (QueuedNotice notice : notices) {
            if (!arguments.isEmpty()) {
                sql.append(", ");
            }
            sql.append("(?, ?, ?, ?, ?, ?, ?, ?, 'PENDING', 0, ?, ?, "
                    + "(SELECT r.subject_ref FROM notice_recipient r WHERE r.case_id = ?))");
            arguments.addAll(Arrays.asList(notice.noticeId(), notice.caseId(), notice.kind().name(), notice.channel().name(),
                    notice.recipient(), notice.subject(), notice.body(), notice.containsSecret(), at, at, notice.caseId()));
        }
        sql.append(" ON CONFLICT DO NOTHING");
        return jdbc.update(sql.toString(), arguments.toArray());
    }

    /**
     * Records where the applicant of a case is reached, and whose data it is (the subject reference an
     * erasure finds it by); a second record for the case is ignored. Notices queued for the case later
     * take the subject reference from this row.
     */
    public void saveRecipient(NoticeRecipient recipient, String subjectRef) {
        jdbc.update("""
                        INSERT INTO notice_recipient (case_id, email, phone, name, case_number, subject_ref)
                        VALUES (?, ?, ?, ?, ?, ?)
                        ON CONFLICT DO NOTHING""",
                recipient.caseId(), recipient.email(), recipient.phone(), recipient.name(), recipient.caseNumber(),
                subjectRef);
    }

    /**
     * Removes a citizen's personal data from the notices: their recipient rows are deleted, and
     * every notice of theirs keeps only its bookkeeping (case, kind, channel, dates, attempts) with
     * recipient, subject and body replaced by {@link NoticeTexts#ERASED}. A notice not yet sent is
     * never sent ({@code ERASED}); sent, failed and skipped ones keep their status for the record.
     * Notices queued before subject references existed are found through their case's recipient row.
     *
     * @return the number of notices scrubbed
     */
    public int eraseSubject(String subjectRef) {
        int scrubbed = jdbc.update("""
                        UPDATE notice_outbox
                           SET recipient = ?, subject = CASE WHEN subject IS NULL THEN NULL ELSE ? END, body = ?,
                               status = CASE WHEN status = 'PENDING' THEN 'ERASED' ELSE status END,
                               subject_ref = ?
                         WHERE subject_ref = ?
                            OR case_id IN (SELECT r.case_id FROM notice_recipient r WHERE r.subject_ref = ?)""",
                NoticeTexts.ERASED, NoticeTexts.ERASED, NoticeTexts.ERASED, subjectRef, subjectRef, subjectRef);
        jdbc.update("DELETE FROM notice_recipient WHERE subject_ref = ?", subjectRef);
        return scrubbed;
    }

    public void recordCaseNumber(String caseId, String caseNumber) {
        jdbc.update("UPDATE notice_recipient SET case_number = ? WHERE case_id = ?", caseNumber, caseId);
    }

    public Optional<NoticeRecipient> recipient(String caseId) {
        return jdbc.query("SELECT case_id, email, phone, name, case_number FROM notice_recipient WHERE case_id = ?",
                (rs, row) -> new NoticeRecipient(rs.getString("case_id"), rs.getString("email"), rs.getString("phone"),
                        rs.getString("name"), rs.getString("case_number")), caseId).stream().findFirst();
    }

    /**
     * Claims up to {@code batchSize} due notices: locks them, skipping rows another node has locked,
     * and moves their next attempt past {@code lease}, so that after the claiming transaction commits
     * no other node takes them while they are being sent, and a node that dies mid-send only delays
     * them by the lease. Must run inside a transaction.
     */
    public List<OutboxNotice> claimDue(Instant now, Duration lease, int batchSize) {
        List<OutboxNotice> due = jdbc.query("SELECT " + COLUMNS + """
                         FROM notice_outbox
                        WHERE status = 'PENDING' AND next_attempt_at <= ?
                        ORDER BY next_attempt_at, id
                        LIMIT ?
                        FOR UPDATE SKIP LOCKED""",
                NoticeOutbox::notice, utc(now), batchSize);
        OffsetDateTime leaseEnds = utc(now.plus(lease));
        for (OutboxNotice notice : due) {
            jdbc.update("UPDATE notice_outbox SET next_attempt_at = ? WHERE id = ?", leaseEnds, notice.id());
        }
        return due;
    }

    public void markSent(long id, int attempts, Instant now) {
        jdbc.update("""
                        UPDATE notice_outbox
                           SET status = 'SENT', attempts = ?, sent_at = ?, last_error = NULL,
                               body = CASE WHEN contains_secret THEN ? ELSE body END
                         WHERE id = ? AND status = 'PENDING'""",
                attempts, utc(now), NoticeTexts.SCRUBBED_BODY, id);
    }

    public void scheduleRetry(long id, int attempts, Instant nextAttemptAt, String error) {
        jdbc.update("""
                        UPDATE notice_outbox SET attempts = ?, next_attempt_at = ?, last_error = ?
                         WHERE id = ? AND status = 'PENDING'""",
                attempts, utc(nextAttemptAt), cutError(error), id);
    }

    /** Gives the notice up; a password-bearing body is scrubbed, as it will never be sent. */
    public void markFailed(long id, int attempts, String error) {
        jdbc.update("""
                        UPDATE notice_outbox
                           SET status = 'FAILED', attempts = ?, last_error = ?,
                               body = CASE WHEN contains_secret THEN ? ELSE body END
                         WHERE id = ? AND status = 'PENDING'""",
                attempts, cutError(error), NoticeTexts.SCRUBBED_BODY, id);
    }

    /** No sender serves the channel; a password-bearing body is scrubbed, as it will never be sent. */
    public void markSkipped(long id, String reason) {
        jdbc.update("""
                        UPDATE notice_outbox
                           SET status = 'SKIPPED_NO_CHANNEL', last_error = ?,
                               body = CASE WHEN contains_secret THEN ? ELSE body END
                         WHERE id = ? AND status = 'PENDING'""",
                cutError(reason), NoticeTexts.SCRUBBED_BODY, id);
    }

    private static OutboxNotice notice(ResultSet rs, int row) throws SQLException {
        return new OutboxNotice(rs.getLong("id"), rs.getString("notice_id"), rs.getString("case_id"),
                NoticeKind.valueOf(rs.getString("kind")), NoticeChannel.valueOf(rs.getString("channel")),
                rs.getString("recipient"), rs.getString("subject"), rs.getString("body"),
                rs.getBoolean("contains_secret"), rs.getInt("attempts"));
    }

    private static String cutError(String error) {
        return NoticeTexts.cut(error, LAST_ERROR_LENGTH_MAX);
    }

    /** PostgreSQL's driver binds OffsetDateTime (not Instant) to TIMESTAMP WITH TIME ZONE; so does H2. */
    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
