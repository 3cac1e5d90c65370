package org.civicledger.projections.journal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.civicledger.events.journal.JournalEntry;
import org.civicledger.events.journal.JournalLine;
import org.civicledger.events.journal.TrialBalance;
import org.civicledger.projections.support.Jdbc;
import org.civicledger.projections.slots.ReadModelSlots;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Trial balances from the journal read model, with {@link TrialBalance}'s own arithmetic: the database
 * sums the lines per account, agency and currency, and those sums are fed to a {@code TrialBalance} as
 * one entry, so totals and {@link TrialBalance#isZero()} mean exactly what they mean on the command side.
 */
@Component
public class JournalQueries {

    private final JdbcTemplate jdbc;

    public JournalQueries(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Reads the active slot of each read model (a blue/green rebuild fills the other one, {@link ReadModelSlots}). */
    @Autowired
    public JournalQueries(ReadModelSlots slots) {
        this(slots.reader());
    }

    /** The summed lines as one entry: not balanced by itself in general, which a TrialBalance does not ask. */
    private record Sums(Instant bookedAt, List<JournalLine> lines) implements JournalEntry {
        @Override
        public String entryId() {
            return "sums";
        }
    }

    /**
     * The trial balance of the lines booked before {@code before}; of one agency's lines only when
     * {@code agencyCode} is given (null: every line, city-wide).
     */
    public TrialBalance trialBalance(Instant before, String agencyCode) {
        String sql = "SELECT account, agency_code, currency, SUM(debit_minor) AS debits, SUM(credit_minor) AS credits FROM journal_line "
                + "WHERE booked_at < ?" + (agencyCode == null ? "" : " AND agency_code = ?")
                + " GROUP BY account, agency_code, currency";
        Object[] arguments = agencyCode == null ? new Object[] {Jdbc.timestamp(before)} : new Object[] {Jdbc.timestamp(before), agencyCode};
        List<JournalLine> lines = new ArrayList<>();
        jdbc.query(sql, rs -> {
            String account = rs.getString("account");
            String agency = rs.getString("agency_code");
            String currency = rs.getString("currency");
            long debits = rs.getLong("debits");
            long credits = rs.getLong("credits");
            if (debits > 0) {
                lines.add(JournalLine.debit(account, agency, debits, currency));
            }
            if (credits > 0) {
                lines.add(JournalLine.credit(account, agency, credits, currency));
            }
        }, arguments);
        return TrialBalance.of(lines.isEmpty() ? List.of() : List.of(new Sums(before, lines)));
    }

    /** The highest event position the journal read model holds, or 0: how far its figures reach. */
    public long position() {
        Long position = jdbc.queryForObject("SELECT MAX(event_position) FROM journal_line", Long.class);
        return position == null ? 0 : position;
    }
}
