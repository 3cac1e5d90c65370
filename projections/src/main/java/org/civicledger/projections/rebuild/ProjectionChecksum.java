package org.civicledger.projections.rebuild;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import javax.sql.DataSource;
import org.civicledger.projections.ProjectionsModule;
import org.civicledger.projections.slots.ReadModelSlots;
import org.civicledger.projections.slots.Slot;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * A SHA-256 digest over every row of a read model's tables: two read models with the same digest hold the
 * same rows, column for column.
 *
 * <p>What is hashed, in this order, for each table in the order the read model lists them: the table's name,
 * its column names (in table order), then every row in primary-key order, each value tagged (NULL, text or
 * bytes) and length-prefixed, so NULL differs from an empty string and no two rows can run together. Values
 * are written in a canonical text form that does not depend on the database or the JVM's time zone: integers
 * in decimal, decimals without trailing zeros, booleans as {@code true}/{@code false}, dates as ISO dates,
 * timestamps with a zone as the UTC instant ({@link java.time.Instant#toString()}), text as UTF-8. Text keys are
 * ordered by code point ({@code COLLATE "C"} on PostgreSQL; H2 compares Java strings, the same order for the
 * characters keys use), so H2 and PostgreSQL give the same digest for the same rows. All tables are read in
 * one read-only transaction (a snapshot on PostgreSQL), so a digest never mixes two moments of a live read model.
 */
@Component
public class ProjectionChecksum {

    /** The digest of one read model, and how many rows each of its tables holds. */
    public record Checksum(String projection, String sha256, List<TableRows> tables) {

        public Checksum {
            tables = List.copyOf(tables);
        }

        public long rows() {
            return tables.stream().mapToLong(TableRows::rows).sum();
        }

        /** One line: the projection, the digest, and the rows per table. */
        public String describe() {
            StringBuilder line = new StringBuilder(projection).append(" sha256=").append(sha256).append(" rows:");
            for (TableRows table : tables) {
                line.append(' ').append(table.table()).append('=').append(table.rows());
            }
            return line.toString();
        }
    }

    public record TableRows(String table, long rows) {
    }

    private static final byte NULL = 0;
    private static final byte TEXT = 1;
    private static final byte BYTES = 2;
    private static final int FETCH_SIZE = 1000;

    private final DataSource dataSource;
    private final ReadModelSlots slots;

    public ProjectionChecksum(DataSource dataSource) {
        this(dataSource, null);
    }

    @Autowired
    public ProjectionChecksum(DataSource dataSource, ReadModelSlots slots) {
        this.dataSource = dataSource;
        this.slots = slots;
    }

    /** The digest of the read model of a processing group ({@link ProjectionsModule#TABLES}) as readers see it: its active slot. */
    public Checksum of(String processingGroup) {
        return of(processingGroup, slots == null ? Slot.A : slots.active(processingGroup));
    }

    /**
     * The digest of one slot of the read model of a processing group. The digest names the tables by their slot-a
     * names, so the two slots of a read model holding the same rows have the same digest.
     */
    public Checksum of(String processingGroup, Slot slot) {
        List<ReadModelTable> tables = ProjectionsModule.TABLES.get(processingGroup);
        if (tables == null) {
            throw new IllegalArgumentException("no read model is built by processing group " + processingGroup);
        }
        return of(processingGroup, tables, slot);
    }

    /** The digest of the given tables, under a name of the caller's choice. */
    public Checksum of(String name, List<ReadModelTable> tables) {
        return of(name, tables, Slot.A);
    }

    private Checksum of(String name, List<ReadModelTable> tables, Slot slot) {
        MessageDigest digest = sha256();
        List<TableRows> counts = new ArrayList<>();
        try (Connection connection = dataSource.getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            int isolation = connection.getTransactionIsolation();
            boolean postgres = connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT).contains("postgres");
            try {
                // A transaction, so PostgreSQL streams rows by cursor (fetch size) and every table is read from one snapshot.
                connection.setAutoCommit(false);
                if (postgres) {
                    connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
                }
                for (ReadModelTable table : tables) {
                    counts.add(new TableRows(table.name(), table(connection, table, slot.table(table.name()), postgres, digest)));
                }
            } finally {
                connection.rollback();
                connection.setTransactionIsolation(isolation);
                connection.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not read read model " + name + " for its checksum: " + e.getMessage(), e);
        }
        return new Checksum(name, HexFormat.of().formatHex(digest.digest()), counts);
    }

    private static long table(Connection connection, ReadModelTable table, String physical, boolean postgres, MessageDigest digest)
            throws SQLException {
        List<String> textColumns = new ArrayList<>();
        try (PreparedStatement shape = connection.prepareStatement("SELECT * FROM " + physical + " WHERE 1 = 0");
             ResultSet empty = shape.executeQuery()) {
            ResultSetMetaData meta = empty.getMetaData();
            for (int i = 1; i <= meta.getColumnCount(); i++) {
                int type = meta.getColumnType(i);
                if (type == Types.VARCHAR || type == Types.CHAR || type == Types.LONGVARCHAR || type == Types.NVARCHAR) {
                    textColumns.add(meta.getColumnLabel(i).toLowerCase(Locale.ROOT));
                }
            }
        }
        List<String> order = new ArrayList<>();
        for (String column : table.primaryKey()) {
            order.add(postgres && textColumns.contains(column) ? column + " COLLATE \"C\"" : column);
        }
        long rows = 0;
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT * FROM " + physical + " ORDER BY " + String.join(", ", order))) {
            select.setFetchSize(FETCH_SIZE);
            try (ResultSet result = select.executeQuery()) {
                ResultSetMetaData meta = result.getMetaData();
                int columns = meta.getColumnCount();
                text(digest, "table");
                text(digest, table.name());
                text(digest, "columns");
                for (int i = 1; i <= columns; i++) {
                    text(digest, meta.getColumnLabel(i).toLowerCase(Locale.ROOT));
                }
                while (result.next()) {
                    text(digest, "row");
                    for (int i = 1; i <= columns; i++) {
                        value(digest, result, i, meta);
                    }
                    rows++;
                }
                text(digest, "rows");
                text(digest, Long.toString(rows));
            }
        }
        return rows;
    }

    private static void value(MessageDigest digest, ResultSet result, int column, ResultSetMetaData meta) throws SQLException {
        int type = meta.getColumnType(column);
        String typeName = meta.getColumnTypeName(column) == null ? "" : meta.getColumnTypeName(column).toLowerCase(Locale.ROOT);
        Object value;
        if (type == Types.TIMESTAMP_WITH_TIMEZONE || typeName.equals("timestamptz") || typeName.contains("with time zone")) {
            OffsetDateTime time = result.getObject(column, OffsetDateTime.class);
            value = time == null ? null : time.toInstant();
        } else if (type == Types.TIMESTAMP) {
            value = result.getObject(column, LocalDateTime.class);
        } else if (type == Types.DATE) {
            value = result.getObject(column, LocalDate.class);
        } else if (type == Types.TIME) {
            value = result.getObject(column, LocalTime.class);
        } else {
            value = result.getObject(column);
        }
        if (value == null) {
            digest.update(NULL);
        } else if (value instanceof byte[] bytes) {
            tagged(digest, BYTES, bytes);
        } else {
            tagged(digest, TEXT, canonical(value).getBytes(StandardCharsets.UTF_8));
        }
    }

    /** The database-independent text of a value (see the class comment). */
    static String canonical(Object value) {
        if (value instanceof BigDecimal decimal) {
            return decimal.signum() == 0 ? "0" : decimal.stripTrailingZeros().toPlainString();
        }
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte
                || value instanceof BigInteger || value instanceof Boolean || value instanceof String) {
            return value.toString();
        }
        if (value instanceof java.sql.Timestamp timestamp) {
            return timestamp.toLocalDateTime().toString();
        }
        if (value instanceof java.sql.Date date) {
            return date.toLocalDate().toString();
        }
        if (value instanceof java.time.temporal.TemporalAccessor) {
            return value.toString();
        }
        if (value instanceof Double || value instanceof Float) {
            // Not used by any read model (money is integral); hashed exactly should one ever appear.
            return new BigDecimal(((Number) value).doubleValue()).toPlainString();
        }
        return value.getClass().getSimpleName() + ":" + value;
    }

    private static void text(MessageDigest digest, String text) {
        tagged(digest, TEXT, text.getBytes(StandardCharsets.UTF_8));
    }

    private static void tagged(MessageDigest digest, byte tag, byte[] bytes) {
        digest.update(tag);
        digest.update(ByteBuffer.allocate(Integer.BYTES).putInt(bytes.length).array());
        digest.update(bytes);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
