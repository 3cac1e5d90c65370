package org.civicledger.projections.citizenhistory;

import java.util.List;
import org.civicledger.projections.support.Jdbc;
import org.civicledger.projections.support.Page;
import org.civicledger.projections.support.PageRequest;
import org.civicledger.projections.slots.ReadModelSlots;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

/** Reads the citizen-history read model: a citizen's timeline, newest first, one page at a time. */
@Repository
public class CitizenHistoryQueries {

    private static final RowMapper<TimelineEntry> ENTRY = (rows, rowNumber) -> new TimelineEntry(
            rows.getLong("position"),
            Jdbc.instant(rows, "occurred_at"),
            rows.getString("kind"),
            rows.getString("case_id"),
            rows.getString("category"),
            rows.getString("item_id"),
            rows.getString("summary"));

    private final JdbcTemplate jdbc;

    public CitizenHistoryQueries(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Reads the active slot of each read model (a blue/green rebuild fills the other one, {@link ReadModelSlots}). */
    @Autowired
    public CitizenHistoryQueries(ReadModelSlots slots) {
        this(slots.reader());
    }

    /** What a timeline entry can be about. */
    public static final List<String> CATEGORIES = List.of("case", "bill", "payment", "grant", "receipt", "document");

    public Page<TimelineEntry> timeline(String citizenSubject, PageRequest page) {
        return timeline(citizenSubject, null, page);
    }

    /**
     * The citizen's timeline, newest first; only entries about {@code category} (one of {@link #CATEGORIES}, checked by
     * the API that asks) unless it is null.
     */
    public Page<TimelineEntry> timeline(String citizenSubject, String category, PageRequest page) {
        List<TimelineEntry> fetched = category == null
                ? jdbc.query("""
                        SELECT position, occurred_at, kind, case_id, category, item_id, summary FROM citizen_timeline
                        WHERE citizen_subject = ? ORDER BY position DESC LIMIT ? OFFSET ?""",
                        ENTRY, citizenSubject, page.fetchSize(), page.offset())
                : jdbc.query("""
                        SELECT position, occurred_at, kind, case_id, category, item_id, summary FROM citizen_timeline
                        WHERE citizen_subject = ? AND category = ? ORDER BY position DESC LIMIT ? OFFSET ?""",
                        ENTRY, citizenSubject, category, page.fetchSize(), page.offset());
        return Page.of(fetched, page);
    }
}
