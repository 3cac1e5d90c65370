package org.civicledger.command.reference;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.civicledger.command.rules.Require;
import org.civicledger.events.reference.AgencyEvent.AgencyRegistered;
import org.civicledger.events.reference.AgencyEvent.AgencyRenamed;
import org.civicledger.events.reference.ReferenceCommands.RegisterAgency;
import org.civicledger.events.reference.ReferenceCommands.RenameAgency;

/** An agency of the city: it owns case types and works their cases. Identity: its agency code. */
public class Agency {

    @AggregateIdentifier
    private String agencyCode;
    private String name;

    protected Agency() {
        // For Axon's event sourcing.
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.ALWAYS)
    public void handle(RegisterAgency command) {
        Require.referenceDataKeeper(command.actor());
        Require.code("agencyCode", command.agencyCode());
        Require.text("name", command.name(), 200);
        apply(new AgencyRegistered(command.agencyCode(), command.name()));
    }

    @CommandHandler
    public void handle(RenameAgency command) {
        Require.referenceDataKeeper(command.actor());
        Require.text("name", command.name(), 200);
        Require.text("reason", command.reason(), 500);
        if (command.name().equals(name)) {
            return; // Renaming to the current name changes nothing; recording it would be noise.
        }
        apply(new AgencyRenamed(agencyCode, name, command.name(), command.reason()));
    }

    @EventSourcingHandler
    void on(AgencyRegistered event) {
        agencyCode = event.agencyCode();
        name = event.name();
    }

    @EventSourcingHandler
    void on(AgencyRenamed event) {
        name = event.name();
    }
}
