package org.civicledger.projections.support;

import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * One SQL statement and the rows of parameters to run it with as a single JDBC batch, in the caller's transaction.
 * Each parameter position has its SQL type, so a NULL is typed on PostgreSQL and H2 alike without asking the
 * database for the statement's parameter types.
 */
public final class BatchedStatement {

    private static final int ROWS_PER_EXECUTE = 1000;

    private final String sql;
    private final int[] types;
    private final List<Object[]> rows = new ArrayList<>();

    public BatchedStatement(String sql, int... types) {
        this.sql = sql;
        this.types = types.clone();
    }

    public void add(Object... values) {
        if (values.length != types.length) {
            throw new IllegalArgumentException(sql + " takes " + types.length + " values, got " + values.length);
        }
        rows.add(values);
    }

    public boolean isEmpty() {
        return rows.isEmpty();
    }

    /** Runs the statement for every row added, then forgets them. */
    public void execute(JdbcTemplate jdbc) {
        if (rows.isEmpty()) {
            return;
        }
        jdbc.execute((ConnectionCallback<Void>) connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                int pending = 0;
                for (Object[] row : rows) {
                    for (int i = 0; i < row.length; i++) {
                        if (row[i] == null) {
                            statement.setNull(i + 1, types[i]);
                        } else {
                            statement.setObject(i + 1, row[i]);
                        }
                    }
                    statement.addBatch();
                    if (++pending == ROWS_PER_EXECUTE) {
                        statement.executeBatch();
                        pending = 0;
                    }
                }
                if (pending > 0) {
                    statement.executeBatch();
                }
            }
            return null;
        });
        rows.clear();
    }
}
