package org.civicledger.ops.audit;

import org.springframework.boot.test.context.SpringBootTest;

/** Processor status on the embedded H2 store. */
@SpringBootTest(properties = {
        "spring.datasource.url=jdbc:h2:mem:processor-status;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
        "ledger.notices.dispatch.enabled=false"
})
class ProcessorStatusOnH2Test extends ProcessorStatusContract {
}
