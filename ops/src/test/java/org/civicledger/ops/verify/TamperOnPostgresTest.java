package org.civicledger.ops.verify;

import org.civicledger.ops.LedgerApplication;
import org.civicledger.ops.support.PostgresTestDatabase;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The tamper suite on PostgreSQL, in a schema of its own; skips loudly outside CI without PostgreSQL. */
@SpringBootTest(classes = LedgerApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"ledger.notices.dispatch.enabled=false", "ledger.integrity.gap-timeout-ms=1000"})
@ActiveProfiles("postgres")
class TamperOnPostgresTest extends TamperContract {

    private static String schema;

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        schema = PostgresTestDatabase.useFreshSchema(registry, "cl_tamper");
    }

    @Override
    String jdbcUrl() {
        return PostgresTestDatabase.urlFor(schema);
    }

    @Override
    String jdbcUser() {
        return PostgresTestDatabase.USER;
    }
}
