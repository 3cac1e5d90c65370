package org.civicledger.projections.support;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Conversions between Java time values and the column types the read models use.
 *
 * <p>Instants go in and out as {@code TIMESTAMP WITH TIME ZONE} through {@link OffsetDateTime},
 * which both the H2 and the PostgreSQL drivers map without consulting the JVM's time zone.
 */
public final class Jdbc {

    private Jdbc() {
    }

    public static OffsetDateTime timestamp(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    public static Instant instant(ResultSet rows, String column) throws SQLException {
        OffsetDateTime value = rows.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    public static LocalDate date(ResultSet rows, String column) throws SQLException {
        return rows.getObject(column, LocalDate.class);
    }

    /** A nullable INT column as Integer. */
    public static Integer integer(ResultSet rows, String column) throws SQLException {
        int value = rows.getInt(column);
        return rows.wasNull() ? null : value;
    }

    /** A nullable BOOLEAN column as Boolean. */
    public static Boolean bool(ResultSet rows, String column) throws SQLException {
        boolean value = rows.getBoolean(column);
        return rows.wasNull() ? null : value;
    }
}
