package org.civicledger.ops.demo;

import org.springframework.jdbc.core.JdbcTemplate;

/** Asks the database whether a table exists; the same question on H2 (PostgreSQL mode) and PostgreSQL. */
public final class Tables {

    private Tables() {
    }

    public static boolean exists(JdbcTemplate jdbc, String table) {
        Integer count = jdbc.queryForObject(
                "SELECT COUNT(*) FROM information_schema.tables WHERE LOWER(table_name) = ?", Integer.class, table.toLowerCase());
        return count != null && count > 0;
    }
}
