package org.civicledger.ops.verify;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import org.civicledger.projections.integrity.StoredEvent;

/**
 * A log read straight from the database over plain JDBC: one read-only, repeatable-read transaction (one snapshot
 * for every query), rows streamed with a fetch size so memory does not grow with the log. Optionally limited to
 * the events at or below a global index (an export up to a checkpoint).
 */
public final class JdbcLogSource implements LogSource {

    static final int FETCH_SIZE = 2000;

    private final Connection connection;
    private final String description;
    private final long globalIndexMax;
    private final long leafCountMax;
    private final long treeSizeMax;
    private boolean leafHints;

    /**
     * Takes over {@code connection} (closed with this source). {@code treeSizeMax} limits the leaves and checkpoints to a
     * tree size and the events to those at or below its last leaf's global index; {@code Long.MAX_VALUE} reads everything.
     */
    public JdbcLogSource(Connection connection, long treeSizeMax) throws SQLException {
        this.connection = connection;
        connection.setAutoCommit(false);
        connection.setReadOnly(true);
        if (connection.getMetaData().supportsTransactionIsolationLevel(Connection.TRANSACTION_REPEATABLE_READ)) {
            connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
        }
        DatabaseMetaData meta = connection.getMetaData();
        if (meta.getDatabaseProductName().startsWith("H2")) {
            // H2 otherwise materializes a whole result (spilling it to a temporary file) before the first row.
            try (java.sql.Statement statement = connection.createStatement()) {
                statement.execute("SET LAZY_QUERY_EXECUTION TRUE");
            }
        }
        this.description = meta.getDatabaseProductName() + " " + meta.getURL();
        this.treeSizeMax = treeSizeMax;
        this.leafCountMax = treeSizeMax;
        if (treeSizeMax == Long.MAX_VALUE) {
            this.globalIndexMax = Long.MAX_VALUE;
        } else {
            // The last leaf of that size; when it is gone (a cut tail), the last one left, so the cut shows in the export too.
            Long last = single("SELECT MAX(global_index) FROM merkle_leaf WHERE leaf_index < " + treeSizeMax);
            this.globalIndexMax = last == null ? 0 : last;
        }
    }

    public Connection connection() {
        return connection;
    }

    public long globalIndexMax() {
        return globalIndexMax;
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public long eventCount() {
        try {
            Long count = single("SELECT COUNT(*) FROM domainevententry WHERE globalindex <= " + globalIndexMax);
            return count == null ? 0 : count;
        } catch (SQLException e) {
            throw new IllegalStateException("counting events failed: " + e.getMessage(), e);
        }
    }

    /**
     * The events, each with the chain row of its global index. The chain rows come from a second cursor in the same
     * order, merged here: a join would cost an index lookup per row (most of the time of a pass on H2).
     */
    @Override
    public Cursor<EventRow> events() {
        Cursor<StoredEvent> events = cursor("SELECT globalindex, type, aggregateidentifier, sequencenumber, eventidentifier, "
                + "timestamp, payloadtype, payloadrevision, payload, metadata FROM domainevententry WHERE globalindex <= "
                + globalIndexMax + " ORDER BY globalindex", rows -> new StoredEvent(rows.getLong(1), rows.getString(2),
                rows.getString(3), rows.getLong(4), rows.getString(5), rows.getString(6), rows.getString(7), rows.getString(8),
                rows.getBytes(9), rows.getBytes(10)));
        Cursor<Object[]> chain = cursor("SELECT global_index, aggregate_identifier, sequence_number, event_hash FROM event_chain "
                + "WHERE global_index <= " + globalIndexMax + " ORDER BY global_index",
                rows -> new Object[] {rows.getLong(1), rows.getString(2), rows.getLong(3), rows.getBytes(4)});
        return new Cursor<>() {
            private Object[] link = chain.hasNext() ? chain.next() : null;

            @Override
            public boolean hasNext() {
                return events.hasNext();
            }

            @Override
            public EventRow next() {
                StoredEvent event = events.next();
                while (link != null && (Long) link[0] < event.globalIndex()) {
                    link = chain.hasNext() ? chain.next() : null;
                }
                if (link != null && (Long) link[0] == event.globalIndex()) {
                    return new EventRow(event, (String) link[1], (Long) link[2], (byte[]) link[3]);
                }
                return new EventRow(event, null, null, null);
            }

            @Override
            public void close() {
                events.close();
                chain.close();
            }
        };
    }

    /** The leaves; their chain fields only when {@link #withLeafHints()} asked for them (an export), else see {@link #named}. */
    @Override
    public Cursor<LeafRow> leaves() {
        if (!leafHints) {
            return cursor("SELECT leaf_index, global_index, leaf_hash FROM merkle_leaf WHERE leaf_index < " + leafCountMax
                    + " ORDER BY leaf_index", rows -> new LeafRow(rows.getLong(1), rows.getLong(2), rows.getBytes(3), null, null));
        }
        return cursor("SELECT l.leaf_index, l.global_index, l.leaf_hash, c.aggregate_identifier, c.sequence_number "
                + "FROM merkle_leaf l LEFT JOIN event_chain c ON c.global_index = l.global_index "
                + "WHERE l.leaf_index < " + leafCountMax + " ORDER BY l.leaf_index", rows -> {
            long chainSequence = rows.getLong(5);
            return new LeafRow(rows.getLong(1), rows.getLong(2), rows.getBytes(3), rows.getString(4),
                    rows.wasNull() ? null : chainSequence);
        });
    }

    /** Leaves carry the chain row of their global index (one join; an export wants them for every leaf). */
    public JdbcLogSource withLeafHints() {
        this.leafHints = true;
        return this;
    }

    @Override
    public LeafRow named(LeafRow leaf) {
        if (leaf.chainAggregate() != null) {
            return leaf;
        }
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT aggregate_identifier, sequence_number FROM event_chain WHERE global_index = ?")) {
            query.setLong(1, leaf.globalIndex());
            try (ResultSet rows = query.executeQuery()) {
                return rows.next() ? new LeafRow(leaf.leafIndex(), leaf.globalIndex(), leaf.leafHash(), rows.getString(1), rows.getLong(2)) : leaf;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("reading the chain row of global index " + leaf.globalIndex() + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public List<String> checkpointNotes() {
        List<String> notes = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT note_text FROM checkpoint WHERE tree_size <= ? ORDER BY tree_size")) {
            query.setLong(1, treeSizeMax);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    notes.add(rows.getString(1));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("reading checkpoints failed: " + e.getMessage(), e);
        }
        return notes;
    }

    @Override
    public Set<Long> recordedLateEvents() {
        Set<Long> late = new HashSet<>();
        try (PreparedStatement query = connection.prepareStatement("SELECT global_index FROM integrity_late_event WHERE global_index <= ?")) {
            query.setLong(1, globalIndexMax);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    late.add(rows.getLong(1));
                }
            }
        } catch (SQLException noTable) {
            // A store from before late commits were recorded: nothing recorded, and the failed query must not
            // poison the transaction of the later ones (PostgreSQL aborts it).
            rollbackQuietly();
        }
        return late;
    }

    private void rollbackQuietly() {
        try {
            connection.rollback();
        } catch (SQLException ignored) {
            // The next query reports a broken connection itself.
        }
    }

    private Long single(String sql) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(sql); ResultSet rows = query.executeQuery()) {
            if (!rows.next()) {
                return null;
            }
            long value = rows.getLong(1);
            return rows.wasNull() ? null : value;
        }
    }

    private interface RowReader<T> {
        T read(ResultSet rows) throws SQLException;
    }

    private <T> Cursor<T> cursor(String sql, RowReader<T> reader) {
        try {
            PreparedStatement statement = connection.prepareStatement(sql, ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
            statement.setFetchSize(FETCH_SIZE);
            if (statement.isWrapperFor(org.postgresql.PGStatement.class)) {
                // Binary results from the first execution: a statement run once otherwise gets its bytea columns as hex
                // text, twice the bytes to send and all of them to decode (half the read rate, measured by bench verify).
                statement.unwrap(org.postgresql.PGStatement.class).setPrepareThreshold(-1);
            }
            ResultSet rows = statement.executeQuery();
            return new Cursor<>() {
                private Boolean ahead;

                @Override
                public boolean hasNext() {
                    if (ahead == null) {
                        try {
                            ahead = rows.next();
                        } catch (SQLException e) {
                            throw new IllegalStateException("reading " + sql + " failed: " + e.getMessage(), e);
                        }
                    }
                    return ahead;
                }

                @Override
                public T next() {
                    if (!hasNext()) {
                        throw new NoSuchElementException();
                    }
                    ahead = null;
                    try {
                        return reader.read(rows);
                    } catch (SQLException e) {
                        throw new IllegalStateException("reading a row failed: " + e.getMessage(), e);
                    }
                }

                @Override
                public void close() {
                    try {
                        statement.close();
                    } catch (SQLException ignored) {
                        // Closing the connection closes it too.
                    }
                }
            };
        } catch (SQLException e) {
            throw new IllegalStateException("query failed (" + sql + "): " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            connection.rollback();
            connection.close();
        } catch (SQLException ignored) {
            // Nothing was written; a failed close loses nothing.
        }
    }
}
