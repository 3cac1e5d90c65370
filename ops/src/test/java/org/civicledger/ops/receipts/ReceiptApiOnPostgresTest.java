package org.civicledger.ops.receipts;

import org.civicledger.ops.LedgerApplication;
import org.civicledger.ops.support.PostgresTestDatabase;
import org.civicledger.ops.support.TestClockConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Receipts over HTTP on PostgreSQL (the production store), in a schema of its own. */
@SpringBootTest(classes = LedgerApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "ledger.notices.dispatch.enabled=false",
        "ledger.receipts.verification-url=" + ReceiptApiContract.VERIFY_BASE,
        "ledger.payments.provider-secrets[" + ReceiptApiContract.SECRET_REF + "]=cmNwdGFwaS10ZXN0LXNlY3JldC0zMi1ieXRlcy1sbmc="})
@ActiveProfiles("postgres")
@Import(TestClockConfiguration.class)
class ReceiptApiOnPostgresTest extends ReceiptApiContract {

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        PostgresTestDatabase.useFreshSchema(registry, "cl_rcptapi");
    }
}
