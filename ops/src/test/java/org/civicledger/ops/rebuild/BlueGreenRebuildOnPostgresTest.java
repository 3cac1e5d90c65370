package org.civicledger.ops.rebuild;

import org.civicledger.ops.support.PostgresTestDatabase;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Blue/green rebuild on PostgreSQL, in a schema of its own. */
@SpringBootTest(properties = {"ledger.notices.dispatch.enabled=false", "spring.datasource.hikari.maximum-pool-size=8",
        "ledger.projections.slot-refresh=PT0.3S"})
@ActiveProfiles("postgres")
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class BlueGreenRebuildOnPostgresTest extends BlueGreenRebuildContract {

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        PostgresTestDatabase.useFreshSchema(registry, "cl_bluegreen");
    }
}
