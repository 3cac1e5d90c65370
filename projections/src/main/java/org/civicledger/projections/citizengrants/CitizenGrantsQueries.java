package org.civicledger.projections.citizengrants;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.civicledger.events.common.Money;
import org.civicledger.events.grants.GrantStatus;
import org.civicledger.projections.citizengrants.GrantView.GrantUseView;
import org.civicledger.projections.support.Jdbc;
import org.civicledger.projections.support.Page;
import org.civicledger.projections.support.PageRequest;
import org.civicledger.projections.slots.ReadModelSlots;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Reads of the citizen-grants read model: one grant with its uses, and a citizen's grants newest first. */
@Component
public class CitizenGrantsQueries {

    /** Uses shown with a grant: the newest, enough for any page (a grant of NT$8,000 at NT$1 a use is the far extreme). */
    public static final int USES_SHOWN_MAX = 500;

    private final JdbcTemplate jdbc;

    public CitizenGrantsQueries(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Reads the active slot of each read model (a blue/green rebuild fills the other one, {@link ReadModelSlots}). */
    @Autowired
    public CitizenGrantsQueries(ReadModelSlots slots) {
        this(slots.reader());
    }

    public Optional<GrantView> grant(String grantId) {
        return jdbc.query("SELECT * FROM citizen_grant WHERE grant_id = ?", (rs, i) -> grant(rs), grantId).stream().findFirst();
    }

    public Page<GrantView> grants(String citizenSubject, PageRequest page) {
        List<GrantView> rows = jdbc.query("SELECT * FROM citizen_grant WHERE citizen_subject = ? "
                        + "ORDER BY awarded_at DESC, grant_id DESC LIMIT ? OFFSET ?",
                (rs, i) -> grant(rs), citizenSubject, page.fetchSize(), page.offset());
        return Page.of(rows, page);
    }

    private GrantView grant(ResultSet rs) throws SQLException {
        String currency = rs.getString("currency");
        String grantId = rs.getString("grant_id");
        List<GrantUseView> uses = jdbc.query("SELECT * FROM citizen_grant_use WHERE grant_id = ? ORDER BY event_position DESC LIMIT ?",
                (use, i) -> new GrantUseView(use.getString("use_id"), new Money(use.getLong("amount_minor"), currency),
                        new Money(use.getLong("balance_after_minor"), currency), use.getString("provider_code"), use.getString("channel"),
                        use.getString("purpose"), Jdbc.instant(use, "used_at")), grantId, USES_SHOWN_MAX);
        return new GrantView(grantId, rs.getString("citizen_subject"), rs.getString("agency_code"), rs.getString("program_code"),
                GrantStatus.valueOf(rs.getString("status")), new Money(rs.getLong("amount_minor"), currency),
                new Money(rs.getLong("per_use_cap_minor"), currency), new Money(rs.getLong("balance_minor"), currency),
                new Money(rs.getLong("returned_minor"), currency), rs.getInt("uses"), Jdbc.instant(rs, "awarded_at"),
                Jdbc.instant(rs, "expires_at"), Jdbc.instant(rs, "ended_at"), rs.getString("end_reason"), uses, rs.getLong("last_position"));
    }
}
