package org.civicledger.projections.citizenhistory;

import java.sql.Types;
import java.time.Instant;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
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
import org.civicledger.projections.support.BatchedStatement;
import org.civicledger.projections.support.EventPositions;
import org.civicledger.projections.support.ProcessorBatch;
import org.civicledger.projections.support.Jdbc;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The citizen-history read model: one timeline per citizen account of everything that concerns
 * them (table {@code citizen_timeline}), newest first when read.
 *
 * <p>Runs in the pooled streaming processor {@value #PROCESSING_GROUP}. Which citizen a case concerns
 * is kept in this read model's own table {@code citizen_case}, filled from the submission; it never
 * reads another read model's tables, whose progress during a rebuild it cannot know. An entry is
 * keyed by citizen and global position, so a re-delivered event adds nothing. Cases applied for at a
 * counter without a citizen account concern no account and leave no timeline. Entries say what
 * happened in structured words; no national ID, name, contact or free-text reason is stored.
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
        boolean replay = ReplayToken.isReplay(token);
        ProcessorBatch.with(BATCH, Batch::new, this::write, batch -> {
            if (batch.subjectOf(event.caseId()) == null) {
                batch.cases.put(event.caseId(), subject);
                batch.caseRows.add(event.caseId(), subject, position);
            }
            entry(batch, replay, subject, position, recordedAt, event, summary(event));
        });
    }

    @EventHandler
    public void on(CaseEvent event, EventMessage<?> message, TrackingToken token, @Timestamp Instant recordedAt) {
        if (event instanceof ApplicationSubmitted) {
            return; // Handled above, where the case's citizen becomes known.
        }
        long position = EventPositions.globalIndexOf(jdbc, message, token);
        boolean replay = ReplayToken.isReplay(token);
        ProcessorBatch.with(BATCH, Batch::new, this::write, batch -> {
            String subject = batch.subjectOf(event.caseId());
            if (subject == null) {
                return; // A counter application without a citizen account: no timeline to add to.
            }
            entry(batch, replay, subject, position, recordedAt, event, summary(event));
        });
    }

    /** A replay starts from nothing: the timelines are rebuilt from the first event on. */
    @ResetHandler
    public void reset() {
        jdbc.update("DELETE FROM citizen_timeline");
        jdbc.update("DELETE FROM citizen_case");
    }

    private static final String BATCH = CitizenHistoryProjection.class.getName();

    /** One processor batch: the citizens of its cases (read ahead with one query) and the rows it adds. */
    private final class Batch {
        private final Map<String, String> cases = new HashMap<>();
        private final Set<String> looked = new HashSet<>();
        private final Set<String> entries = new HashSet<>();
        private final BatchedStatement caseRows = new BatchedStatement(
                "INSERT INTO citizen_case (case_id, citizen_subject, last_position) VALUES (?, ?, ?)",
                Types.VARCHAR, Types.VARCHAR, Types.BIGINT);
        private final BatchedStatement timelineRows = new BatchedStatement("""
                INSERT INTO citizen_timeline (citizen_subject, position, occurred_at, kind, case_id, summary)
                VALUES (?, ?, ?, ?, ?, ?)""",
                Types.VARCHAR, Types.BIGINT, Types.TIMESTAMP_WITH_TIMEZONE, Types.VARCHAR, Types.VARCHAR, Types.VARCHAR);

        /** The citizen of a case, or null for a case without one; the batch's cases are read in one query. */
        String subjectOf(String caseId) {
            if (!looked.contains(caseId)) {
                List<String> ids = ProcessorBatch.aggregateIdentifiers(caseId).stream().filter(id -> !looked.contains(id)).toList();
                for (int from = 0; from < ids.size(); from += 500) {
                    List<String> chunk = ids.subList(from, Math.min(ids.size(), from + 500));
                    jdbc.query("SELECT case_id, citizen_subject FROM citizen_case WHERE case_id IN ("
                                    + String.join(",", Collections.nCopies(chunk.size(), "?")) + ")",
                            rows -> {
                                cases.putIfAbsent(rows.getString(1), rows.getString(2));
                            }, chunk.toArray());
                }
                looked.addAll(ids);
            }
            return cases.get(caseId);
        }
    }

    private void write(Batch batch) {
        batch.caseRows.execute(jdbc);
        batch.timelineRows.execute(jdbc);
    }

    private void entry(Batch batch, boolean replay, String subject, long position, Instant recordedAt, CaseEvent event, String summary) {
        // A replay starts from emptied tables and commits each batch with its token: no entry of it exists yet.
        if (!batch.entries.add(subject + "\n" + position)) {
            return;
        }
        if (!replay) {
            Integer known = jdbc.queryForObject("SELECT COUNT(*) FROM citizen_timeline WHERE citizen_subject = ? AND position = ?",
                    Integer.class, subject, position);
            if (known != null && known > 0) {
                return;
            }
        }
        String bounded = summary.length() <= SUMMARY_LENGTH_MAX ? summary : summary.substring(0, SUMMARY_LENGTH_MAX - 3) + "...";
        batch.timelineRows.add(subject, position, Jdbc.timestamp(recordedAt), event.getClass().getSimpleName(), event.caseId(), bounded);
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
