package org.civicledger.ops.audit;

import org.civicledger.ops.LedgerApplication;
import org.civicledger.ops.support.PostgresTestDatabase;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The audit trail and point-in-time reconstruction on PostgreSQL, in a schema of its own. */
@SpringBootTest(classes = LedgerApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"ledger.notices.dispatch.enabled=false", "spring.datasource.hikari.maximum-pool-size=4"})
@ActiveProfiles("postgres")
// A small pool, released when the class ends: the PostgreSQL test classes of one run share the server's connections.
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class AuditTrailOnPostgresTest extends AuditTrailContract {

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        PostgresTestDatabase.useFreshSchema(registry, "cl_audit");
    }
}
