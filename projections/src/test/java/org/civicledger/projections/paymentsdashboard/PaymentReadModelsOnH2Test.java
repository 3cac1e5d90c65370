package org.civicledger.projections.paymentsdashboard;

import org.civicledger.projections.support.ReadModelDatabase;
import org.springframework.jdbc.core.JdbcTemplate;

class PaymentReadModelsOnH2Test extends PaymentReadModelsContract {

    @Override
    JdbcTemplate freshDatabase() {
        return ReadModelDatabase.h2();
    }
}
