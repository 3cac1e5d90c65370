package org.civicledger.projections.support;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

/**
 * State a read model keeps for the length of one processor batch, and writes when the batch commits.
 *
 * <p>A pooled streaming processor hands a read model up to {@code batch-size} events in one unit of work and one
 * transaction (with its token). Written row by row, every event costs several round trips to the database; kept
 * here, a read model reads the rows a batch touches with one query, applies the batch's events in memory, and
 * writes the result as JDBC batches just before the transaction commits ({@link UnitOfWork#onPrepareCommit}).
 * The effect is the same as writing each event's rows at once: the same transaction, the same rows. Outside a unit
 * of work (a handler called directly, as in tests) the state lives for one event and is written at its end.
 *
 * <p>What this changes: an error that only the database raises (a constraint, a value too wide) surfaces when the
 * batch is written, not in the handler of the event that caused it, so it fails the whole batch (the processor
 * retries it) instead of dead-lettering one event. Handlers therefore check what they can before changing state,
 * and throw there, as before.
 */
public final class ProcessorBatch {

    private ProcessorBatch() {
    }

    /**
     * Runs {@code work} on the batch state named {@code key}: created by {@code create} the first time in a unit of
     * work, written by {@code write} when it commits (or right after {@code work}, outside a unit of work).
     */
    public static <S> void with(String key, Supplier<S> create, Consumer<S> write, Consumer<S> work) {
        if (!CurrentUnitOfWork.isStarted()) {
            S state = create.get();
            work.accept(state);
            write.accept(state);
            return;
        }
        UnitOfWork<?> root = CurrentUnitOfWork.get().root();
        S state = root.getOrComputeResource(key, name -> {
            S created = create.get();
            root.onPrepareCommit(unitOfWork -> write.accept(created));
            return created;
        });
        work.accept(state);
    }

    /**
     * The aggregate identifiers of the events of the current batch, in order, or only {@code fallback} outside a
     * batch: what a read model reads ahead with one query.
     */
    public static List<String> aggregateIdentifiers(String fallback) {
        Set<String> identifiers = new LinkedHashSet<>();
        if (CurrentUnitOfWork.isStarted() && CurrentUnitOfWork.get().root() instanceof BatchingUnitOfWork<?> batch) {
            for (Message<?> message : batch.getMessages()) {
                if (message instanceof DomainEventMessage<?> domain) {
                    identifiers.add(domain.getAggregateIdentifier());
                }
            }
        }
        identifiers.add(fallback);
        return new ArrayList<>(identifiers);
    }
}
