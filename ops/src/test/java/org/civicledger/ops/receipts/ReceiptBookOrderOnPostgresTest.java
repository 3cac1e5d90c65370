package org.civicledger.ops.receipts;

import org.civicledger.ops.LedgerApplication;
import org.civicledger.ops.support.PostgresTestDatabase;
import org.civicledger.ops.support.TestClockConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Receipt counters taken in one global order, on PostgreSQL (the production store), in a schema of its own; skipped
 * loudly outside CI when PostgreSQL is unreachable, required under CI=true.
 */
@SpringBootTest(classes = LedgerApplication.class, webEnvironment = SpringBootTest.WebEnvironment.NONE, properties = {
        "ledger.notices.dispatch.enabled=false"})
@ActiveProfiles("postgres")
@Import(TestClockConfiguration.class)
class ReceiptBookOrderOnPostgresTest extends ReceiptBookOrderContract {

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        PostgresTestDatabase.useFreshSchema(registry, "cl_rcptorder");
    }
}
