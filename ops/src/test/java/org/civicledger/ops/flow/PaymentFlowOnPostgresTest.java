package org.civicledger.ops.flow;

import org.civicledger.ops.support.PostgresTestDatabase;
import org.civicledger.ops.support.TestClockConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The payment flow on PostgreSQL (the production store), in a schema of its own. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE, properties = "ledger.notices.dispatch.enabled=false")
@ActiveProfiles("postgres")
@Import(TestClockConfiguration.class)
class PaymentFlowOnPostgresTest extends PaymentFlowContract {

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        PostgresTestDatabase.useFreshSchema(registry, "cl_payflow");
    }
}
