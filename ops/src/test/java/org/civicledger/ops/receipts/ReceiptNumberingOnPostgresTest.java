package org.civicledger.ops.receipts;

import org.civicledger.ops.LedgerApplication;
import org.civicledger.ops.support.PostgresTestDatabase;
import org.civicledger.ops.support.TestClockConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Gapless receipt numbering on PostgreSQL, the production store: several nodes share one schema. */
@SpringBootTest(classes = LedgerApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "ledger.notices.dispatch.enabled=false"})
@ActiveProfiles("postgres")
@Import(TestClockConfiguration.class)
class ReceiptNumberingOnPostgresTest extends ReceiptNumberingContract {

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        PostgresTestDatabase.useFreshSchema(registry, "cl_rcptnum");
    }
}
