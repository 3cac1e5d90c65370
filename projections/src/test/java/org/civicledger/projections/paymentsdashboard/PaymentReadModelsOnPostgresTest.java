package org.civicledger.projections.paymentsdashboard;

import org.civicledger.projections.support.ReadModelDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.jdbc.core.JdbcTemplate;

/** The same contract on PostgreSQL, a schema of its own per test; skipped loudly where none answers (required under CI=true). */
class PaymentReadModelsOnPostgresTest extends PaymentReadModelsContract {

    private static final String SCHEMA = "payment_read_models_" + ProcessHandle.current().pid();

    @BeforeAll
    static void reachable() {
        Assumptions.assumeTrue(ReadModelDatabase.postgresReachable(), "PostgreSQL is not reachable");
    }

    @AfterAll
    static void dropSchema() {
        if (ReadModelDatabase.postgresReachable()) {
            ReadModelDatabase.dropPostgres(SCHEMA);
        }
    }

    @Override
    JdbcTemplate freshDatabase() {
        return ReadModelDatabase.postgres(SCHEMA);
    }
}
