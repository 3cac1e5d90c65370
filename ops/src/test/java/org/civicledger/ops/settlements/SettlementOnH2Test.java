package org.civicledger.ops.settlements;

import org.civicledger.ops.LedgerApplication;
import org.civicledger.ops.support.TestClockConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

/** A settlement file with planted errors reconciled on the embedded H2 store. */
@SpringBootTest(classes = LedgerApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:settlements;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
        "ledger.notices.dispatch.enabled=false"})
@Import(TestClockConfiguration.class)
class SettlementOnH2Test extends SettlementContract {
}
