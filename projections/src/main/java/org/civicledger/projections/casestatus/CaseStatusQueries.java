package org.civicledger.projections.casestatus;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.civicledger.events.cases.CasePasswordHash;
import org.civicledger.events.cases.CaseStatus;
import org.civicledger.projections.support.Jdbc;
import org.civicledger.projections.support.Page;
import org.civicledger.projections.support.PageRequest;
import org.civicledger.projections.slots.ReadModelSlots;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

/**
 * Reads the case-status read model: one case with its steps, the open lookup by case number and
 * password, a citizen's cases, and a bounded wait for a case to catch up with a write.
 */
@Repository
public class CaseStatusQueries {

    /** The most steps one case shows; a case's lifecycle has a dozen or so, loops of supplements included. */
    public static final int STEPS_MAX = 500;
    /** The longest anyone waits for a read model to catch up with a write. */
    public static final Duration AWAIT_MAX = Duration.ofSeconds(10);
    static final Duration POLL_INTERVAL = Duration.ofMillis(25);
    public static final int CASE_NUMBER_LENGTH_MAX = 64;
    public static final int CASE_PASSWORD_LENGTH_MAX = 128;

    /**
     * Checked when a case number is unknown, so that an unknown number costs as much time as a wrong
     * password and timing does not tell which case numbers exist.
     */
    private static final String UNKNOWN_CASE_HASH = CasePasswordHash.hash("no such case", new byte[16]);

    private static final String CASE_COLUMNS = """
            case_id, case_number, case_type_code, agency_code, status, applicant_subject, statutory_days, submitted_at,
            accepted_on, deadline, paused, extended, overdue, decided_on, decision, working_days_taken,
            decided_within_deadline, appeal_window_ends_on, withdrawn_on, closed_on, last_position, updated_at""";

    /** The columns {@link #SUMMARY} reads, for queries of other classes over {@code case_status}. */
    public static final String SUMMARY_COLUMNS = """
            case_id, case_number, case_type_code, agency_code, status, submitted_at, deadline, paused, overdue,
            decided_on, last_position""";

    public static final RowMapper<CaseSummary> SUMMARY = (rows, rowNumber) -> new CaseSummary(
            rows.getString("case_id"),
            rows.getString("case_number"),
            rows.getString("case_type_code"),
            rows.getString("agency_code"),
            CaseStatus.valueOf(rows.getString("status")),
            Jdbc.instant(rows, "submitted_at"),
            Jdbc.date(rows, "deadline"),
            rows.getBoolean("paused"),
            rows.getBoolean("overdue"),
            Jdbc.date(rows, "decided_on"),
            rows.getLong("last_position"));

    private static final RowMapper<CaseStep> STEP = (rows, rowNumber) -> new CaseStep(
            rows.getLong("step_no"),
            rows.getString("step"),
            CaseStatus.valueOf(rows.getString("status")),
            Jdbc.instant(rows, "occurred_at"),
            rows.getString("detail"),
            rows.getString("actor_role"));

    private final JdbcTemplate jdbc;

    public CaseStatusQueries(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Reads the active slot of each read model (a blue/green rebuild fills the other one, {@link ReadModelSlots}). */
    @Autowired
    public CaseStatusQueries(ReadModelSlots slots) {
        this(slots.reader());
    }

    /** The case with its steps, or empty when the read model does not (yet) know it. */
    public Optional<CaseStatusView> byId(String caseId) {
        List<CaseStatusView> found = jdbc.query("SELECT " + CASE_COLUMNS + " FROM case_status WHERE case_id = ?",
                (rows, rowNumber) -> view(rows, List.of()), caseId);
        // Steps are read after the row, not inside its row mapper, so that one connection serves both.
        return found.stream().findFirst().map(row -> row.withSteps(steps(caseId)));
    }

    /**
     * The status, deadline and steps of the case with this number, when the password is its password.
     *
     * <p>Empty for an unknown number and for a wrong password alike, so that a caller learns nothing
     * about which case numbers exist.
     */
    public Optional<CaseStatusLookup> byCaseNumberAndPassword(String caseNumber, String casePassword) {
        if (caseNumber == null || casePassword == null
                || caseNumber.length() > CASE_NUMBER_LENGTH_MAX || casePassword.length() > CASE_PASSWORD_LENGTH_MAX) {
            return Optional.empty();
        }
        record Row(String caseId, String hash, CaseStatus status, LocalDate deadline, boolean paused, boolean overdue) {
        }
        List<Row> found = jdbc.query("""
                SELECT case_id, case_password_hash, status, deadline, paused, overdue
                FROM case_status WHERE case_number = ?""",
                (rows, rowNumber) -> new Row(rows.getString("case_id"), rows.getString("case_password_hash"),
                        CaseStatus.valueOf(rows.getString("status")), Jdbc.date(rows, "deadline"),
                        rows.getBoolean("paused"), rows.getBoolean("overdue")),
                caseNumber);
        if (found.isEmpty() || found.get(0).hash() == null) {
            CasePasswordHash.matches(casePassword, UNKNOWN_CASE_HASH);
            return Optional.empty();
        }
        Row row = found.get(0);
        if (!CasePasswordHash.matches(casePassword, row.hash())) {
            return Optional.empty();
        }
        return Optional.of(new CaseStatusLookup(row.status(), row.deadline(), row.paused(), row.overdue(), steps(row.caseId())));
    }

    /** The cases of one citizen account, newest first. */
    public Page<CaseSummary> byCitizen(String citizenSubject, PageRequest page) {
        List<CaseSummary> fetched = jdbc.query("SELECT " + SUMMARY_COLUMNS + " FROM case_status WHERE applicant_subject = ?"
                        + " ORDER BY submitted_at DESC, case_id LIMIT ? OFFSET ?",
                SUMMARY, citizenSubject, page.fetchSize(), page.offset());
        return Page.of(fetched, page);
    }

    /**
     * Waits, at most {@code timeout} (capped at {@link #AWAIT_MAX}), until the case has applied the event
     * at {@code minPosition} or a later one, and returns the case as it then is.
     *
     * <p>Polls the row's position only; the whole case is read once, at the end. When time runs out the
     * answer says so ({@link Awaited#caughtUp()} false) and carries whatever the read model has.
     */
    public Awaited awaitCase(String caseId, long minPosition, Duration timeout) {
        Duration bounded = timeout == null || timeout.isNegative() ? Duration.ZERO
                : timeout.compareTo(AWAIT_MAX) > 0 ? AWAIT_MAX : timeout;
        long giveUpAt = System.nanoTime() + bounded.toNanos();
        while (true) {
            Long position = jdbc.query("SELECT last_position FROM case_status WHERE case_id = ?",
                    rows -> rows.next() ? rows.getLong(1) : null, caseId);
            if (position != null && position >= minPosition) {
                return new Awaited(byId(caseId).orElse(null), true);
            }
            long remaining = giveUpAt - System.nanoTime();
            if (remaining <= 0) {
                return new Awaited(byId(caseId).orElse(null), false);
            }
            try {
                Thread.sleep(Math.max(1, Math.min(POLL_INTERVAL.toMillis(), remaining / 1_000_000)));
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                return new Awaited(byId(caseId).orElse(null), false);
            }
        }
    }

    /**
     * A case after a bounded wait: {@code caseStatus} is null when the read model does not know the
     * case; {@code caughtUp} tells whether it reached the position waited for.
     */
    public record Awaited(CaseStatusView caseStatus, boolean caughtUp) {

        public Optional<CaseStatusView> found() {
            return Optional.ofNullable(caseStatus);
        }
    }

    private List<CaseStep> steps(String caseId) {
        return jdbc.query("""
                SELECT step_no, step, status, occurred_at, detail, actor_role
                FROM case_step WHERE case_id = ? ORDER BY step_no LIMIT ?""", STEP, caseId, STEPS_MAX);
    }

    private static CaseStatusView view(ResultSet rows, List<CaseStep> steps) throws SQLException {
        String decision = rows.getString("decision");
        return new CaseStatusView(
                rows.getString("case_id"),
                rows.getString("case_number"),
                rows.getString("case_type_code"),
                rows.getString("agency_code"),
                CaseStatus.valueOf(rows.getString("status")),
                rows.getString("applicant_subject"),
                rows.getInt("statutory_days"),
                Jdbc.instant(rows, "submitted_at"),
                Jdbc.date(rows, "accepted_on"),
                Jdbc.date(rows, "deadline"),
                rows.getBoolean("paused"),
                rows.getBoolean("extended"),
                rows.getBoolean("overdue"),
                Jdbc.date(rows, "decided_on"),
                decision == null ? null : CaseStatus.valueOf(decision),
                Jdbc.integer(rows, "working_days_taken"),
                Jdbc.bool(rows, "decided_within_deadline"),
                Jdbc.date(rows, "appeal_window_ends_on"),
                Jdbc.date(rows, "withdrawn_on"),
                Jdbc.date(rows, "closed_on"),
                rows.getLong("last_position"),
                Jdbc.instant(rows, "updated_at"),
                steps);
    }
}
