package org.civicledger.events.receipts;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * What the ledger learned about a citizen's account, on the stream of the citizen's subject reference (a keyed
 * hash of the national ID, never the ID itself). Names and JSON are forever once stored.
 */
public sealed interface CitizenAccountEvent {

    String subjectRef();

    /**
     * The identity provider vouched that the citizen with this subject reference signs in as
     * {@code citizenSubject}: from now on their receipts are attributed to that account, and those issued before
     * are attributed retroactively ({@link ReceiptEvent.ReceiptAttributed}, one per receipt).
     */
    @Revision("1")
    record CitizenAccountEnrolled(String subjectRef, String citizenSubject, Instant enrolledAt) implements CitizenAccountEvent {
    }
}
