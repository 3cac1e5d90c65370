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
        PostgresTestDatabase.requireOrSkip();
        schema = PostgresTestDatabase.createSchema("cl_privacy");
        registry.add("spring.datasource.url", () -> PostgresTestDatabase.urlFor(schema));
        registry.add("spring.datasource.username", () -> PostgresTestDatabase.USER);
        registry.add("spring.flyway.schemas", () -> schema);
    }

    @AfterAll
    static void dropSchema() {
        if (schema != null) {
            PostgresTestDatabase.dropSchema(schema);
        }
    }
}
