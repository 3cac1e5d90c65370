package org.civicledger.command.reference;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.civicledger.events.reference.AgencyEvent.AgencyRegistered;
import org.civicledger.events.reference.AgencyEvent.AgencyRenamed;
import org.civicledger.events.reference.CalendarEvents.CalendarYearPublished;
import org.civicledger.events.reference.CalendarEvents.HolidayDeclared;
import org.civicledger.events.reference.CaseTypeEvent.CaseTypeRegistered;
import org.civicledger.events.reference.CaseTypeEvent.CaseTypeRevised;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Keeps the command side's reference tables in step with reference events.
 *
 * <p>Runs in a subscribing processor ({@value #PROCESSING_GROUP}): the rows change in the same
 * transaction that appends the events, so the next command on any node sees them. Upserts keep it
 * correct when the group is replayed to rebuild the tables.
 */
@Component
@ProcessingGroup(ReferenceCatalogUpdater.PROCESSING_GROUP)
public class ReferenceCatalogUpdater {

    public static final String PROCESSING_GROUP = "command-reference-catalog";

    private final JdbcTemplate jdbc;
    private final JdbcBusinessCalendar calendar;
    private final JdbcReferenceCatalog catalog;

    public ReferenceCatalogUpdater(JdbcTemplate jdbc, JdbcBusinessCalendar calendar, JdbcReferenceCatalog catalog) {
        this.jdbc = jdbc;
        this.calendar = calendar;
        this.catalog = catalog;
    }

    @EventHandler
    void on(AgencyRegistered event) {
        if (jdbc.update("UPDATE cmd_agency SET name = ? WHERE agency_code = ?", event.name(), event.agencyCode()) == 0) {
            jdbc.update("INSERT INTO cmd_agency (agency_code, name) VALUES (?, ?)", event.agencyCode(), event.name());
        }
    }

    @EventHandler
    void on(AgencyRenamed event) {
        jdbc.update("UPDATE cmd_agency SET name = ? WHERE agency_code = ?", event.name(), event.agencyCode());
    }

    @EventHandler
    void on(CaseTypeRegistered event) {
        jdbc.update("DELETE FROM cmd_case_type WHERE case_type_code = ?", event.caseTypeCode());
        jdbc.update("INSERT INTO cmd_case_type (case_type_code, agency_code, name, required_documents, fee_minor, fee_currency, "
                        + "statutory_days, issues_certificate) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                event.caseTypeCode(), event.agencyCode(), event.name(), JdbcReferenceCatalog.joinDocuments(event.requiredDocuments()),
                event.fee().amountMinor(), event.fee().currency(), event.statutoryProcessingDays(), event.issuesCertificate());
        catalog.caseTypeChanged(event.caseTypeCode());
    }

    @EventHandler
    void on(CaseTypeRevised event) {
        jdbc.update("UPDATE cmd_case_type SET name = ?, required_documents = ?, fee_minor = ?, fee_currency = ?, statutory_days = ?, "
                        + "issues_certificate = ? WHERE case_type_code = ?",
                event.name(), JdbcReferenceCatalog.joinDocuments(event.requiredDocuments()), event.fee().amountMinor(),
                event.fee().currency(), event.statutoryProcessingDays(), event.issuesCertificate(), event.caseTypeCode());
        catalog.caseTypeChanged(event.caseTypeCode());
    }

    @EventHandler
    void on(CalendarYearPublished event) {
        jdbc.update("DELETE FROM cmd_calendar_year WHERE calendar_year = ?", event.year());
        jdbc.update("INSERT INTO cmd_calendar_year (calendar_year) VALUES (?)", event.year());
        event.holidays().forEach(holiday -> putDay(holiday.date(), false, holiday.name()));
        event.makeUpWorkdays().forEach(date -> putDay(date, true, "make-up working day"));
        calendar.invalidate();
    }

    @EventHandler
    void on(HolidayDeclared event) {
        putDay(event.date(), false, event.name());
        calendar.invalidate();
    }

    @ResetHandler
    void reset() {
        jdbc.update("DELETE FROM cmd_agency");
        jdbc.update("DELETE FROM cmd_case_type");
        jdbc.update("DELETE FROM cmd_calendar_day");
        jdbc.update("DELETE FROM cmd_calendar_year");
        calendar.invalidate();
        catalog.invalidateAll();
    }

    private void putDay(java.time.LocalDate date, boolean working, String name) {
        jdbc.update("DELETE FROM cmd_calendar_day WHERE calendar_date = ?", date);
        jdbc.update("INSERT INTO cmd_calendar_day (calendar_date, working, name) VALUES (?, ?, ?)", date, working, name);
    }
}
