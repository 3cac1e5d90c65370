package org.civicledger.ops.verify;

import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.civicledger.projections.integrity.StoredEvent;

/**
 * Where the verifier reads a log from: the database (read-only JDBC) or an export archive. Both give the same
 * things, none of them trusted: the event rows as stored, in global-index order, streamed; the server's own chain
 * and leaf rows (hints used only to say precisely where a difference is); the checkpoint notes; and the global
 * indexes the server recorded as late commits.
 */
public interface LogSource extends AutoCloseable {

    /** One stored event and the {@code event_chain} row at its global index (null fields when there is none). */
    record EventRow(StoredEvent event, String chainAggregate, Long chainSequence, byte[] chainHash) {
    }

    /** One {@code merkle_leaf} row and the {@code event_chain} row at its global index (to name a vanished event). */
    record LeafRow(long leafIndex, long globalIndex, byte[] leafHash, String chainAggregate, Long chainSequence) {
    }

    /** A stream that holds a cursor or a file open. */
    interface Cursor<T> extends Iterator<T>, AutoCloseable {
        @Override
        void close();
    }

    String description();

    /** How many event rows {@link #events()} will give (for progress and ETA). */
    long eventCount();

    Cursor<EventRow> events();

    Cursor<LeafRow> leaves();

    /** The leaf with the chain row of its global index filled in, to name an event that is gone (looked up only then). */
    default LeafRow named(LeafRow leaf) {
        return leaf;
    }

    /** Every checkpoint note the source holds, in any order. */
    List<String> checkpointNotes();

    Set<Long> recordedLateEvents();

    /** Problems with the source itself (a damaged archive), found while reading; empty for a database. */
    default List<Finding> sourceFindings() {
        return List.of();
    }

    @Override
    void close();
}
