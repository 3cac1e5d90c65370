package org.civicledger.projections.citizenhistory;

import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.civicledger.projections.support.BatchedStatement;
import org.civicledger.projections.support.Jdbc;
import org.civicledger.projections.support.ProcessorBatch;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What the citizen-history handlers of one processor batch read and write: which citizens the batch's cases and
 * other items concern (read ahead with one query per table), and the rows they add, written as JDBC batches when the
 * batch commits. Shared by every handler class of the read model, so one batch writes once.
 */
final class TimelineBatch {

    private static final String KEY = TimelineBatch.class.getName();
    private static final int IDS_PER_QUERY = 500;

    /** What an entry is about: its category, the item's id, and the case it belongs to (null if none). */
    record Item(String category, String id, String caseId) {
    }

    private record Pending(String itemId, long position, Instant occurredAt, String kind, String category, String summary) {
    }

    private final JdbcTemplate jdbc;
    private final Map<String, String> caseSubjects = new HashMap<>();
    private final Set<String> casesLooked = new HashSet<>();
    private final Map<String, Set<String>> parties = new HashMap<>();
    private final Set<String> partiesLooked = new HashSet<>();
    private final Set<String> entries = new HashSet<>();
    private final Map<String, List<Pending>> pending = new LinkedHashMap<>();
    private final List<String> pendingMoved = new ArrayList<>();
    private final BatchedStatement caseRows = new BatchedStatement(
            "INSERT INTO citizen_case (case_id, citizen_subject, last_position) VALUES (?, ?, ?)",
            Types.VARCHAR, Types.VARCHAR, Types.BIGINT);
    private final BatchedStatement partyRows = new BatchedStatement(
            "INSERT INTO citizen_party (item_id, citizen_subject) VALUES (?, ?)", Types.VARCHAR, Types.VARCHAR);
    private final BatchedStatement timelineRows = new BatchedStatement("""
            INSERT INTO citizen_timeline (citizen_subject, position, occurred_at, kind, case_id, summary, category, item_id)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)""",
            Types.VARCHAR, Types.BIGINT, Types.TIMESTAMP_WITH_TIMEZONE, Types.VARCHAR, Types.VARCHAR, Types.VARCHAR, Types.VARCHAR,
            Types.VARCHAR);

    private TimelineBatch(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Runs {@code work} on the current processor batch's state (one event's, outside a batch). */
    static void with(JdbcTemplate jdbc, Consumer<TimelineBatch> work) {
        ProcessorBatch.with(KEY, () -> new TimelineBatch(jdbc), TimelineBatch::write, work);
    }

    /** The citizen a case concerns, or null for a case applied for without an account. */
    String caseSubject(String caseId) {
        if (!casesLooked.contains(caseId)) {
            readAhead(caseId, casesLooked, "SELECT case_id, citizen_subject FROM citizen_case WHERE case_id IN ",
                    (id, subject) -> caseSubjects.putIfAbsent(id, subject));
        }
        return caseSubjects.get(caseId);
    }

    /** Records the citizen of a newly submitted case, unless the case is known (a redelivery). */
    void addCase(String caseId, String subject, long position) {
        if (caseSubject(caseId) == null) {
            caseSubjects.put(caseId, subject);
            caseRows.add(caseId, subject, position);
        }
    }

    /** The citizens a bill, payment, grant, receipt or document concerns, in the order they became known. */
    Set<String> parties(String itemId) {
        if (!partiesLooked.contains(itemId)) {
            readAhead(itemId, partiesLooked, "SELECT item_id, citizen_subject FROM citizen_party WHERE item_id IN ",
                    (id, subject) -> parties.computeIfAbsent(id, ignored -> new LinkedHashSet<>()).add(subject));
        }
        return parties.getOrDefault(itemId, Set.of());
    }

    /** Records that an item concerns a citizen; nothing if it is known already. */
    void addParty(String itemId, String subject) {
        if (subject == null || subject.isBlank() || parties(itemId).contains(subject)) {
            return;
        }
        parties.computeIfAbsent(itemId, ignored -> new LinkedHashSet<>()).add(subject);
        partyRows.add(itemId, subject);
    }

    /**
     * Adds an entry to a citizen's timeline, once: an entry is keyed by citizen and position, so a redelivered event
     * finds its entry and adds nothing. A replay starts from emptied tables and commits each batch with its token, so
     * it skips the look-up.
     */
    void entry(boolean replay, String subject, long position, Instant occurredAt, String kind, Item item, String summary) {
        if (!entries.add(subject + "\n" + position)) {
            return;
        }
        if (!replay) {
            Integer known = jdbc.queryForObject("SELECT COUNT(*) FROM citizen_timeline WHERE citizen_subject = ? AND position = ?",
                    Integer.class, subject, position);
            if (known != null && known > 0) {
                return;
            }
        }
        timelineRows.add(subject, position, Jdbc.timestamp(occurredAt), kind, item.caseId(), bounded(summary), item.category(), item.id());
    }

    /** Keeps an entry of an item no citizen account has yet (a receipt of someone not enrolled), for {@link #attribute}. */
    void pend(boolean replay, long position, Instant occurredAt, String kind, Item item, String summary) {
        List<Pending> waiting = pending.computeIfAbsent(item.id(), ignored -> new ArrayList<>());
        if (waiting.stream().anyMatch(entry -> entry.position() == position)) {
            return;
        }
        if (!replay) {
            Integer known = jdbc.queryForObject("SELECT COUNT(*) FROM citizen_pending_entry WHERE item_id = ? AND position = ?",
                    Integer.class, item.id(), position);
            if (known != null && known > 0) {
                return;
            }
        }
        waiting.add(new Pending(item.id(), position, occurredAt, kind, item.category(), bounded(summary)));
    }

    /**
     * The item now concerns {@code subject}: the entries that waited for an account move into the citizen's timeline at
     * their own positions, so the timeline reads as if the account had been there from the start.
     */
    void attribute(boolean replay, String itemId, String subject) {
        addParty(itemId, subject);
        List<Pending> moving = new ArrayList<>(pending.getOrDefault(itemId, List.of()));
        pending.remove(itemId);
        jdbc.query("SELECT position, occurred_at, kind, category, summary FROM citizen_pending_entry WHERE item_id = ?",
                rows -> {
                    moving.add(new Pending(itemId, rows.getLong(1), Jdbc.instant(rows, "occurred_at"), rows.getString(3),
                            rows.getString(4), rows.getString(5)));
                }, itemId);
        for (Pending entry : moving) {
            entry(replay, subject, entry.position(), entry.occurredAt(), entry.kind(), new Item(entry.category(), itemId, null),
                    entry.summary());
        }
        pendingMoved.add(itemId);
    }

    private void write() {
        caseRows.execute(jdbc);
        partyRows.execute(jdbc);
        timelineRows.execute(jdbc);
        BatchedStatement pendingRows = new BatchedStatement("""
                INSERT INTO citizen_pending_entry (item_id, position, occurred_at, kind, category, summary)
                VALUES (?, ?, ?, ?, ?, ?)""",
                Types.VARCHAR, Types.BIGINT, Types.TIMESTAMP_WITH_TIMEZONE, Types.VARCHAR, Types.VARCHAR, Types.VARCHAR);
        pending.values().stream().flatMap(List::stream).forEach(entry -> pendingRows.add(entry.itemId(), entry.position(),
                Jdbc.timestamp(entry.occurredAt()), entry.kind(), entry.category(), entry.summary()));
        pendingRows.execute(jdbc);
        BatchedStatement moved = new BatchedStatement("DELETE FROM citizen_pending_entry WHERE item_id = ?", Types.VARCHAR);
        pendingMoved.forEach(moved::add);
        moved.execute(jdbc);
    }

    /** Reads the rows of the batch's aggregates not looked up yet, {@value #IDS_PER_QUERY} ids per query. */
    private void readAhead(String id, Set<String> looked, String selectIn, BiConsumer<String, String> found) {
        List<String> ids = ProcessorBatch.aggregateIdentifiers(id).stream().filter(each -> !looked.contains(each)).toList();
        for (int from = 0; from < ids.size(); from += IDS_PER_QUERY) {
            List<String> chunk = ids.subList(from, Math.min(ids.size(), from + IDS_PER_QUERY));
            jdbc.query(selectIn + "(" + String.join(",", Collections.nCopies(chunk.size(), "?")) + ")",
                    rows -> {
                        found.accept(rows.getString(1), rows.getString(2));
                    }, chunk.toArray());
        }
        looked.addAll(ids);
    }

    private static String bounded(String summary) {
        int max = CitizenHistoryProjection.SUMMARY_LENGTH_MAX;
        return summary.length() <= max ? summary : summary.substring(0, max - 3) + "...";
    }
}
