package org.civicledger.projections.referencedata;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventhandling.TrackingToken;
import org.civicledger.events.common.Money;
import org.civicledger.events.reference.AgencyEvent.AgencyRegistered;
import org.civicledger.events.reference.AgencyEvent.AgencyRenamed;
import org.civicledger.events.reference.CalendarEvents.CalendarYearPublished;
import org.civicledger.events.reference.CalendarEvents.Holiday;
import org.civicledger.events.reference.CalendarEvents.HolidayDeclared;
import org.civicledger.events.reference.CaseTypeEvent.CaseTypeRegistered;
import org.civicledger.events.reference.CaseTypeEvent.CaseTypeRevised;
import org.civicledger.projections.support.EventPositions;
import org.civicledger.projections.support.Jdbc;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The reference-data read model: agencies ({@code ref_agency}), case types with every set of terms they
 * have had ({@code ref_case_type}, {@code ref_case_type_revision}) and the business calendar
 * ({@code ref_calendar_year}, {@code ref_holiday}), as the API lists them.
 *
 * <p>Runs in the pooled streaming processor {@value #PROCESSING_GROUP}. Rows change only for events past
 * their {@code last_position}, so a re-delivered event changes nothing; an event about an agency or case
 * type this read model does not know is raised as an error, to be dead-lettered where it is seen.
 */
@Component
@ProcessingGroup(ReferenceDataProjection.PROCESSING_GROUP)
public class ReferenceDataProjection {

    public static final String PROCESSING_GROUP = "reference-data";

    /** Kinds of calendar day kept in {@code ref_holiday}. */
    public enum DayKind {
        /** The offices are closed. */
        HOLIDAY,
        /** A Saturday worked to make up for a bridge holiday. */
        MAKE_UP_WORKDAY
    }

    private final JdbcTemplate jdbc;

    public ReferenceDataProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    public void on(AgencyRegistered event, EventMessage<?> message, TrackingToken token, @Timestamp Instant recordedAt) {
        long position = EventPositions.globalIndexOf(jdbc, message, token);
        if (lastPosition("ref_agency", "agency_code", event.agencyCode()) == null) {
            jdbc.update("INSERT INTO ref_agency (agency_code, name, registered_at, last_position, updated_at) VALUES (?, ?, ?, ?, ?)",
                    event.agencyCode(), event.name(), Jdbc.timestamp(recordedAt), position, Jdbc.timestamp(recordedAt));
        }
    }

    @EventHandler
    public void on(AgencyRenamed event, EventMessage<?> message, TrackingToken token, @Timestamp Instant recordedAt) {
        long position = EventPositions.globalIndexOf(jdbc, message, token);
        Long last = requireKnown("ref_agency", "agency_code", event.agencyCode(), "agency");
        if (last < position) {
            jdbc.update("UPDATE ref_agency SET name = ?, last_position = ?, updated_at = ? WHERE agency_code = ?",
                    event.name(), position, Jdbc.timestamp(recordedAt), event.agencyCode());
        }
    }

    @EventHandler
    public void on(CaseTypeRegistered event, EventMessage<?> message, TrackingToken token, @Timestamp Instant recordedAt) {
        long position = EventPositions.globalIndexOf(jdbc, message, token);
        if (lastPosition("ref_case_type", "case_type_code", event.caseTypeCode()) != null) {
            return;
        }
        Money fee = event.fee();
        jdbc.update("""
                INSERT INTO ref_case_type (case_type_code, agency_code, name, required_documents, fee_minor, fee_currency,
                    statutory_days, issues_certificate, revision_no, last_position, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?)""",
                event.caseTypeCode(), event.agencyCode(), event.name(), documents(event.requiredDocuments()),
                fee.amountMinor(), fee.currency(), event.statutoryProcessingDays(), event.issuesCertificate(), position,
                Jdbc.timestamp(recordedAt));
        revision(event.caseTypeCode(), 1, recordedAt, event.name(), fee, event.statutoryProcessingDays(), event.issuesCertificate(),
                null, position);
    }

    @EventHandler
    public void on(CaseTypeRevised event, EventMessage<?> message, TrackingToken token, @Timestamp Instant recordedAt) {
        long position = EventPositions.globalIndexOf(jdbc, message, token);
        Long last = requireKnown("ref_case_type", "case_type_code", event.caseTypeCode(), "case type");
        if (last >= position) {
            return;
        }
        Integer revisionNo = jdbc.queryForObject("SELECT revision_no FROM ref_case_type WHERE case_type_code = ?",
                Integer.class, event.caseTypeCode());
        int next = revisionNo + 1;
        Money fee = event.fee();
        jdbc.update("""
                UPDATE ref_case_type SET name = ?, required_documents = ?, fee_minor = ?, fee_currency = ?, statutory_days = ?,
                    issues_certificate = ?, revision_no = ?, last_position = ?, updated_at = ?
                WHERE case_type_code = ?""",
                event.name(), documents(event.requiredDocuments()), fee.amountMinor(), fee.currency(),
                event.statutoryProcessingDays(), event.issuesCertificate(), next, position, Jdbc.timestamp(recordedAt),
                event.caseTypeCode());
        revision(event.caseTypeCode(), next, recordedAt, event.name(), fee, event.statutoryProcessingDays(), event.issuesCertificate(),
                event.reason(), position);
    }

    @EventHandler
    public void on(CalendarYearPublished event, EventMessage<?> message, TrackingToken token) {
        long position = EventPositions.globalIndexOf(jdbc, message, token);
        Long last = lastPosition("ref_calendar_year", "calendar_year", event.year());
        if (last != null && last >= position) {
            return;
        }
        // Publication states the whole year: whatever an earlier delivery left of it is replaced.
        jdbc.update("DELETE FROM ref_holiday WHERE calendar_year = ?", event.year());
        List<LocalDate> makeUp = event.makeUpWorkdays() == null ? List.of() : event.makeUpWorkdays();
        for (LocalDate day : makeUp) {
            day(event.year(), day, DayKind.MAKE_UP_WORKDAY, null, position);
        }
        List<Holiday> holidays = event.holidays() == null ? List.of() : event.holidays();
        for (Holiday holiday : holidays) {
            day(event.year(), holiday.date(), DayKind.HOLIDAY, holiday.name(), position);
        }
        year(event.year(), event.source(), position, last != null);
    }

    @EventHandler
    public void on(HolidayDeclared event, EventMessage<?> message, TrackingToken token) {
        long position = EventPositions.globalIndexOf(jdbc, message, token);
        Long last = lastPosition("ref_holiday", "day_on", event.date());
        if (last != null && last >= position) {
            return;
        }
        day(event.year(), event.date(), DayKind.HOLIDAY, event.name(), position);
        Long yearLast = lastPosition("ref_calendar_year", "calendar_year", event.year());
        if (yearLast == null || yearLast < position) {
            jdbc.update(yearLast == null
                    ? "INSERT INTO ref_calendar_year (last_position, calendar_year) VALUES (?, ?)"
                    : "UPDATE ref_calendar_year SET last_position = ? WHERE calendar_year = ?", position, event.year());
        }
    }

    /** A replay starts from nothing: the reference data is rebuilt from the first event on. */
    @ResetHandler
    public void reset() {
        jdbc.update("DELETE FROM ref_holiday");
        jdbc.update("DELETE FROM ref_calendar_year");
        jdbc.update("DELETE FROM ref_case_type_revision");
        jdbc.update("DELETE FROM ref_case_type");
        jdbc.update("DELETE FROM ref_agency");
    }

    private void day(int year, LocalDate day, DayKind kind, String name, long position) {
        jdbc.update("DELETE FROM ref_holiday WHERE day_on = ?", day);
        jdbc.update("INSERT INTO ref_holiday (day_on, calendar_year, kind, name, last_position) VALUES (?, ?, ?, ?, ?)",
                day, year, kind.name(), name, position);
    }

    private void year(int year, String source, long position, boolean exists) {
        if (exists) {
            jdbc.update("UPDATE ref_calendar_year SET source = ?, last_position = ? WHERE calendar_year = ?", source, position, year);
        } else {
            jdbc.update("INSERT INTO ref_calendar_year (calendar_year, source, last_position) VALUES (?, ?, ?)", year, source, position);
        }
    }

    private void revision(String caseTypeCode, int revisionNo, Instant effectiveAt, String name, Money fee, int statutoryDays,
                          boolean issuesCertificate, String reason, long position) {
        Integer known = jdbc.queryForObject("SELECT COUNT(*) FROM ref_case_type_revision WHERE case_type_code = ? AND revision_no = ?",
                Integer.class, caseTypeCode, revisionNo);
        if (known != null && known > 0) {
            return;
        }
        jdbc.update("""
                INSERT INTO ref_case_type_revision (case_type_code, revision_no, effective_at, name, fee_minor, fee_currency,
                    statutory_days, issues_certificate, reason, position)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                caseTypeCode, revisionNo, Jdbc.timestamp(effectiveAt), name, fee.amountMinor(), fee.currency(), statutoryDays,
                issuesCertificate, reason, position);
    }

    private Long lastPosition(String table, String keyColumn, Object key) {
        return jdbc.query("SELECT last_position FROM " + table + " WHERE " + keyColumn + " = ?",
                rows -> rows.next() ? rows.getLong(1) : null, key);
    }

    private Long requireKnown(String table, String keyColumn, String key, String what) {
        Long last = lastPosition(table, keyColumn, key);
        if (last == null) {
            throw new IllegalStateException(what + " " + key + " is not registered in read model " + PROCESSING_GROUP);
        }
        return last;
    }

    /** Document kinds are codes (no commas), so a comma-separated list keeps them and their order. */
    static String documents(List<String> kinds) {
        return kinds == null ? "" : String.join(",", kinds);
    }
}
