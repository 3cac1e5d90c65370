package org.civicledger.projections.casestatus;

import org.civicledger.events.common.Envelope;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ReplayToken;
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
import org.civicledger.projections.support.BatchedStatement;
import org.civicledger.projections.support.EventPositions;
import org.civicledger.projections.support.ProcessorBatch;
import org.civicledger.projections.support.Jdbc;
import org.springframework.jdbc.core.JdbcTemplate;
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
        int documents = event.documents() == null ? 0 : event.documents().size();
        inBatch(message, batch -> {
            if (batch.row(event.caseId()) == null) {
                CaseRow row = new CaseRow(event.caseId());
                row.caseTypeCode = event.caseTypeCode();
                row.agencyCode = event.agencyCode();
                row.status = CaseStatus.SUBMITTED.name();
                row.applicantSubject = event.applicant() == null ? null : event.applicant().citizenSubject();
                row.statutoryDays = event.statutoryProcessingDays();
                row.submittedAt = event.submittedAt();
                row.lastPosition = position;
                row.updatedAt = recordedAt;
                row.inserted = true;
                batch.rows.put(row.caseId, row);
            }
            batch.step(event.caseId(), sequenceNumber, "SUBMITTED", CaseStatus.SUBMITTED, recordedAt, role(actorRole, Role.CITIZEN),
                    "case type " + event.caseTypeCode() + " at agency " + event.agencyCode() + "; " + documents
                            + " document(s); statutory processing " + event.statutoryProcessingDays() + " working days",
                    position);
        });
    }

    @EventHandler
    public void on(CaseAccepted event, EventMessage<?> message, TrackingToken token, @Timestamp Instant recordedAt, @SequenceNumber long sequenceNumber,
                   @MetaDataValue(ACTOR_ROLE_METADATA) String actorRole) {
        long position = EventPositions.globalIndexOf(jdbc, message, token);
        inBatch(message, batch -> {
            batch.update(event.caseId(), position, recordedAt, row -> {
                row.status = CaseStatus.ACCEPTED.name();
                row.caseNumber = event.caseNumber();
                row.casePasswordHash = event.casePasswordHash();
                row.acceptedOn = event.acceptedOn();
                row.statutoryDays = event.statutoryProcessingDays();
                row.deadline = event.deadline();
            });
            batch.step(event.caseId(), sequenceNumber, "ACCEPTED", CaseStatus.ACCEPTED, recordedAt, role(actorRole, Role.OFFICER),
                    "accepted on " + event.acceptedOn() + "; deadline " + event.deadline() + " ("
                            + event.statutoryProcessingDays() + " working days)", position);
        });
    }

    @EventHandler
    public void on(CaseReviewStarted event, EventMessage<?> message, TrackingToken token, @Timestamp Instant recordedAt, @SequenceNumber long sequenceNumber,
                   @MetaDataValue(ACTOR_ROLE_METADATA) String actorRole) {
        long position = EventPositions.globalIndexOf(jdbc, message, token);
        inBatch(message, batch -> {
            batch.update(event.caseId(), position, recordedAt, row -> row.status = CaseStatus.IN_REVIEW.name());
            // The reviewer's identity stays inside the agency: it is not part of what the applicant reads.
            batch.step(event.caseId(), sequenceNumber, "REVIEW_STARTED", CaseStatus.IN_REVIEW, recordedAt, role(actorRole, Role.OFFICER),
                    "review started", position);
        });
    }

    @EventHandler
    public void on(SupplementRequested event, EventMessage<?> message, TrackingToken token, @Timestamp Instant recordedAt, @SequenceNumber long sequenceNumber,
                   @MetaDataValue(ACTOR_ROLE_METADATA) String actorRole) {
        long position = EventPositions.globalIndexOf(jdbc, message, token);
        List<String> requested = event.requestedDocuments() == null ? List.of() : event.requestedDocuments();
        // The officer's reason is free text and may name people: only the requested document kinds are shown.
        String documents = requested.isEmpty() ? "none named" : String.join(", ", requested);
        inBatch(message, batch -> {
            batch.update(event.caseId(), position, recordedAt, row -> {
                row.status = CaseStatus.SUPPLEMENT_REQUESTED.name();
                row.paused = true;
            });
            batch.step(event.caseId(), sequenceNumber, "SUPPLEMENT_REQUESTED", CaseStatus.SUPPLEMENT_REQUESTED, recordedAt,
                    role(actorRole, Role.OFFICER), "requested on " + event.requestedOn() + "; documents: " + documents
                            + "; clock paused after " + event.workingDaysUsed() + " working days", position);
        });
    }

    @EventHandler
    public void on(SupplementProvided event, EventMessage<?> message, TrackingToken token, @Timestamp Instant recordedAt, @SequenceNumber long sequenceNumber,
                   @MetaDataValue(ACTOR_ROLE_METADATA) String actorRole) {
        long position = EventPositions.globalIndexOf(jdbc, message, token);
        int documents = event.documents() == null ? 0 : event.documents().size();
        inBatch(message, batch -> {
            batch.update(event.caseId(), position, recordedAt, row -> {
                row.status = CaseStatus.IN_REVIEW.name();
                row.paused = false;
                row.overdue = false;
                row.deadline = event.deadline();
            });
            batch.step(event.caseId(), sequenceNumber, "SUPPLEMENT_PROVIDED", CaseStatus.IN_REVIEW, recordedAt, role(actorRole, Role.CITIZEN),
                    "provided on " + event.providedOn() + "; " + documents + " document(s); deadline " + event.deadline(), position);
        });
    }

    @EventHandler
    public void on(DeadlineExtended event, EventMessage<?> message, TrackingToken token, @Timestamp Instant recordedAt, @SequenceNumber long sequenceNumber,
                   @MetaDataValue(ACTOR_ROLE_METADATA) String actorRole) {
        long position = EventPositions.globalIndexOf(jdbc, message, token);
        inBatch(message, batch -> {
            CaseRow row = batch.update(event.caseId(), position, recordedAt, changed -> {
                changed.extended = true;
                changed.overdue = false;
                changed.deadline = event.deadline();
            });
            batch.step(event.caseId(), sequenceNumber, "DEADLINE_EXTENDED", CaseStatus.valueOf(row.status), recordedAt,
                    role(actorRole, Role.OFFICER),
                    event.extraWorkingDays() + " more working day(s); deadline " + event.previousDeadline() + " -> " + event.deadline(),
                    position);
        });
    }

    @EventHandler
    public void on(CaseFlaggedOverdue event, EventMessage<?> message, TrackingToken token, @Timestamp Instant recordedAt, @SequenceNumber long sequenceNumber,
                   @MetaDataValue(ACTOR_ROLE_METADATA) String actorRole) {
        long position = EventPositions.globalIndexOf(jdbc, message, token);
        inBatch(message, batch -> {
            CaseRow row = batch.update(event.caseId(), position, recordedAt, changed -> changed.overdue = true);
            batch.step(event.caseId(), sequenceNumber, "FLAGGED_OVERDUE", CaseStatus.valueOf(row.status), recordedAt,
                    role(actorRole, Role.SYSTEM), "deadline " + event.deadline() + " passed; flagged on " + event.flaggedOn(), position);
        });
    }

    @EventHandler
    public void on(CaseApproved event, EventMessage<?> message, TrackingToken token, @Timestamp Instant recordedAt, @SequenceNumber long sequenceNumber,
                   @MetaDataValue(ACTOR_ROLE_METADATA) String actorRole) {
        decided(event.caseId(), CaseStatus.APPROVED, event.decidedOn(), event.workingDaysTaken(), event.decidedWithinDeadline(),
                event.appealWindowEndsOn(), EventPositions.globalIndexOf(jdbc, message, token), message, recordedAt, sequenceNumber, actorRole);
    }

    @EventHandler
    public void on(CaseRejected event, EventMessage<?> message, TrackingToken token, @Timestamp Instant recordedAt, @SequenceNumber long sequenceNumber,
                   @MetaDataValue(ACTOR_ROLE_METADATA) String actorRole) {
        decided(event.caseId(), CaseStatus.REJECTED, event.decidedOn(), event.workingDaysTaken(), event.decidedWithinDeadline(),
                event.appealWindowEndsOn(), EventPositions.globalIndexOf(jdbc, message, token), message, recordedAt, sequenceNumber, actorRole);
    }

    @EventHandler
    public void on(ApplicationWithdrawn event, EventMessage<?> message, TrackingToken token, @Timestamp Instant recordedAt, @SequenceNumber long sequenceNumber,
                   @MetaDataValue(ACTOR_ROLE_METADATA) String actorRole) {
        long position = EventPositions.globalIndexOf(jdbc, message, token);
        inBatch(message, batch -> {
            batch.update(event.caseId(), position, recordedAt, row -> {
                row.status = CaseStatus.WITHDRAWN.name();
                row.paused = false;
                row.withdrawnOn = event.withdrawnOn();
            });
            batch.step(event.caseId(), sequenceNumber, "WITHDRAWN", CaseStatus.WITHDRAWN, recordedAt, role(actorRole, Role.CITIZEN),
                    "withdrawn on " + event.withdrawnOn(), position);
        });
    }

    @EventHandler
    public void on(CaseTransferred event, EventMessage<?> message, TrackingToken token, @Timestamp Instant recordedAt, @SequenceNumber long sequenceNumber,
                   @MetaDataValue(ACTOR_ROLE_METADATA) String actorRole) {
        long position = EventPositions.globalIndexOf(jdbc, message, token);
        inBatch(message, batch -> {
            CaseRow row = batch.update(event.caseId(), position, recordedAt, changed -> changed.agencyCode = event.toAgencyCode());
            batch.step(event.caseId(), sequenceNumber, "TRANSFERRED", CaseStatus.valueOf(row.status), recordedAt,
                    role(actorRole, Role.OFFICER),
                    "transferred from agency " + event.fromAgencyCode() + " to agency " + event.toAgencyCode(), position);
        });
    }

    @EventHandler
    public void on(CaseClosed event, EventMessage<?> message, TrackingToken token, @Timestamp Instant recordedAt, @SequenceNumber long sequenceNumber,
                   @MetaDataValue(ACTOR_ROLE_METADATA) String actorRole) {
        long position = EventPositions.globalIndexOf(jdbc, message, token);
        inBatch(message, batch -> {
            batch.update(event.caseId(), position, recordedAt, row -> {
                row.status = CaseStatus.CLOSED.name();
                row.closedOn = event.closedOn();
            });
            batch.step(event.caseId(), sequenceNumber, "CLOSED", CaseStatus.CLOSED, recordedAt, role(actorRole, Role.OFFICER),
                    "closed on " + event.closedOn(), position);
        });
    }

    /** A replay starts from nothing: the rows are rebuilt from the first event on. */
    @ResetHandler
    public void reset() {
        jdbc.update("DELETE FROM case_step");
        jdbc.update("DELETE FROM case_status");
    }

    private void decided(String caseId, CaseStatus decision, LocalDate decidedOn, int workingDaysTaken, boolean withinDeadline,
                         LocalDate appealWindowEndsOn, long position, EventMessage<?> message, Instant recordedAt, long sequenceNumber,
                         String actorRole) {
        inBatch(message, batch -> {
            batch.update(caseId, position, recordedAt, row -> {
                row.status = decision.name();
                row.decision = decision.name();
                row.decidedOn = decidedOn;
                row.workingDaysTaken = workingDaysTaken;
                row.decidedWithinDeadline = withinDeadline;
                row.appealWindowEndsOn = appealWindowEndsOn;
            });
            batch.step(caseId, sequenceNumber, decision.name(), decision, recordedAt, role(actorRole, Role.OFFICER),
                    "decided on " + decidedOn + " after " + workingDaysTaken + " working day(s), "
                            + (withinDeadline ? "within" : "after") + " the deadline; appeal possible until " + appealWindowEndsOn,
                    position);
        });
    }

    private static final String BATCH = CaseStatusProjection.class.getName();

    /**
     * Applies an event to the batch's state ({@link ProcessorBatch}): the rows of the batch's cases are read with one
     * query, changed in memory, and written with the batch.
     */
    private void inBatch(EventMessage<?> message, Consumer<Batch> work) {
        // Of the message, not of the TrackingToken parameter: Axon hands handlers the token unwrapped from its
        // ReplayToken, so the parameter never says "replay".
        boolean replay = ReplayToken.isReplay(message);
        ProcessorBatch.with(BATCH, Batch::new, Batch::write, batch -> {
            batch.replay = replay;
            work.accept(batch);
        });
    }

    /** A case_status row as the handlers change it. */
    private static final class CaseRow {
        final String caseId;
        String caseNumber;
        String casePasswordHash;
        String caseTypeCode;
        String agencyCode;
        String status;
        String applicantSubject;
        int statutoryDays;
        Instant submittedAt;
        LocalDate acceptedOn;
        LocalDate deadline;
        boolean paused;
        boolean extended;
        boolean overdue;
        LocalDate decidedOn;
        String decision;
        Integer workingDaysTaken;
        Boolean decidedWithinDeadline;
        LocalDate appealWindowEndsOn;
        LocalDate withdrawnOn;
        LocalDate closedOn;
        long lastPosition;
        Instant updatedAt;
        /** New in this batch: inserted when it is written; otherwise updated if {@code changed}. */
        boolean inserted;
        boolean changed;

        CaseRow(String caseId) {
            this.caseId = caseId;
        }

        static CaseRow read(ResultSet rows) throws SQLException {
            CaseRow row = new CaseRow(rows.getString("case_id"));
            row.caseNumber = rows.getString("case_number");
            row.casePasswordHash = rows.getString("case_password_hash");
            row.caseTypeCode = rows.getString("case_type_code");
            row.agencyCode = rows.getString("agency_code");
            row.status = rows.getString("status");
            row.applicantSubject = rows.getString("applicant_subject");
            row.statutoryDays = rows.getInt("statutory_days");
            row.submittedAt = Jdbc.instant(rows, "submitted_at");
            row.acceptedOn = Jdbc.date(rows, "accepted_on");
            row.deadline = Jdbc.date(rows, "deadline");
            row.paused = rows.getBoolean("paused");
            row.extended = rows.getBoolean("extended");
            row.overdue = rows.getBoolean("overdue");
            row.decidedOn = Jdbc.date(rows, "decided_on");
            row.decision = rows.getString("decision");
            row.workingDaysTaken = Jdbc.integer(rows, "working_days_taken");
            row.decidedWithinDeadline = Jdbc.bool(rows, "decided_within_deadline");
            row.appealWindowEndsOn = Jdbc.date(rows, "appeal_window_ends_on");
            row.withdrawnOn = Jdbc.date(rows, "withdrawn_on");
            row.closedOn = Jdbc.date(rows, "closed_on");
            row.lastPosition = rows.getLong("last_position");
            row.updatedAt = Jdbc.instant(rows, "updated_at");
            return row;
        }

        /** The values of every column but case_id, in {@link #COLUMNS} order, then case_id. */
        Object[] values() {
            return new Object[] {caseNumber, casePasswordHash, caseTypeCode, agencyCode, status, applicantSubject, statutoryDays,
                    Jdbc.timestamp(submittedAt), acceptedOn, deadline, paused, extended, overdue, decidedOn, decision, workingDaysTaken,
                    decidedWithinDeadline, appealWindowEndsOn, withdrawnOn, closedOn, lastPosition, Jdbc.timestamp(updatedAt), caseId};
        }
    }

    private static final List<String> COLUMNS = List.of("case_number", "case_password_hash", "case_type_code", "agency_code", "status",
            "applicant_subject", "statutory_days", "submitted_at", "accepted_on", "deadline", "paused", "extended", "overdue",
            "decided_on", "decision", "working_days_taken", "decided_within_deadline", "appeal_window_ends_on", "withdrawn_on",
            "closed_on", "last_position", "updated_at");
    private static final int[] TYPES = {Types.VARCHAR, Types.VARCHAR, Types.VARCHAR, Types.VARCHAR, Types.VARCHAR, Types.VARCHAR,
            Types.INTEGER, Types.TIMESTAMP_WITH_TIMEZONE, Types.DATE, Types.DATE, Types.BOOLEAN, Types.BOOLEAN, Types.BOOLEAN, Types.DATE,
            Types.VARCHAR, Types.INTEGER, Types.BOOLEAN, Types.DATE, Types.DATE, Types.DATE, Types.BIGINT, Types.TIMESTAMP_WITH_TIMEZONE,
            Types.VARCHAR};

    /** One processor batch of this read model: the case rows it touched and the steps it adds. */
    private final class Batch {
        private final Map<String, CaseRow> rows = new LinkedHashMap<>();
        private final Set<String> looked = new HashSet<>();
        private final Set<String> steps = new HashSet<>();
        private final BatchedStatement stepRows = new BatchedStatement("""
                INSERT INTO case_step (case_id, step_no, step, status, occurred_at, detail, actor_role, position)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)""",
                Types.VARCHAR, Types.BIGINT, Types.VARCHAR, Types.VARCHAR, Types.TIMESTAMP_WITH_TIMEZONE, Types.VARCHAR, Types.VARCHAR,
                Types.BIGINT);
        private boolean replay;

        /** The case's row, or null when the read model does not know the case; the batch's cases are read in one query. */
        CaseRow row(String caseId) {
            if (!looked.contains(caseId)) {
                List<String> ids = ProcessorBatch.aggregateIdentifiers(caseId).stream().filter(id -> !looked.contains(id)).toList();
                for (int from = 0; from < ids.size(); from += 500) {
                    List<String> chunk = ids.subList(from, Math.min(ids.size(), from + 500));
                    jdbc.query("SELECT * FROM case_status WHERE case_id IN (" + String.join(",", Collections.nCopies(chunk.size(), "?"))
                            + ")", result -> {
                                CaseRow row = CaseRow.read(result);
                                rows.putIfAbsent(row.caseId, row);
                            }, chunk.toArray());
                }
                looked.addAll(ids);
            }
            return rows.get(caseId);
        }

        /**
         * Applies an event to a case row unless the row has seen it already (its last position is at or past the
         * event's); answers the row. An event for a case without a submission is an error, raised before anything changes.
         */
        CaseRow update(String caseId, long position, Instant recordedAt, Consumer<CaseRow> change) {
            CaseRow row = row(caseId);
            if (row == null) {
                throw new IllegalStateException("case " + caseId + " has no submission in read model " + PROCESSING_GROUP
                        + " (event at position " + position + ")");
            }
            if (row.lastPosition < position) {
                change.accept(row);
                row.lastPosition = position;
                row.updatedAt = recordedAt;
                row.changed = true;
            }
            return row;
        }

        void step(String caseId, long stepNo, String step, CaseStatus status, Instant occurredAt, String role, String detail,
                  long position) {
            if (!steps.add(caseId + "\n" + stepNo)) {
                return;
            }
            // A replay starts from emptied tables and commits each batch with its token: no step of it exists yet.
            if (!replay) {
                Integer known = jdbc.queryForObject("SELECT COUNT(*) FROM case_step WHERE case_id = ? AND step_no = ?",
                        Integer.class, caseId, stepNo);
                if (known != null && known > 0) {
                    return;
                }
            }
            stepRows.add(caseId, stepNo, step, status.name(), Jdbc.timestamp(occurredAt), truncate(detail), role, position);
        }

        void write() {
            BatchedStatement inserts = new BatchedStatement("INSERT INTO case_status (" + String.join(", ", COLUMNS) + ", case_id) VALUES ("
                    + String.join(", ", Collections.nCopies(COLUMNS.size() + 1, "?")) + ")", TYPES);
            BatchedStatement updates = new BatchedStatement("UPDATE case_status SET " + String.join(" = ?, ", COLUMNS)
                    + " = ? WHERE case_id = ?", TYPES);
            for (CaseRow row : rows.values()) {
                if (row.inserted) {
                    inserts.add(row.values());
                } else if (row.changed) {
                    updates.add(row.values());
                }
                row.inserted = false;
                row.changed = false;
            }
            inserts.execute(jdbc);
            updates.execute(jdbc);
            stepRows.execute(jdbc);
        }
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

    private static String truncate(String detail) {
        return detail.length() <= 1000 ? detail : detail.substring(0, 997) + "...";
    }
}
