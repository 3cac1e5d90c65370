package org.civicledger.command.payments;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.Configuration;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.deadline.DeadlineMessage;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.messaging.ScopeDescriptor;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.modelling.command.Repository;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.test.deadline.StubDeadlineManager;
import org.civicledger.command.bills.Bill;
import org.civicledger.command.bills.BillBook;
import org.civicledger.command.bills.RepositoryBillBook;
import org.civicledger.command.grants.Grant;
import org.civicledger.command.reference.PaymentCatalog;
import org.civicledger.command.support.FixtureClock;
import org.civicledger.events.payments.PaymentEvent.PaymentSucceeded;

/**
 * Bills, payments and grants event-sourced for real, in memory: Axon's own configuration with its command bus,
 * repositories (locking included) and an in-memory event store, the production command handlers, the
 * production {@link RepositoryBillBook} and {@link BillSettlement}, and a deadline manager whose time the
 * test moves. Only the settlement is driven by hand, so that a test decides when (and how often) it runs.
 */
final class PaymentsHarness implements AutoCloseable {

    private final StubDeadlineManager deadlines;
    private final Configuration axon;
    private final List<Object> events = new ArrayList<>();
    final CommandGateway commands;
    final BillSettlement settlement;

    PaymentsHarness(PaymentCatalog catalog, Instant start, ZoneId zone) {
        deadlines = new StubDeadlineManager(start);
        Clock clock = new FixtureClock(deadlines::getCurrentDateTime, zone);
        // No auto-located modules: the Axon Server connector on the classpath would try to connect out.
        axon = DefaultConfigurer.defaultConfiguration(false)
                .configureEmbeddedEventStore(c -> new InMemoryEventStorageEngine())
                .configureSerializer(c -> JacksonSerializer.defaultSerializer())
                .configureAggregate(Bill.class)
                .configureAggregate(Payment.class)
                .configureAggregate(Grant.class)
                .registerComponent(Clock.class, c -> clock)
                .registerComponent(PaymentCatalog.class, c -> catalog)
                .registerComponent(BillBook.class, c -> new RepositoryBillBook(() -> c.repository(Bill.class)))
                .configureDeadlineManager(c -> deadlines)
                .buildConfiguration();
        axon.start();
        axon.eventBus().subscribe(messages -> messages.forEach(message -> events.add(message.getPayload())));
        commands = axon.commandGateway();
        settlement = new BillSettlement(commands);
    }

    /** Every event stored so far, in order. */
    List<Object> events() {
        return List.copyOf(events);
    }

    List<PaymentSucceeded> successes() {
        return events.stream().filter(PaymentSucceeded.class::isInstance).map(PaymentSucceeded.class::cast).toList();
    }

    Instant now() {
        return deadlines.getCurrentDateTime();
    }

    /** Moves time on, firing every deadline that falls due on the way, each in its own unit of work. */
    void advanceTimeTo(Instant moment) {
        deadlines.advanceTimeTo(moment, this::deliver);
    }

    private void deliver(ScopeDescriptor scope, DeadlineMessage<?> message) {
        List<Repository<?>> repositories = List.of(axon.repository(Bill.class), axon.repository(Payment.class),
                axon.repository(Grant.class));
        DefaultUnitOfWork.startAndGet(message).executeWithResult(() -> {
            for (Repository<?> repository : repositories) {
                if (repository.canResolve(scope)) {
                    repository.send(message, scope);
                }
            }
            return null;
        });
    }

    @Override
    public void close() {
        axon.shutdown();
    }
}
