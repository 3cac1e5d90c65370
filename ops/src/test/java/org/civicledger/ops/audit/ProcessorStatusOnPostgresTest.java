package org.civicledger.ops.audit;

import org.civicledger.ops.support.PostgresTestDatabase;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Processor status, dead letters and their retry on PostgreSQL, in a schema of its own. */
@SpringBootTest(properties = {"ledger.notices.dispatch.enabled=false", "spring.datasource.hikari.maximum-pool-size=4"})
@ActiveProfiles("postgres")
// A small pool, released when the class ends: the PostgreSQL test classes of one run share the server's connections.
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class ProcessorStatusOnPostgresTest extends ProcessorStatusContract {

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        PostgresTestDatabase.useFreshSchema(registry, "cl_procs");
    }
}
