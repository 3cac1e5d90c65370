package org.civicledger.projections.audit;

import static org.civicledger.events.common.Envelope.CAUSATION_ID;
import static org.civicledger.events.common.Envelope.CORRELATION_ID;
import static org.civicledger.events.common.Envelope.COMMAND_ID;
import static org.civicledger.events.common.Envelope.CHANNEL;
import static org.civicledger.events.common.Envelope.ACTOR_AGENCY;
import static org.civicledger.events.common.Envelope.ACTOR_ROLE;
import static org.civicledger.events.common.Envelope.ACTOR_SUBJECT;
import java.sql.Types;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.MetaData;
import org.civicledger.projections.support.BatchedStatement;
import org.civicledger.projections.support.EventPositions;
import org.civicledger.projections.support.ProcessorBatch;
import org.civicledger.projections.support.Jdbc;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The audit trail: one row per event of the ledger ({@code audit_event}), keyed by its global index, with the
 * event envelope from its metadata (actor subject, role and agency, channel, command id, correlation and
 * causation ids) and where it belongs (aggregate type, identifier, sequence number), but no payload content.
 *
 * <p>Runs in the pooled streaming processor {@value #PROCESSING_GROUP}. Idempotent: a re-delivered event
 * finds its row and changes nothing.
 */
@Component
@ProcessingGroup(AuditTrailProjection.PROCESSING_GROUP)
public class AuditTrailProjection {

    public static final String PROCESSING_GROUP = "audit-trail";


    private final JdbcTemplate jdbc;

    public AuditTrailProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    public void on(Object payload, EventMessage<?> message, TrackingToken token) {
        long position = EventPositions.globalIndexOf(jdbc, message, token);
        // A replay starts from an emptied table and commits each batch with its token, so no event of it can have
        // its row already; live, a re-delivered event finds its row and adds nothing. Asked of the message: the
        // TrackingToken parameter arrives unwrapped from its ReplayToken and never says "replay".
        if (!ReplayToken.isReplay(message)) {
            Integer known = jdbc.queryForObject("SELECT COUNT(*) FROM audit_event WHERE global_index = ?", Integer.class, position);
            if (known != null && known > 0) {
                return;
            }
        }
        String aggregateType = null;
        String aggregateIdentifier = null;
        Long sequenceNumber = null;
        if (message instanceof DomainEventMessage<?> domain) {
            aggregateType = domain.getType();
            aggregateIdentifier = domain.getAggregateIdentifier();
            sequenceNumber = domain.getSequenceNumber();
        }
        MetaData metaData = message.getMetaData();
        Object[] row = {position, message.getIdentifier(), aggregateType, aggregateIdentifier, sequenceNumber,
                message.getPayloadType().getSimpleName(), Jdbc.timestamp(message.getTimestamp()),
                text(metaData, ACTOR_SUBJECT, 128), text(metaData, ACTOR_ROLE, 32), text(metaData, ACTOR_AGENCY, 64),
                text(metaData, CHANNEL, 32), text(metaData, COMMAND_ID, 128), text(metaData, CORRELATION_ID, 128),
                text(metaData, CAUSATION_ID, 128)};
        // Rows are written together when the processor's batch commits (ProcessorBatch).
        ProcessorBatch.with(BATCH, AuditTrailProjection::insert, rows -> rows.execute(jdbc), rows -> rows.add(row));
    }

    private static final String BATCH = AuditTrailProjection.class.getName();

    private static BatchedStatement insert() {
        return new BatchedStatement("""
                INSERT INTO audit_event (global_index, event_identifier, aggregate_type, aggregate_identifier, sequence_number,
                    payload_type, recorded_at, actor_subject, actor_role, actor_agency, channel, command_id, correlation_id,
                    causation_id)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                Types.BIGINT, Types.VARCHAR, Types.VARCHAR, Types.VARCHAR, Types.BIGINT, Types.VARCHAR, Types.TIMESTAMP_WITH_TIMEZONE,
                Types.VARCHAR, Types.VARCHAR, Types.VARCHAR, Types.VARCHAR, Types.VARCHAR, Types.VARCHAR, Types.VARCHAR);
    }

    @ResetHandler
    public void reset() {
        jdbc.update("DELETE FROM audit_event");
    }

    /** A metadata value as text, cut to its column's width (the envelope is ours, but a row must never fail on it). */
    private static String text(MetaData metaData, String key, int width) {
        Object value = metaData.get(key);
        if (value == null) {
            return null;
        }
        String text = value.toString();
        return text.length() > width ? text.substring(0, width) : text;
    }
}
