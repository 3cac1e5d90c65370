package org.civicledger.ops.security;

import org.civicledger.ops.LedgerApplication;
import org.springframework.boot.test.context.SpringBootTest;

/** The access matrix on the embedded H2 store. */
@SpringBootTest(classes = LedgerApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:access-matrix;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
        "ledger.notices.dispatch.enabled=false"
})
class AccessMatrixOnH2Test extends AccessMatrixContract {
}
