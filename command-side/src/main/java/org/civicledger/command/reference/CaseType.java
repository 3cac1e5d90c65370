package org.civicledger.command.reference;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.util.List;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.civicledger.command.rules.Require;
import org.civicledger.events.common.Money;
import org.civicledger.events.common.RuleViolation;
import org.civicledger.events.reference.CaseTypeEvent.CaseTypeRegistered;
import org.civicledger.events.reference.CaseTypeEvent.CaseTypeRevised;
import org.civicledger.events.reference.ReferenceCommands.RegisterCaseType;
import org.civicledger.events.reference.ReferenceCommands.ReviseCaseType;

/**
 * A service citizens apply for, owned by one agency, with its required documents, fee and statutory days, and whether an
 * approved case of it yields a signed certificate (docs/documents.md).
 */
public class CaseType {

    /** The longest statutory processing time the ledger accepts for a case type, in working days. */
    public static final int STATUTORY_DAYS_MAX = 365;
    public static final int REQUIRED_DOCUMENTS_MAX = 20;

    @AggregateIdentifier
    private String caseTypeCode;
    private Money fee;
    private int statutoryProcessingDays;
    private boolean issuesCertificate;

    protected CaseType() {
        // For Axon's event sourcing.
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.ALWAYS)
    public void handle(RegisterCaseType command, ReferenceCatalog catalog) {
        Require.referenceDataKeeper(command.actor());
        Require.code("caseTypeCode", command.caseTypeCode());
        if (!catalog.agencyExists(command.agencyCode())) {
            throw RuleViolation.invalid("CaseTypeBelongsToKnownAgency", "agencyCode",
                    "agency " + command.agencyCode() + " is not registered");
        }
        validateTerms(command.name(), command.requiredDocuments(), command.fee(), command.statutoryProcessingDays());
        apply(new CaseTypeRegistered(command.caseTypeCode(), command.agencyCode(), command.name(),
                List.copyOf(command.requiredDocuments()), command.fee(), command.statutoryProcessingDays(), command.issuesCertificate()));
    }

    @CommandHandler
    public void handle(ReviseCaseType command) {
        Require.referenceDataKeeper(command.actor());
        validateTerms(command.name(), command.requiredDocuments(), command.fee(), command.statutoryProcessingDays());
        Require.text("reason", command.reason(), 500);
        // A revision that does not mention the certificate keeps it as it is.
        boolean certificate = command.issuesCertificate() == null ? issuesCertificate : command.issuesCertificate();
        apply(new CaseTypeRevised(caseTypeCode, command.name(), List.copyOf(command.requiredDocuments()), command.fee(),
                command.statutoryProcessingDays(), certificate, fee, statutoryProcessingDays, issuesCertificate, command.reason()));
    }

    private static void validateTerms(String name, List<String> requiredDocuments, Money fee, int statutoryDays) {
        Require.text("name", name, 200);
        if (requiredDocuments == null || requiredDocuments.size() > REQUIRED_DOCUMENTS_MAX) {
            throw RuleViolation.invalid("RequiredDocumentsAreListed", "requiredDocuments",
                    "required documents must be a list of at most " + REQUIRED_DOCUMENTS_MAX);
        }
        requiredDocuments.forEach(kind -> Require.code("requiredDocuments", kind));
        if (fee == null || fee.amountMinor() < 0) {
            throw RuleViolation.invalid("FeeIsNotNegative", "fee", "a fee is zero or more");
        }
        if (statutoryDays < 1 || statutoryDays > STATUTORY_DAYS_MAX) {
            throw RuleViolation.invalid("StatutoryDaysWithinLimit", "statutoryProcessingDays",
                    "statutory processing days must be between 1 and " + STATUTORY_DAYS_MAX);
        }
    }

    @EventSourcingHandler
    void on(CaseTypeRegistered event) {
        caseTypeCode = event.caseTypeCode();
        fee = event.fee();
        statutoryProcessingDays = event.statutoryProcessingDays();
        issuesCertificate = event.issuesCertificate();
    }

    @EventSourcingHandler
    void on(CaseTypeRevised event) {
        fee = event.fee();
        statutoryProcessingDays = event.statutoryProcessingDays();
        issuesCertificate = event.issuesCertificate();
    }
}
