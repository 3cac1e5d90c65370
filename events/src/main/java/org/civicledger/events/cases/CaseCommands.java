package org.civicledger.events.cases;

import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.civicledger.events.common.Actor;
import org.civicledger.events.common.DocumentReference;
import org.civicledger.events.common.LedgerCommand;

/** Commands on a case (an application for a city service), in the order of its lifecycle. */
public final class CaseCommands {

    private CaseCommands() {
    }

    /** A citizen (or an officer at the counter, for them) applies for a service. */
    public record SubmitApplication(
            @TargetAggregateIdentifier String caseId,
            String caseTypeCode,
            Applicant applicant,
            List<DocumentReference> documents,
            String commandId,
            Actor actor) implements LedgerCommand {
    }

    /** The owning agency takes the case on: a case number and case password are issued. */
    public record AcceptCase(@TargetAggregateIdentifier String caseId, String commandId, Actor actor)
            implements LedgerCommand {
    }

    public record StartReview(@TargetAggregateIdentifier String caseId, String commandId, Actor actor)
            implements LedgerCommand {
    }

    public record RequestSupplement(
            @TargetAggregateIdentifier String caseId, String reason, List<String> requestedDocuments, String commandId, Actor actor)
            implements LedgerCommand {
    }

    public record ProvideSupplement(
            @TargetAggregateIdentifier String caseId, List<DocumentReference> documents, String commandId, Actor actor)
            implements LedgerCommand {
    }

    public record ExtendDeadline(
            @TargetAggregateIdentifier String caseId, int extraWorkingDays, String notice, String commandId, Actor actor)
            implements LedgerCommand {
    }

    public record ApproveCase(@TargetAggregateIdentifier String caseId, String reason, String commandId, Actor actor)
            implements LedgerCommand {
    }

    public record RejectCase(@TargetAggregateIdentifier String caseId, String reason, String commandId, Actor actor)
            implements LedgerCommand {
    }

    public record WithdrawApplication(@TargetAggregateIdentifier String caseId, String reason, String commandId, Actor actor)
            implements LedgerCommand {
    }

    public record TransferCase(
            @TargetAggregateIdentifier String caseId, String toAgencyCode, String reason, String commandId, Actor actor)
            implements LedgerCommand {
    }

    public record CloseCase(@TargetAggregateIdentifier String caseId, String reason, String commandId, Actor actor)
            implements LedgerCommand {
    }
}
