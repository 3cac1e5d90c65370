package org.civicledger.command;

import org.axonframework.config.ConfigurerModule;
import org.civicledger.command.bills.Bill;
import org.civicledger.command.bills.BillBook;
import org.civicledger.command.bills.RepositoryBillBook;
import org.civicledger.command.documents.CaseCertificates;
import org.civicledger.command.documents.Document;
import org.civicledger.command.documents.RepositorySigningKeyBook;
import org.civicledger.command.documents.SigningKeyBook;
import org.civicledger.command.documents.SigningKeyring;
import org.civicledger.command.payments.Payment;
import org.civicledger.command.cases.CaseFees;
import org.civicledger.command.cases.CaseFile;
import org.civicledger.command.grants.Grant;
import org.civicledger.command.reference.Agency;
import org.civicledger.command.reference.CalendarYear;
import org.civicledger.command.reference.CaseType;
import org.civicledger.command.reference.FeeClass;
import org.civicledger.command.reference.PaymentCatalogUpdater;
import org.civicledger.command.reference.PaymentProvider;
import org.civicledger.command.reference.ReferenceCatalogUpdater;
import org.civicledger.command.settlements.ProviderTransactionUpdater;
import org.civicledger.command.settlements.Settlement;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Registers the aggregates with Axon explicitly, so the aggregates themselves carry no Spring
 * stereotype and stay plain classes (checked by the architecture test).
 */
@Configuration
public class CommandSideConfiguration {

    @Bean
    public ConfigurerModule commandSideAggregates() {
        return configurer -> {
            configurer.configureAggregate(CaseFile.class);
            configurer.configureAggregate(Agency.class);
            configurer.configureAggregate(CaseType.class);
            configurer.configureAggregate(CalendarYear.class);
            configurer.configureAggregate(FeeClass.class);
            configurer.configureAggregate(PaymentProvider.class);
            configurer.configureAggregate(Bill.class);
            configurer.configureAggregate(Payment.class);
            configurer.configureAggregate(Grant.class);
            configurer.configureAggregate(Document.class);
            configurer.configureAggregate(SigningKeyring.class);
            // Reference rows must change with the events that change them: same thread, same transaction.
            configurer.eventProcessing().registerSubscribingEventProcessor(ReferenceCatalogUpdater.PROCESSING_GROUP);
            configurer.eventProcessing().registerSubscribingEventProcessor(PaymentCatalogUpdater.PROCESSING_GROUP);
            // A case's fee is billed in the transaction that stores the application (CaseFees).
            configurer.eventProcessing().registerSubscribingEventProcessor(CaseFees.PROCESSING_GROUP);
            configurer.configureAggregate(Settlement.class);
            configurer.eventProcessing().registerSubscribingEventProcessor(ProviderTransactionUpdater.PROCESSING_GROUP);
            // An approved case's certificate is issued in the transaction that approves it (CaseCertificates).
            configurer.eventProcessing().registerSubscribingEventProcessor(CaseCertificates.PROCESSING_GROUP);
        };
    }

    /** Payments read the bills they pay from the bills' own events; looked up late, Axon's configuration being built after this bean. */
    @Bean
    public BillBook billBook(ObjectProvider<org.axonframework.config.Configuration> axon) {
        return new RepositoryBillBook(() -> axon.getObject().repository(Bill.class),
                billId -> axon.getObject().eventStore().lastSequenceNumberFor(billId).isPresent());
    }

    /** Signatures are checked against the signers' keys as their keyrings' events say; looked up late, as the bill book. */
    @Bean
    public SigningKeyBook signingKeyBook(ObjectProvider<org.axonframework.config.Configuration> axon) {
        return new RepositorySigningKeyBook(() -> axon.getObject().repository(SigningKeyring.class));
    }
}
