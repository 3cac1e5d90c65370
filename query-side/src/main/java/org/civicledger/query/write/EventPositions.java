package org.civicledger.query.write;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Reads where an aggregate's latest event stands in the global order of the event store.
 *
 * <p>A client that wrote through the API waits until a read model has processed this position
 * before it reads, and so reads its own write.
 */
@Component
public class EventPositions {

    private final JdbcTemplate jdbc;

    public EventPositions(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The global index of the aggregate's last event, or null when it has none. */
    public Long lastOf(String aggregateIdentifier) {
        return jdbc.queryForObject("SELECT MAX(globalindex) FROM domainevententry WHERE aggregateidentifier = ?", Long.class,
                aggregateIdentifier);
    }
}
