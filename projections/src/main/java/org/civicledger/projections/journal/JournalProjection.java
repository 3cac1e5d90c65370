package org.civicledger.projections.journal;

import java.util.List;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.TrackingToken;
import org.civicledger.events.grants.GrantEvent.GrantJournalEntryRecorded;
import org.civicledger.events.journal.JournalEntry;
import org.civicledger.events.journal.JournalLine;
import org.civicledger.events.payments.PaymentEvent.JournalEntryRecorded;
import org.civicledger.events.settlements.SettlementEvent.SettlementJournalEntryRecorded;
import org.civicledger.projections.support.EventPositions;
import org.civicledger.projections.support.Jdbc;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The journal read model: one row per line of each {@link JournalEntryRecorded} of a payment and each
 * {@link GrantJournalEntryRecorded} of a grant ({@code journal_line}, whose {@code payment_id} column holds the id
 * of the stream the entry was booked on: a payment's or a grant's),
 * from which {@link JournalQueries} draws trial balances as of a date, city-wide or for one agency.
 *
 * <p>Runs in the processing group {@value #PROCESSING_GROUP}. An entry is written whole or not at all (its
 * lines in the processor's transaction), and an entry already held is skipped, so a redelivered event
 * changes nothing: a line counted twice would unbalance nothing but would double an account.
 */
@Component
@ProcessingGroup(JournalProjection.PROCESSING_GROUP)
public class JournalProjection {

    public static final String PROCESSING_GROUP = "journal";

    private final JdbcTemplate jdbc;

    public JournalProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    public void on(JournalEntryRecorded entry, EventMessage<?> message, TrackingToken token) {
        record(entry, entry.paymentId(), entry.cause(), message, token);
    }

    @EventHandler
    public void on(GrantJournalEntryRecorded entry, EventMessage<?> message, TrackingToken token) {
        record(entry, entry.grantId(), entry.cause(), message, token);
    }

    /** A settlement's entries join the same journal; their stream (the settlement) goes in the payment_id column. */
    @EventHandler
    public void on(SettlementJournalEntryRecorded entry, EventMessage<?> message, TrackingToken token) {
        record(entry, entry.settlementId(), entry.cause(), message, token);
    }

    private void record(JournalEntry entry, String streamId, String cause, EventMessage<?> message, TrackingToken token) {
        Integer held = jdbc.queryForObject("SELECT COUNT(*) FROM journal_line WHERE entry_id = ?", Integer.class, entry.entryId());
        if (held != null && held > 0) {
            return;
        }
        long position = EventPositions.globalIndexOf(jdbc, message, token);
        List<JournalLine> lines = entry.lines();
        for (int i = 0; i < lines.size(); i++) {
            JournalLine line = lines.get(i);
            jdbc.update("""
                    INSERT INTO journal_line (entry_id, line_number, payment_id, cause, booked_at, account, agency_code, debit_minor,
                        credit_minor, currency, event_position) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                    entry.entryId(), i, streamId, cause, Jdbc.timestamp(entry.bookedAt()), line.account(),
                    line.agencyCode(), line.debitMinor(), line.creditMinor(), line.currency(), position);
        }
    }

    @ResetHandler
    public void reset() {
        jdbc.update("DELETE FROM journal_line");
    }
}
