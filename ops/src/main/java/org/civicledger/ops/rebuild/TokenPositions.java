package org.civicledger.ops.rebuild;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.serialization.SerializationException;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Where a processor stands over all nodes: the lowest position of its segments' committed tokens in
 * {@code tokenentry}, read without claiming them.
 *
 * <p>A processor's status on one node shows only the segments that node has claimed; a blue/green switch must know
 * where the whole processor is, wherever its segments run. A token is committed in the transaction that writes the
 * rows of its batch, so a committed position is one the read model's committed rows have reached.
 */
@Component
public class TokenPositions {

    private final JdbcTemplate jdbc;
    private final Serializer serializer;

    public TokenPositions(JdbcTemplate jdbc, Serializer serializer) {
        this.jdbc = jdbc;
        this.serializer = serializer;
    }

    /** The lowest position over the processor's segments; -1 when it has no segments or one has processed nothing yet. */
    public long lowest(String processor) {
        List<Long> positions = new ArrayList<>();
        jdbc.query("SELECT token, tokentype FROM tokenentry WHERE processorname = ?", rows -> {
            byte[] token = rows.getBytes("token");
            String type = rows.getString("tokentype");
            positions.add(token == null || type == null ? -1L : position(token, type));
        }, processor);
        return positions.isEmpty() ? -1 : positions.stream().mapToLong(Long::longValue).min().orElse(-1);
    }

    private long position(byte[] token, String type) {
        try {
            Object value = serializer.deserialize(new SimpleSerializedObject<>(token, byte[].class, type, null));
            if (value instanceof TrackingToken tracking) {
                OptionalLong position = tracking.position();
                return position.isPresent() ? position.getAsLong() : -1;
            }
            return -1;
        } catch (SerializationException unreadable) {
            return -1;
        }
    }
}
