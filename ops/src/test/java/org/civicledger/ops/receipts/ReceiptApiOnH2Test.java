package org.civicledger.ops.receipts;

import org.civicledger.ops.LedgerApplication;
import org.civicledger.ops.support.TestClockConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

/** Receipts over HTTP on the embedded H2 store. */
@SpringBootTest(classes = LedgerApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:receipt-api;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
        "ledger.notices.dispatch.enabled=false",
        "ledger.receipts.verification-url=" + ReceiptApiContract.VERIFY_BASE,
        "ledger.payments.provider-secrets[" + ReceiptApiContract.SECRET_REF + "]=cmNwdGFwaS10ZXN0LXNlY3JldC0zMi1ieXRlcy1sbmc="})
@Import(TestClockConfiguration.class)
class ReceiptApiOnH2Test extends ReceiptApiContract {
}
