package org.civicledger.projections.integrity;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.Serializer;

/**
 * Axon's JDBC event store that also writes each appended event's {@code event_chain} row, in the same
 * transaction as the event (docs/integrity.md, "Chain"). Appends are otherwise Axon's own statements.
 */
public class ChainingJdbcEventStorageEngine extends JdbcEventStorageEngine {

    private final TransactionManager transactionManager;

    public ChainingJdbcEventStorageEngine(JdbcEventStorageEngine.Builder builder, TransactionManager transactionManager) {
        super(builder);
        this.transactionManager = transactionManager;
    }

    @Override
    protected void appendEvents(List<? extends EventMessage<?>> events, Serializer serializer) {
        if (events.isEmpty()) {
            return;
        }
        transactionManager.executeInTransaction(() -> {
            super.appendEvents(events, serializer);
            // Highest sequence number per aggregate of this batch; an event without an aggregate is stored
            // by Axon under its own identifier with sequence 0, so it is a chain of one.
            Map<String, Long> highest = new LinkedHashMap<>();
            for (EventMessage<?> event : events) {
                if (event instanceof DomainEventMessage<?> domain) {
                    highest.merge(domain.getAggregateIdentifier(), domain.getSequenceNumber(), Math::max);
                } else {
                    highest.merge(event.getIdentifier(), 0L, Math::max);
                }
            }
            try (Connection connection = getConnection()) {
                for (Map.Entry<String, Long> entry : highest.entrySet()) {
                    ChainWriter.chainThrough(connection, entry.getKey(), entry.getValue());
                }
            } catch (SQLException e) {
                throw new IllegalStateException("could not write the event chain", e);
            }
        });
    }
}
