package org.civicledger.events.reference;

import java.time.LocalDate;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.civicledger.events.common.Actor;
import org.civicledger.events.common.LedgerCommand;
import org.civicledger.events.common.Money;

/** Commands that change reference data: agencies, case types and the business calendar. */
public final class ReferenceCommands {

    private ReferenceCommands() {
    }

    public record RegisterAgency(
            @TargetAggregateIdentifier String agencyCode, String name, String commandId, Actor actor)
            implements LedgerCommand {
    }

    public record RenameAgency(
            @TargetAggregateIdentifier String agencyCode, String name, String reason, String commandId, Actor actor)
            implements LedgerCommand {
    }

    /** Registers a case type; {@code issuesCertificate} says whether an approved case of it yields a signed certificate. */
    public record RegisterCaseType(
            @TargetAggregateIdentifier String caseTypeCode,
            String agencyCode,
            String name,
            List<String> requiredDocuments,
            Money fee,
            int statutoryProcessingDays,
            boolean issuesCertificate,
            String commandId,
            Actor actor) implements LedgerCommand {
    }

    /**
     * Changes the terms of a case type from now on; cases already submitted keep their terms. A null
     * {@code issuesCertificate} keeps whether the type issues a certificate as it is.
     */
    public record ReviseCaseType(
            @TargetAggregateIdentifier String caseTypeCode,
            String name,
            List<String> requiredDocuments,
            Money fee,
            int statutoryProcessingDays,
            Boolean issuesCertificate,
            String reason,
            String commandId,
            Actor actor) implements LedgerCommand {
    }

    public record PublishCalendarYear(
            @TargetAggregateIdentifier int year,
            List<CalendarEvents.Holiday> holidays,
            List<LocalDate> makeUpWorkdays,
            String source,
            String commandId,
            Actor actor) implements LedgerCommand {
    }

    /** An unplanned day off, such as a typhoon day, declared after the year was published. */
    public record DeclareHoliday(
            @TargetAggregateIdentifier int year, LocalDate date, String name, String reason, String commandId, Actor actor)
            implements LedgerCommand {
    }
}
