package org.civicledger.ops.flow;

import org.civicledger.ops.support.TestClockConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

/** The payment flow on the embedded default: H2 in file mode under a temporary data folder. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE, properties = {
        "ledger.data-dir=${java.io.tmpdir}/civic-ledger-test-${random.uuid}",
        "ledger.notices.dispatch.enabled=false"})
@Import(TestClockConfiguration.class)
class PaymentFlowOnH2Test extends PaymentFlowContract {
}
