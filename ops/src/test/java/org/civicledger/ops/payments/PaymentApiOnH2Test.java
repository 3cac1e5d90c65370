package org.civicledger.ops.payments;

import org.civicledger.ops.LedgerApplication;
import org.civicledger.ops.support.TestClockConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

/** Bills, payments and provider callbacks over HTTP on the embedded H2 store. */
@SpringBootTest(classes = LedgerApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:payment-api;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
        "ledger.notices.dispatch.enabled=false",
        "ledger.payments.provider-secrets[" + PaymentApiContract.SECRET_REF + "]=" + PaymentApiContract.SECRET_BASE64})
@Import(TestClockConfiguration.class)
class PaymentApiOnH2Test extends PaymentApiContract {
}
