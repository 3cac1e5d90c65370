package org.civicledger.query.receipts;

import java.util.Optional;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.civicledger.events.receipts.ReceiptEvent.ReceiptIssued;
import org.springframework.stereotype.Component;

/**
 * Reads a receipt's {@code ReceiptIssued} from the event store itself, for what the read model never holds: the
 * payer's name and national ID (opened from their sealed form, or the erased form after an erasure) and the
 * verification code printed on the receipt.
 */
@Component
public class ReceiptDocuments {

    private final EventStore eventStore;

    public ReceiptDocuments(EventStore eventStore) {
        this.eventStore = eventStore;
    }

    public Optional<ReceiptIssued> issued(String receiptId) {
        DomainEventStream events = eventStore.readEvents(receiptId);
        if (!events.hasNext()) {
            return Optional.empty();
        }
        DomainEventMessage<?> first = events.next();
        return first.getPayload() instanceof ReceiptIssued issued ? Optional.of(issued) : Optional.empty();
    }
}
