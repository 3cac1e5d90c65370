package org.civicledger.command.receipts;

import java.time.Clock;
import org.axonframework.config.ConfigurerModule;
import org.civicledger.command.bills.BillBook;
import org.civicledger.command.privacy.SubjectHasher;
import org.civicledger.command.reference.PaymentCatalog;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/** The receipt desk and its aggregates; the aggregates themselves stay free of Spring. */
@Configuration(proxyBeanMethods = false)
public class ReceiptsConfiguration {

    @Bean
    public ConfigurerModule receiptAggregates() {
        return configurer -> {
            configurer.configureAggregate(Receipt.class);
            configurer.configureAggregate(CitizenAccount.class);
        };
    }

    @Bean
    public ReceiptBook receiptBook(JdbcTemplate jdbc) {
        return new JdbcReceiptBook(jdbc);
    }

    @Bean
    public VerificationCodes verificationCodes() {
        return VerificationCodes.secureRandom();
    }

    /** Repositories looked up late: Axon's configuration is built after this bean. */
    @Bean
    public ReceiptDesk receiptDesk(ObjectProvider<org.axonframework.config.Configuration> axon, ReceiptBook book, BillBook bills,
                                   PaymentCatalog catalog, SubjectHasher hasher, VerificationCodes codes, Clock clock) {
        return new ReceiptDesk(() -> axon.getObject().repository(Receipt.class), () -> axon.getObject().repository(CitizenAccount.class),
                book, bills, catalog, hasher, codes, clock);
    }
}
