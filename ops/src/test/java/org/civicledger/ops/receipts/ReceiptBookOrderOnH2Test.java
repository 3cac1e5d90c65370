package org.civicledger.ops.receipts;

import org.civicledger.ops.LedgerApplication;
import org.civicledger.ops.support.TestClockConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

/** Receipt counters taken in one global order, on the embedded H2 store. */
@SpringBootTest(classes = LedgerApplication.class, webEnvironment = SpringBootTest.WebEnvironment.NONE, properties = {
        "spring.datasource.url=jdbc:h2:mem:receipt-book-order;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
        "ledger.notices.dispatch.enabled=false"})
@Import(TestClockConfiguration.class)
class ReceiptBookOrderOnH2Test extends ReceiptBookOrderContract {
}
