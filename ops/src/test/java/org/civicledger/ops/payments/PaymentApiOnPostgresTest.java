package org.civicledger.ops.payments;

import org.civicledger.ops.LedgerApplication;
import org.civicledger.ops.support.PostgresTestDatabase;
import org.civicledger.ops.support.TestClockConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Bills, payments and provider callbacks over HTTP on PostgreSQL (the production store), in a schema of its own. */
@SpringBootTest(classes = LedgerApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "ledger.notices.dispatch.enabled=false",
        "ledger.payments.provider-secrets[" + PaymentApiContract.SECRET_REF + "]=" + PaymentApiContract.SECRET_BASE64})
@ActiveProfiles("postgres")
@Import(TestClockConfiguration.class)
class PaymentApiOnPostgresTest extends PaymentApiContract {

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        PostgresTestDatabase.useFreshSchema(registry, "cl_payapi");
    }
}
