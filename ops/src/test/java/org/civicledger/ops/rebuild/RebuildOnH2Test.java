package org.civicledger.ops.rebuild;

import org.springframework.boot.test.context.SpringBootTest;

/** Rebuilding read models on the embedded H2 store. */
@SpringBootTest(properties = {
        "spring.datasource.url=jdbc:h2:mem:rebuild;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
        "ledger.notices.dispatch.enabled=false"
})
class RebuildOnH2Test extends RebuildContract {
}
