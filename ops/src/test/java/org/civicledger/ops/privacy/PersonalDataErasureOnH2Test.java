package org.civicledger.ops.privacy;

import org.springframework.boot.test.context.SpringBootTest;

/** The erasure contract on the embedded default store, H2 in PostgreSQL mode. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE, properties = {
        "ledger.notices.dispatch.enabled=false",
        "spring.datasource.url=jdbc:h2:mem:personal-data-erasure;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
                + "DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1"
})
class PersonalDataErasureOnH2Test extends PersonalDataErasureContract {
}
