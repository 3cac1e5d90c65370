package org.civicledger.ops.verify;

import org.civicledger.ops.LedgerApplication;
import org.springframework.boot.test.context.SpringBootTest;

/** The tamper suite on the embedded H2 store. */
@SpringBootTest(classes = LedgerApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=" + TamperOnH2Test.URL,
        "ledger.notices.dispatch.enabled=false",
        "ledger.integrity.gap-timeout-ms=1000"
})
class TamperOnH2Test extends TamperContract {

    static final String URL = "jdbc:h2:mem:tamper;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1";

    @Override
    String jdbcUrl() {
        return URL;
    }

    @Override
    String jdbcUser() {
        return "sa";
    }
}
