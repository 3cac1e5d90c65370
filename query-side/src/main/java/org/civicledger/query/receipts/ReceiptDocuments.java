package org.civicledger.query.receipts;

import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.civicledger.events.receipts.ReceiptEvent.ReceiptIssued;
import org.civicledger.events.reference.AgencyEvent;
import org.civicledger.events.reference.FeeClassEvent;
import org.civicledger.query.receipts.ReceiptPdf.PrintedNames;
import org.springframework.stereotype.Component;

/**
 * Reads from the event store itself what a printed receipt needs and no read model holds: the receipt's
 * {@code ReceiptIssued} (the payer's name and national ID, opened from their sealed form or the erased form after an
 * erasure, and the verification code), and the names of its agency and fee class as they stood when it was issued.
 */
@Component
public class ReceiptDocuments {

    private final EventStore eventStore;

    public ReceiptDocuments(EventStore eventStore) {
        this.eventStore = eventStore;
    }

    public Optional<ReceiptIssued> issued(String receiptId) {
        return issuedMessage(receiptId).map(message -> (ReceiptIssued) message.getPayload());
    }

    /**
     * The agency's and the fee class's names in force when the receipt was issued: a later rename or revision does
     * not change a receipt printed again. "When" is the event store's own time stamp of each event (the receipt's
     * issue and the reference events are compared on the same clock, not on the city's business clock). A name that
     * cannot be found is null: the receipt then shows the code alone.
     */
    public PrintedNames printedNames(String receiptId) {
        Optional<DomainEventMessage<?>> found = issuedMessage(receiptId);
        if (found.isEmpty()) {
            return PrintedNames.NONE;
        }
        ReceiptIssued issued = (ReceiptIssued) found.get().getPayload();
        Instant recordedAt = found.get().getTimestamp();
        String agencyName = nameAt(issued.agencyCode(), recordedAt, payload -> {
            if (payload instanceof AgencyEvent.AgencyRegistered registered) {
                return registered.name();
            }
            return payload instanceof AgencyEvent.AgencyRenamed renamed ? renamed.name() : null;
        });
        String feeClassName = nameAt(issued.feeClassCode(), recordedAt, payload -> {
            if (payload instanceof FeeClassEvent.FeeClassRegistered registered) {
                return registered.name();
            }
            return payload instanceof FeeClassEvent.FeeClassRevised revised ? revised.name() : null;
        });
        return new PrintedNames(agencyName, feeClassName);
    }

    private Optional<DomainEventMessage<?>> issuedMessage(String receiptId) {
        DomainEventStream events = eventStore.readEvents(receiptId);
        if (!events.hasNext()) {
            return Optional.empty();
        }
        DomainEventMessage<?> first = events.next();
        return first.getPayload() instanceof ReceiptIssued ? Optional.of(first) : Optional.empty();
    }

    /** The last name an aggregate's events gave it at or before {@code at}; its events are few (a register, renames). */
    private String nameAt(String aggregateId, Instant at, Function<Object, String> nameOf) {
        if (aggregateId == null) {
            return null;
        }
        String name = null;
        DomainEventStream events = eventStore.readEvents(aggregateId);
        while (events.hasNext()) {
            DomainEventMessage<?> event = events.next();
            if (event.getTimestamp().isAfter(at)) {
                break;
            }
            String named = nameOf.apply(event.getPayload());
            if (named != null) {
                name = named;
            }
        }
        return name;
    }
}
