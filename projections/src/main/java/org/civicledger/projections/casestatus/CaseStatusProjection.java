package org.civicledger.projections.casestatus;

import org.civicledger.events.common.Envelope;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.annotation.MetaDataValue;
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
import org.civicledger.events.cases.CaseStatus;
import org.civicledger.events.common.Role;
import org.civicledger.projections.support.EventPositions;
import org.civicledger.projections.support.Jdbc;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.SqlParameterValue;
import org.springframework.stereotype.Component;

/**
 * The case-status read model: where each case stands (tables {@code case_status}) and the steps it took
 * ({@code case_step}), for applicants, agencies' queues and the dashboards.
 *
 * <p>Runs in the pooled streaming processor {@value #PROCESSING_GROUP}; the processor orders the events of
 * one case (sequencing per aggregate) and commits the rows in the transaction that moves its token.
 * Handlers are idempotent all the same, because a retry after a failed commit or a dead letter being
 * processed again re-delivers events: a row changes only for an event past its {@code last_position}, and
 * a step is inserted only when its number (the event's sequence number in the case) is new. A step records
 * the role of its actor (citizen, officer, system) from the event's metadata, never the actor's identity. An event for a
 * case this read model does not know is an error, raised so that the processor dead-letters it, visibly.
 */
@Component
@ProcessingGroup(CaseStatusProjection.PROCESSING_GROUP)
public class CaseStatusProjection {

    public static final String PROCESSING_GROUP = "case-status";

    /**
     * The metadata key under which the assembly records the role of the actor of every event (the event
     * envelope of DESIGN.md); a {@link Role} name.
     */
    public static final String ACTOR_ROLE_METADATA = Envelope.ACTOR_ROLE;

    private final JdbcTemplate jdbc;

    public CaseStatusProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    public void on(ApplicationSubmitted event, EventMessage<?> message, TrackingToken token, @Timestamp Instant recordedAt, @SequenceNumber long sequenceNumber,
                   @MetaDataValue(ACTOR_ROLE_METADATA) String actorRole) {
        long position = EventPositions.globalIndexOf(jdbc, message, token);
        Integer known = jdbc.queryForObject("SELECT COUNT(*) FROM case_status WHERE case_id = ?", Integer.class, event.caseId());
        if (known == null || known == 0) {
            jdbc.update("""
                    INSERT INTO case_status (case_id, case_type_code, agency_code, status, applicant_subject, statutory_days,
                        submitted_at, paused, extended, overdue, last_position, updated_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, FALSE, FALSE, FALSE, ?, ?)""",
                    event.caseId(), event.caseTypeCode(), event.agencyCode(), CaseStatus.SUBMITTED.name(),
                    new SqlParameterValue(Types.VARCHAR, event.applicant() == null ? null : event.applicant().citizenSubject()),
                    event.statutoryProcessingDays(), Jdbc.timestamp(event.submittedAt()), position, Jdbc.timestamp(recordedAt));
        }
        int documents = event.documents() == null ? 0 : event.documents().size();
        step(event.caseId(), sequenceNumber, "SUBMITTED", CaseStatus.SUBMITTED, recordedAt, role(actorRole, Role.CITIZEN),
                "case type " + event.caseTypeCode() + " at agency " + event.agencyCode() + "; " + documents
                        + " document(s); statutory processing " + event.statutoryProcessingDays() + " working days",
                position);
    }

    @EventHandler
    public void on(CaseAccepted event, EventMessage<?> message, TrackingToken token, @Timestamp Instant recordedAt, @SequenceNumber long sequenceNumber,
                   @MetaDataValue(ACTOR_ROLE_METADATA) String actorRole) {
        long position = EventPositions.globalIndexOf(jdbc, message, token);
        update(event.caseId(), position, recordedAt,
                "status = ?, case_number = ?, case_password_hash = ?, accepted_on = ?, statutory_days = ?, deadline = ?",
                CaseStatus.ACCEPTED.name(), event.caseNumber(), event.casePasswordHash(), event.acceptedOn(),
                event.statutoryProcessingDays(), event.deadline());
        step(event.caseId(), sequenceNumber, "ACCEPTED", CaseStatus.ACCEPTED, recordedAt, role(actorRole, Role.OFFICER),
                "accepted on " + event.acceptedOn() + "; deadline " + event.deadline() + " ("
                        + event.statutoryProcessingDays() + " working days)", position);
    }

    @EventHandler
    public void on(CaseReviewStarted event, EventMessage<?> message, TrackingToken token, @Timestamp Instant recordedAt, @SequenceNumber long sequenceNumber,
                   @MetaDataValue(ACTOR_ROLE_METADATA) String actorRole) {
        long position = EventPositions.globalIndexOf(jdbc, message, token);
        update(event.caseId(), position, recordedAt, "status = ?", CaseStatus.IN_REVIEW.name());
        // The reviewer's identity stays inside the agency: it is not part of what the applicant reads.
        step(event.caseId(), sequenceNumber, "REVIEW_STARTED", CaseStatus.IN_REVIEW, recordedAt, role(actorRole, Role.OFFICER),
                "review started", position);
    }

    @EventHandler
    public void on(SupplementRequested event, EventMessage<?> message, TrackingToken token, @Timestamp Instant recordedAt, @SequenceNumber long sequenceNumber,
                   @MetaDataValue(ACTOR_ROLE_METADATA) String actorRole) {
        long position = EventPositions.globalIndexOf(jdbc, message, token);
        update(event.caseId(), position, recordedAt, "status = ?, paused = TRUE", CaseStatus.SUPPLEMENT_REQUESTED.name());
        List<String> requested = event.requestedDocuments() == null ? List.of() : event.requestedDocuments();
        // The officer's reason is free text and may name people: only the requested document kinds are shown.
        String documents = requested.isEmpty() ? "none named" : String.join(", ", requested);
        step(event.caseId(), sequenceNumber, "SUPPLEMENT_REQUESTED", CaseStatus.SUPPLEMENT_REQUESTED, recordedAt,
                role(actorRole, Role.OFFICER), "requested on " + event.requestedOn() + "; documents: " + documents
                        + "; clock paused after " + event.workingDaysUsed() + " working days", position);
    }

    @EventHandler
    public void on(SupplementProvided event, EventMessage<?> message, TrackingToken token, @Timestamp Instant recordedAt, @SequenceNumber long sequenceNumber,
                   @MetaDataValue(ACTOR_ROLE_METADATA) String actorRole) {
        long position = EventPositions.globalIndexOf(jdbc, message, token);
        update(event.caseId(), position, recordedAt, "status = ?, paused = FALSE, overdue = FALSE, deadline = ?",
                CaseStatus.IN_REVIEW.name(), event.deadline());
        int documents = event.documents() == null ? 0 : event.documents().size();
        step(event.caseId(), sequenceNumber, "SUPPLEMENT_PROVIDED", CaseStatus.IN_REVIEW, recordedAt, role(actorRole, Role.CITIZEN),
                "provided on " + event.providedOn() + "; " + documents + " document(s); deadline " + event.deadline(), position);
    }

    @EventHandler
    public void on(DeadlineExtended event, EventMessage<?> message, TrackingToken token, @Timestamp Instant recordedAt, @SequenceNumber long sequenceNumber,
                   @MetaDataValue(ACTOR_ROLE_METADATA) String actorRole) {
        long position = EventPositions.globalIndexOf(jdbc, message, token);
        update(event.caseId(), position, recordedAt, "extended = TRUE, overdue = FALSE, deadline = ?", event.deadline());
        step(event.caseId(), sequenceNumber, "DEADLINE_EXTENDED", currentStatus(event.caseId()), recordedAt, role(actorRole, Role.OFFICER),
                event.extraWorkingDays() + " more working day(s); deadline " + event.previousDeadline() + " -> " + event.deadline(),
                position);
    }

    @EventHandler
    public void on(CaseFlaggedOverdue event, EventMessage<?> message, TrackingToken token, @Timestamp Instant recordedAt, @SequenceNumber long sequenceNumber,
                   @MetaDataValue(ACTOR_ROLE_METADATA) String actorRole) {
        long position = EventPositions.globalIndexOf(jdbc, message, token);
        update(event.caseId(), position, recordedAt, "overdue = TRUE");
        step(event.caseId(), sequenceNumber, "FLAGGED_OVERDUE", currentStatus(event.caseId()), recordedAt, role(actorRole, Role.SYSTEM),
                "deadline " + event.deadline() + " passed; flagged on " + event.flaggedOn(), position);
    }

    @EventHandler
    public void on(CaseApproved event, EventMessage<?> message, TrackingToken token, @Timestamp Instant recordedAt, @SequenceNumber long sequenceNumber,
                   @MetaDataValue(ACTOR_ROLE_METADATA) String actorRole) {
        decided(event.caseId(), CaseStatus.APPROVED, event.decidedOn(), event.workingDaysTaken(), event.decidedWithinDeadline(),
                event.appealWindowEndsOn(), EventPositions.globalIndexOf(jdbc, message, token), recordedAt, sequenceNumber, actorRole);
    }

    @EventHandler
    public void on(CaseRejected event, EventMessage<?> message, TrackingToken token, @Timestamp Instant recordedAt, @SequenceNumber long sequenceNumber,
                   @MetaDataValue(ACTOR_ROLE_METADATA) String actorRole) {
        decided(event.caseId(), CaseStatus.REJECTED, event.decidedOn(), event.workingDaysTaken(), event.decidedWithinDeadline(),
                event.appealWindowEndsOn(), EventPositions.globalIndexOf(jdbc, message, token), recordedAt, sequenceNumber, actorRole);
    }

    @EventHandler
    public void on(ApplicationWithdrawn event, EventMessage<?> message, TrackingToken token, @Timestamp Instant recordedAt, @SequenceNumber long sequenceNumber,
                   @MetaDataValue(ACTOR_ROLE_METADATA) String actorRole) {
        long position = EventPositions.globalIndexOf(jdbc, message, token);
        update(event.caseId(), position, recordedAt, "status = ?, paused = FALSE, withdrawn_on = ?",
                CaseStatus.WITHDRAWN.name(), event.withdrawnOn());
        step(event.caseId(), sequenceNumber, "WITHDRAWN", CaseStatus.WITHDRAWN, recordedAt, role(actorRole, Role.CITIZEN),
                "withdrawn on " + event.withdrawnOn(), position);
    }

    @EventHandler
    public void on(CaseTransferred event, EventMessage<?> message, TrackingToken token, @Timestamp Instant recordedAt, @SequenceNumber long sequenceNumber,
                   @MetaDataValue(ACTOR_ROLE_METADATA) String actorRole) {
        long position = EventPositions.globalIndexOf(jdbc, message, token);
        update(event.caseId(), position, recordedAt, "agency_code = ?", event.toAgencyCode());
        step(event.caseId(), sequenceNumber, "TRANSFERRED", currentStatus(event.caseId()), recordedAt, role(actorRole, Role.OFFICER),
                "transferred from agency " + event.fromAgencyCode() + " to agency " + event.toAgencyCode(), position);
    }

    @EventHandler
    public void on(CaseClosed event, EventMessage<?> message, TrackingToken token, @Timestamp Instant recordedAt, @SequenceNumber long sequenceNumber,
                   @MetaDataValue(ACTOR_ROLE_METADATA) String actorRole) {
        long position = EventPositions.globalIndexOf(jdbc, message, token);
        update(event.caseId(), position, recordedAt, "status = ?, closed_on = ?", CaseStatus.CLOSED.name(), event.closedOn());
        step(event.caseId(), sequenceNumber, "CLOSED", CaseStatus.CLOSED, recordedAt, role(actorRole, Role.OFFICER),
                "closed on " + event.closedOn(), position);
    }

    /** A replay starts from nothing: the rows are rebuilt from the first event on. */
    @ResetHandler
    public void reset() {
        jdbc.update("DELETE FROM case_step");
        jdbc.update("DELETE FROM case_status");
    }

    private void decided(String caseId, CaseStatus decision, LocalDate decidedOn, int workingDaysTaken, boolean withinDeadline,
                         LocalDate appealWindowEndsOn, long position, Instant recordedAt, long sequenceNumber,
                         String actorRole) {
        update(caseId, position, recordedAt,
                "status = ?, decision = ?, decided_on = ?, working_days_taken = ?, decided_within_deadline = ?, appeal_window_ends_on = ?",
                decision.name(), decision.name(), decidedOn, workingDaysTaken, withinDeadline, appealWindowEndsOn);
        step(caseId, sequenceNumber, decision.name(), decision, recordedAt, role(actorRole, Role.OFFICER),
                "decided on " + decidedOn + " after " + workingDaysTaken + " working day(s), "
                        + (withinDeadline ? "within" : "after") + " the deadline; appeal possible until " + appealWindowEndsOn,
                position);
    }

    /**
     * Applies an event to a case row unless the row has seen it already.
     *
     * @param assignments the SQL {@code SET} assignments, with {@code ?} for {@code values}
     */
    private void update(String caseId, long position, Instant recordedAt, String assignments, Object... values) {
        Object[] arguments = new Object[values.length + 4];
        System.arraycopy(values, 0, arguments, 0, values.length);
        arguments[values.length] = position;
        arguments[values.length + 1] = Jdbc.timestamp(recordedAt);
        arguments[values.length + 2] = caseId;
        arguments[values.length + 3] = position;
        int updated = jdbc.update("UPDATE case_status SET " + assignments + ", last_position = ?, updated_at = ?"
                + " WHERE case_id = ? AND last_position < ?", arguments);
        if (updated == 0) {
            Long lastPosition = jdbc.query("SELECT last_position FROM case_status WHERE case_id = ?",
                    rows -> rows.next() ? rows.getLong(1) : null, caseId);
            if (lastPosition == null) {
                throw new IllegalStateException("case " + caseId + " has no submission in read model " + PROCESSING_GROUP
                        + " (event at position " + position + ")");
            }
            // Otherwise the row has this event already: a re-delivery, nothing to do.
        }
    }

    private void step(String caseId, long stepNo, String step, CaseStatus status, Instant occurredAt, String role,
                      String detail, long position) {
        Integer known = jdbc.queryForObject("SELECT COUNT(*) FROM case_step WHERE case_id = ? AND step_no = ?",
                Integer.class, caseId, stepNo);
        if (known != null && known > 0) {
            return;
        }
        jdbc.update("""
                INSERT INTO case_step (case_id, step_no, step, status, occurred_at, detail, actor_role, position)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)""",
                caseId, stepNo, step, status.name(), Jdbc.timestamp(occurredAt), truncate(detail), role, position);
    }

    /**
     * The role of the actor as the event's metadata records it; events stored without that envelope get the
     * role that takes such a step (the applicant submits, an officer decides, the ledger flags overdue).
     */
    private static String role(String recorded, Role usual) {
        if (recorded != null) {
            for (Role role : Role.values()) {
                if (role.name().equals(recorded)) {
                    return role.name();
                }
            }
        }
        return usual.name();
    }

    private CaseStatus currentStatus(String caseId) {
        String status = jdbc.query("SELECT status FROM case_status WHERE case_id = ?", rows -> rows.next() ? rows.getString(1) : null, caseId);
        if (status == null) {
            throw new IllegalStateException("case " + caseId + " has no submission in read model " + PROCESSING_GROUP);
        }
        return CaseStatus.valueOf(status);
    }

    private static String truncate(String detail) {
        return detail.length() <= 1000 ? detail : detail.substring(0, 997) + "...";
    }
}
