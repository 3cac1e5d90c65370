package org.civicledger.projections.slots;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.civicledger.projections.ProjectionsModule;
import org.civicledger.projections.rebuild.ReadModelTable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Which slot of each read model readers read ({@code projection_slot}), and JDBC templates that read and write
 * through a slot.
 *
 * <p>{@link #reader()} is what the query classes use: its statements go to the active slot of every read model, as
 * this node last read it. The node re-reads {@code projection_slot} when a reader asks and its copy is older than
 * {@code ledger.projections.slot-refresh} (default 2 s), and at once after it switched a read model itself; another
 * node's readers follow a switch within that interval, which is why a switched-away slot is emptied only later
 * ({@link #retireAfter()}). {@link #writer} is what the handlers of one slot write through, whatever is active.
 *
 * <p>Adding a read model takes its entry in {@link ProjectionsModule#TABLES} and {@code _b} copies of its tables in
 * its migration; nothing here changes.
 */
@Component
public class ReadModelSlots {

    private static final Logger log = LoggerFactory.getLogger(ReadModelSlots.class);

    private final DataSource dataSource;
    private final JdbcTemplate jdbc;
    private final Duration refresh;
    private final JdbcTemplate reader;
    private volatile Map<String, SlotState> states = Map.of();
    private volatile SlotSql readerSql = new SlotSql(Map.of());
    private volatile long loadedNanos;
    private volatile long warnedNanos;
    private volatile boolean loaded;

    public ReadModelSlots(DataSource dataSource, @Value("${ledger.projections.slot-refresh:PT2S}") Duration refresh) {
        this.dataSource = dataSource;
        this.jdbc = new JdbcTemplate(dataSource);
        this.refresh = refresh;
        this.reader = new JdbcTemplate(new SlotDataSource(dataSource, this::currentReaderSql));
    }

    /** How often a node re-reads which slots are active. */
    public Duration refreshInterval() {
        return refresh;
    }

    /**
     * How long after a switch the old slot may still be read by a node that has not seen the switch yet: three
     * refresh intervals. Only then is it emptied, and only then may a rebuild fill it again.
     */
    public Duration retireAfter() {
        return refresh.multipliedBy(3);
    }

    /** Reads the active slots of every read model. */
    public JdbcTemplate reader() {
        return reader;
    }

    /** Writes the tables of {@code slot} of the read model of {@code group} (and reads them). */
    public JdbcTemplate writer(String group, Slot slot) {
        return new JdbcTemplate(new SlotDataSource(dataSource, fixed(renames(Map.of(group, slot)))));
    }

    private static java.util.function.Supplier<SlotSql> fixed(SlotSql sql) {
        return () -> sql;
    }

    /** The state of every read model as this node last read it (read-model order). */
    public Map<String, SlotState> states() {
        freshen();
        return states;
    }

    public SlotState state(String group) {
        return states().getOrDefault(group, SlotState.initial(group));
    }

    public Slot active(String group) {
        return state(group).active();
    }

    /** Re-reads {@code projection_slot} now. */
    public void refresh() {
        Map<String, SlotState> read = new LinkedHashMap<>();
        for (String group : ProjectionsModule.TABLES.keySet()) {
            read.put(group, SlotState.initial(group));
        }
        jdbc.query("SELECT projection, active_slot, building_slot, build_head, build_started_at, switched_at, retired_slot "
                + "FROM projection_slot", rows -> {
            String group = rows.getString("projection");
            if (read.containsKey(group)) {
                read.put(group, state(rows));
            }
        });
        Map<String, Slot> active = new HashMap<>();
        read.forEach((group, state) -> active.put(group, state.active()));
        states = java.util.Collections.unmodifiableMap(read);
        readerSql = renames(active);
        loadedNanos = System.nanoTime();
        loaded = true;
    }

    /** A row of {@code projection_slot}. */
    public static SlotState state(ResultSet rows) throws SQLException {
        long head = rows.getLong("build_head");
        Long buildHead = rows.wasNull() ? null : head;
        return new SlotState(rows.getString("projection"), Slot.of(rows.getString("active_slot")), Slot.of(rows.getString("building_slot")),
                buildHead, instant(rows, "build_started_at"), instant(rows, "switched_at"), Slot.of(rows.getString("retired_slot")));
    }

    private static Instant instant(ResultSet rows, String column) throws SQLException {
        OffsetDateTime value = rows.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private SlotSql currentReaderSql() {
        freshen();
        return readerSql;
    }

    private void freshen() {
        if (loaded && System.nanoTime() - loadedNanos < refresh.toNanos()) {
            return;
        }
        try {
            refresh();
        } catch (RuntimeException unavailable) {
            if (!loaded) {
                throw unavailable;
            }
            // Readers keep the slots they knew while both are sure to be complete: a switched-away slot is emptied
            // three refresh intervals after the switch, so what was read less than two intervals ago is still whole.
            // Older than that, a switch this node has not seen may have retired the slot it would read: refuse.
            long unreadNanos = System.nanoTime() - loadedNanos;
            if (unreadNanos >= refresh.multipliedBy(2).toNanos()) {
                throw new StaleSlots(Duration.ofNanos(unreadNanos), unavailable);
            }
            // The next read tries again (so the refusal above comes on time); the warning once per interval.
            long now = System.nanoTime();
            if (now - warnedNanos >= refresh.toNanos()) {
                warnedNanos = now;
                log.warn("could not re-read the active read-model slots, keeping the last known: {}", unavailable.getMessage());
            }
        }
    }

    /** The active slots could not be re-read for so long that the slot this node knows may have been retired. */
    public static final class StaleSlots extends IllegalStateException {
        StaleSlots(Duration unread, RuntimeException cause) {
            super("the active read-model slots (projection_slot) could not be re-read for " + unread.toMillis()
                    + " ms: a switch not seen since may have retired the slot this node would read; not read", cause);
        }
    }

    /** The rewriting that sends every table of each read model to the given slot (slot a: no change). */
    static SlotSql renames(Map<String, Slot> slots) {
        Map<String, String> renames = new HashMap<>();
        slots.forEach((group, slot) -> {
            List<ReadModelTable> tables = ProjectionsModule.TABLES.get(group);
            if (tables == null) {
                throw new IllegalArgumentException("no read model is built by processing group " + group);
            }
            if (slot != Slot.A) {
                for (ReadModelTable table : tables) {
                    renames.put(table.name(), slot.table(table.name()));
                }
            }
        });
        return new SlotSql(renames);
    }
}
