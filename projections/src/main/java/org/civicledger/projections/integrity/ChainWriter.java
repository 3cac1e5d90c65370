package org.civicledger.projections.integrity;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes {@code event_chain} rows for the stored events of one aggregate, in the caller's transaction.
 *
 * <p>It reads the events back from {@code domainevententry} after they are inserted, so the hash covers
 * exactly the stored bytes (serialized payload and metadata, the timestamp string as written). The
 * previous hash is the chain row of the aggregate's highest chained sequence number: the event insert
 * that precedes this call holds the unique (aggregate, sequence) slot, so no concurrent writer of the
 * aggregate can be between that row and ours. Events stored before the chain existed (older data
 * directories) are chained on their aggregate's next append, or by the checkpointer.
 */
public final class ChainWriter {

    static final String EVENT_COLUMNS = "globalindex, type, aggregateidentifier, sequencenumber, eventidentifier, "
            + "timestamp, payloadtype, payloadrevision, payload, metadata";

    private ChainWriter() {
    }

    /** Chains every unchained event of {@code aggregateIdentifier} up to and including {@code sequenceNumber}. */
    public static void chainThrough(Connection connection, String aggregateIdentifier, long sequenceNumber) throws SQLException {
        long lastChained = -1;
        byte[] previous = EventHash.ZERO;
        try (PreparedStatement last = connection.prepareStatement(
                "SELECT sequence_number, event_hash FROM event_chain WHERE aggregate_identifier = ? "
                        + "ORDER BY sequence_number DESC LIMIT 1")) {
            last.setString(1, aggregateIdentifier);
            try (ResultSet rows = last.executeQuery()) {
                if (rows.next()) {
                    lastChained = rows.getLong(1);
                    previous = rows.getBytes(2);
                }
            }
        }
        if (lastChained >= sequenceNumber) {
            return;
        }
        List<StoredEvent> events = new ArrayList<>();
        try (PreparedStatement read = connection.prepareStatement("SELECT " + EVENT_COLUMNS + " FROM domainevententry "
                + "WHERE aggregateidentifier = ? AND sequencenumber > ? AND sequencenumber <= ? ORDER BY sequencenumber")) {
            read.setString(1, aggregateIdentifier);
            read.setLong(2, lastChained);
            read.setLong(3, sequenceNumber);
            try (ResultSet rows = read.executeQuery()) {
                while (rows.next()) {
                    events.add(read(rows));
                }
            }
        }
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO event_chain "
                + "(global_index, aggregate_identifier, sequence_number, event_hash, previous_hash) VALUES (?,?,?,?,?)")) {
            for (StoredEvent event : events) {
                byte[] hash = EventHash.of(event, previous);
                insert.setLong(1, event.globalIndex());
                insert.setString(2, event.aggregateIdentifier());
                insert.setLong(3, event.sequenceNumber());
                insert.setBytes(4, hash);
                insert.setBytes(5, previous);
                insert.addBatch();
                previous = hash;
            }
            insert.executeBatch();
        }
    }

    static StoredEvent read(ResultSet rows) throws SQLException {
        return new StoredEvent(rows.getLong("globalindex"), rows.getString("type"), rows.getString("aggregateidentifier"),
                rows.getLong("sequencenumber"), rows.getString("eventidentifier"), rows.getString("timestamp"),
                rows.getString("payloadtype"), rows.getString("payloadrevision"), rows.getBytes("payload"),
                rows.getBytes("metadata"));
    }
}
