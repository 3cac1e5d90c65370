package org.civicledger.ops.rebuild;

import java.util.Map;
import org.civicledger.ops.support.PostgresTestDatabase;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Blue/green across two nodes sharing one PostgreSQL schema, as production nodes share their database. */
@SpringBootTest(properties = {"ledger.notices.dispatch.enabled=false", "spring.datasource.hikari.maximum-pool-size=6",
        "ledger.projections.slot-refresh=PT0.3S"})
@ActiveProfiles("postgres")
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class BlueGreenTwoNodesOnPostgresTest extends BlueGreenTwoNodesContract {

    private static String schema;

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        schema = PostgresTestDatabase.useFreshSchema(registry, "cl_bgnodes");
    }

    @Override
    Map<String, Object> sharedDatabase() {
        return Map.of("spring.datasource.url", PostgresTestDatabase.urlFor(schema), "spring.datasource.username", PostgresTestDatabase.USER,
                "spring.flyway.schemas", schema, "spring.datasource.hikari.maximum-pool-size", "6");
    }

    @Override
    String[] profiles() {
        return new String[] {"postgres"};
    }
}
