package org.civicledger.ops.documents;

import org.civicledger.ops.LedgerApplication;
import org.civicledger.ops.support.PostgresTestDatabase;
import org.civicledger.ops.support.TestClockConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Documents and signatures over HTTP on PostgreSQL (the production store), in a schema of its own. */
@SpringBootTest(classes = LedgerApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "ledger.notices.dispatch.enabled=false",
        "ledger.documents.content-limit-bytes=" + DocumentApiContract.CONTENT_LIMIT})
@ActiveProfiles("postgres")
@Import(TestClockConfiguration.class)
class DocumentApiOnPostgresTest extends DocumentApiContract {

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        PostgresTestDatabase.useFreshSchema(registry, "cl_docapi");
    }
}
