package org.civicledger.ops.api;

import org.civicledger.ops.LedgerApplication;
import org.springframework.boot.test.context.SpringBootTest;

/** The write API on the embedded H2 store (in memory here, in a file when the ledger serves). */
@SpringBootTest(classes = LedgerApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:write-api;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
        "ledger.notices.dispatch.enabled=false"
})
class WriteApiOnH2Test extends WriteApiContract {
}
