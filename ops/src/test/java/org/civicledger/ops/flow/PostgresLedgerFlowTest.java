package org.civicledger.ops.flow;

import org.civicledger.ops.support.PostgresTestDatabase;
import org.civicledger.ops.support.TestClockConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The case flow on PostgreSQL (the production store), in a schema of its own. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE, properties = "ledger.notices.dispatch.enabled=false")
@ActiveProfiles("postgres")
@Import(TestClockConfiguration.class)
class PostgresLedgerFlowTest extends LedgerFlowContract {

    private static String schema;

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        schema = PostgresTestDatabase.useFreshSchema(registry, "cl_flow");
    }

}
