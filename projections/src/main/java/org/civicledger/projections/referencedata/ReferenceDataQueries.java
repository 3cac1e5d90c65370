package org.civicledger.projections.referencedata;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.civicledger.events.common.Money;
import org.civicledger.projections.referencedata.CalendarView.CalendarDay;
import org.civicledger.projections.referencedata.ReferenceDataProjection.DayKind;
import org.civicledger.projections.support.Jdbc;
import org.civicledger.projections.support.Page;
import org.civicledger.projections.support.PageRequest;
import org.civicledger.projections.slots.ReadModelSlots;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

/** Reads the reference-data read model: agencies, case types and the calendar of a year. */
@Repository
public class ReferenceDataQueries {

    /** The most revisions shown for one case type; terms change a few times a year at most. */
    public static final int REVISIONS_MAX = 200;
    /** A year has 366 days: more rows than that for one year would be an error. */
    static final int CALENDAR_DAYS_MAX = 366;

    private static final RowMapper<AgencyView> AGENCY = (rows, rowNumber) ->
            new AgencyView(rows.getString("agency_code"), rows.getString("name"), rows.getLong("last_position"));

    private static final RowMapper<CaseTypeView> CASE_TYPE = (rows, rowNumber) -> new CaseTypeView(
            rows.getString("case_type_code"),
            rows.getString("agency_code"),
            rows.getString("name"),
            kinds(rows.getString("required_documents")),
            new Money(rows.getLong("fee_minor"), rows.getString("fee_currency")),
            rows.getInt("statutory_days"),
            rows.getBoolean("issues_certificate"),
            rows.getInt("revision_no"),
            rows.getLong("last_position"),
            List.of());

    private static final RowMapper<CaseTypeRevision> REVISION = (rows, rowNumber) -> new CaseTypeRevision(
            rows.getInt("revision_no"),
            Jdbc.instant(rows, "effective_at"),
            rows.getString("name"),
            new Money(rows.getLong("fee_minor"), rows.getString("fee_currency")),
            rows.getInt("statutory_days"),
            rows.getBoolean("issues_certificate"),
            rows.getString("reason"));

    private static final String CASE_TYPE_COLUMNS =
            "case_type_code, agency_code, name, required_documents, fee_minor, fee_currency, statutory_days, issues_certificate, revision_no, "
                    + "last_position";

    private final JdbcTemplate jdbc;

    public ReferenceDataQueries(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Reads the active slot of each read model (a blue/green rebuild fills the other one, {@link ReadModelSlots}). */
    @Autowired
    public ReferenceDataQueries(ReadModelSlots slots) {
        this(slots.reader());
    }

    public Page<AgencyView> agencies(PageRequest page) {
        return Page.of(jdbc.query("SELECT agency_code, name, last_position FROM ref_agency ORDER BY agency_code LIMIT ? OFFSET ?",
                AGENCY, page.fetchSize(), page.offset()), page);
    }

    public Optional<AgencyView> agency(String agencyCode) {
        return jdbc.query("SELECT agency_code, name, last_position FROM ref_agency WHERE agency_code = ?", AGENCY, agencyCode)
                .stream().findFirst();
    }

    /** Case types, of one agency when {@code agencyCode} is given, ordered by code. */
    public Page<CaseTypeView> caseTypes(String agencyCode, PageRequest page) {
        List<CaseTypeView> fetched = agencyCode == null
                ? jdbc.query("SELECT " + CASE_TYPE_COLUMNS + " FROM ref_case_type ORDER BY case_type_code LIMIT ? OFFSET ?",
                        CASE_TYPE, page.fetchSize(), page.offset())
                : jdbc.query("SELECT " + CASE_TYPE_COLUMNS + " FROM ref_case_type WHERE agency_code = ?"
                        + " ORDER BY case_type_code LIMIT ? OFFSET ?", CASE_TYPE, agencyCode, page.fetchSize(), page.offset());
        return Page.of(fetched, page);
    }

    /** One case type with the history of its terms. */
    public Optional<CaseTypeView> caseType(String caseTypeCode) {
        Optional<CaseTypeView> found = jdbc.query("SELECT " + CASE_TYPE_COLUMNS + " FROM ref_case_type WHERE case_type_code = ?",
                CASE_TYPE, caseTypeCode).stream().findFirst();
        return found.map(caseType -> new CaseTypeView(caseType.caseTypeCode(), caseType.agencyCode(), caseType.name(),
                caseType.requiredDocuments(), caseType.fee(), caseType.statutoryProcessingDays(), caseType.issuesCertificate(),
                caseType.revisionNo(),
                caseType.lastPosition(), jdbc.query("""
                        SELECT revision_no, effective_at, name, fee_minor, fee_currency, statutory_days, issues_certificate, reason
                        FROM ref_case_type_revision WHERE case_type_code = ? ORDER BY revision_no LIMIT ?""",
                        REVISION, caseTypeCode, REVISIONS_MAX)));
    }

    /** The calendar of a year, or empty when nothing of that year is known. */
    public Optional<CalendarView> calendar(int year) {
        record YearRow(String source, boolean published) {
        }
        List<YearRow> years = jdbc.query("SELECT source FROM ref_calendar_year WHERE calendar_year = ?",
                (rows, rowNumber) -> new YearRow(rows.getString("source"), rows.getString("source") != null), year);
        if (years.isEmpty()) {
            return Optional.empty();
        }
        List<CalendarDay> holidays = new ArrayList<>();
        List<LocalDate> makeUp = new ArrayList<>();
        jdbc.query("SELECT day_on, kind, name FROM ref_holiday WHERE calendar_year = ? ORDER BY day_on LIMIT ?", rows -> {
            if (DayKind.valueOf(rows.getString("kind")) == DayKind.HOLIDAY) {
                holidays.add(new CalendarDay(Jdbc.date(rows, "day_on"), rows.getString("name")));
            } else {
                makeUp.add(Jdbc.date(rows, "day_on"));
            }
        }, year, CALENDAR_DAYS_MAX);
        YearRow row = years.get(0);
        return Optional.of(new CalendarView(year, row.published(), row.source(), holidays, makeUp));
    }

    private static List<String> kinds(String joined) {
        return joined == null || joined.isEmpty() ? List.of() : Arrays.asList(joined.split(","));
    }
}
