package org.civicledger.ops.privacy;

import org.civicledger.ops.support.PostgresTestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The erasure contract on PostgreSQL (the production store), in a schema of its own. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE, properties = "ledger.notices.dispatch.enabled=false")
@ActiveProfiles("postgres")
class PersonalDataErasureOnPostgresTest extends PersonalDataErasureContract {

    private static String schema;

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        schema = PostgresTestDatabase.useFreshSchema(registry, "cl_privacy");
    }

    @AfterAll
    static void dropSchema() {
        if (schema != null) {
            PostgresTestDatabase.dropSchema(schema);
        }
    }
}
