package org.civicledger.command;

import org.axonframework.config.ConfigurerModule;
import org.civicledger.command.cases.CaseFile;
import org.civicledger.command.reference.Agency;
import org.civicledger.command.reference.CalendarYear;
import org.civicledger.command.reference.CaseType;
import org.civicledger.command.reference.ReferenceCatalogUpdater;
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
            // Reference rows must change with the events that change them: same thread, same transaction.
            configurer.eventProcessing().registerSubscribingEventProcessor(ReferenceCatalogUpdater.PROCESSING_GROUP);
        };
    }
}
