package org.civicledger.events.privacy;

import java.time.LocalDate;
import org.axonframework.serialization.Revision;

/**
 * What happened to a citizen's personal data, on the stream of that citizen's subject reference
 * (a keyed hash of the national ID, never the ID itself). Names and JSON are forever once stored.
 */
public sealed interface PrivacyEvent {

    String subjectRef();

    /**
     * The citizen's data key of version {@code keyVersion} was destroyed: everything sealed under it
     * reads as erased from now on. Who erased it is the actor in the event's metadata; why is the
     * reason (no personal data in it); when is {@code erasedOn} (city date) and the recorded time.
     */
    @Revision("1")
    record CitizenDataErased(String subjectRef, int keyVersion, String reason, LocalDate erasedOn) implements PrivacyEvent {
    }
}
