package org.civicledger.events;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.serialization.upcasting.event.InitialEventRepresentation;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;

/**
 * Reads an event as the event store does: the stored JSON bytes with their type and revision, through
 * {@link EventUpcasters#chain()}, deserialized by Axon's {@link JacksonSerializer} under the mapper settings of the
 * ledger (see {@code EventJsonApprovalTest}).
 */
public final class StoredEvents {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .findAndRegisterModules()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private static final JacksonSerializer SERIALIZER = JacksonSerializer.builder().objectMapper(MAPPER).build();

    private StoredEvents() {
    }

    /** The event that JSON stored under the type of {@code type} at {@code revision} loads as today. */
    public static Object read(Class<?> type, String revision, String json) {
        return SERIALIZER.deserialize(upcast(type, revision, json).getData());
    }

    /** The revision the stored event has once read through the upcasters. */
    public static String revisionRead(Class<?> type, String revision, String json) {
        return upcast(type, revision, json).getType().getRevision();
    }

    private static IntermediateEventRepresentation upcast(Class<?> type, String revision, String json) {
        GenericDomainEventEntry<byte[]> stored = new GenericDomainEventEntry<>("Aggregate", "aggregate-1", 0, "event-1",
                Instant.parse("2025-10-01T00:00:00Z"), type.getName(), revision, json.getBytes(StandardCharsets.UTF_8),
                "{}".getBytes(StandardCharsets.UTF_8));
        List<IntermediateEventRepresentation> read = EventUpcasters.chain()
                .upcast(Stream.of(new InitialEventRepresentation(stored, SERIALIZER))).toList();
        if (read.size() != 1) {
            throw new AssertionError("one stored event read as " + read.size());
        }
        return read.get(0);
    }
}
