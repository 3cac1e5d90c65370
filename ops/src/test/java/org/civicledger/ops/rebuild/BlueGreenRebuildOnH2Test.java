package org.civicledger.ops.rebuild;

import org.springframework.boot.test.context.SpringBootTest;

/** Blue/green rebuild on the embedded H2 store. */
@SpringBootTest(properties = {
        "spring.datasource.url=jdbc:h2:mem:blue-green;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
        "ledger.notices.dispatch.enabled=false",
        "ledger.projections.slot-refresh=PT0.3S"
})
class BlueGreenRebuildOnH2Test extends BlueGreenRebuildContract {
}
