package org.civicledger.command.bills;

import java.util.Optional;
import java.util.function.Supplier;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.Repository;

/** The bill book over the event-sourced bills themselves: each read loads the bill from its events. */
public class RepositoryBillBook implements BillBook {

    private final Supplier<Repository<Bill>> repository;

    public RepositoryBillBook(Supplier<Repository<Bill>> repository) {
        this.repository = repository;
    }

    @Override
    public Optional<BillFacts> bill(String billId) {
        if (billId == null) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(repository.get().load(billId).invoke(Bill::facts));
        } catch (AggregateNotFoundException unknown) {
            return Optional.empty();
        }
    }
}
