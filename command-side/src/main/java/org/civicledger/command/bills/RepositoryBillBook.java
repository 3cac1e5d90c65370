package org.civicledger.command.bills;

import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.Repository;

/** The bill book over the event-sourced bills themselves: each read loads the bill from its events. */
public class RepositoryBillBook implements BillBook {

    private final Supplier<Repository<Bill>> repository;
    private final Predicate<String> stored;

    public RepositoryBillBook(Supplier<Repository<Bill>> repository) {
        this(repository, billId -> true);
    }

    /**
     * @param stored whether the event store holds any event of that id: asked first, so that looking up a bill that
     *               does not exist (a case without a fee, a mistyped id) is one query, not a failed load that Axon's
     *               repository logs with its stack trace
     */
    public RepositoryBillBook(Supplier<Repository<Bill>> repository, Predicate<String> stored) {
        this.repository = repository;
        this.stored = stored;
    }

    @Override
    public Optional<BillFacts> bill(String billId) {
        if (billId == null || !stored.test(billId)) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(repository.get().load(billId).invoke(Bill::facts));
        } catch (AggregateNotFoundException unknown) {
            return Optional.empty();
        }
    }
}
