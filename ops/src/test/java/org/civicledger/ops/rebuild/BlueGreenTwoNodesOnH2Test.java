package org.civicledger.ops.rebuild;

import java.util.Map;
import org.springframework.boot.test.context.SpringBootTest;

/** Blue/green across two nodes of one JVM sharing an in-memory H2 database. */
@SpringBootTest(properties = {
        "spring.datasource.url=" + BlueGreenTwoNodesOnH2Test.URL,
        "ledger.notices.dispatch.enabled=false",
        "ledger.projections.slot-refresh=PT0.3S"
})
class BlueGreenTwoNodesOnH2Test extends BlueGreenTwoNodesContract {

    static final String URL = "jdbc:h2:mem:blue-green-nodes;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1";

    @Override
    Map<String, Object> sharedDatabase() {
        return Map.of("spring.datasource.url", URL);
    }
}
