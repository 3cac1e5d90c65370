package org.civicledger.ops.integrity;

import org.civicledger.ops.LedgerApplication;
import org.springframework.boot.test.context.SpringBootTest;

/** Tamper evidence on the embedded H2 store. */
@SpringBootTest(classes = LedgerApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:integrity;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
        "ledger.notices.dispatch.enabled=false",
        "ledger.integrity.gap-timeout-ms=5000"
})
class IntegrityOnH2Test extends IntegrityContract {
}
