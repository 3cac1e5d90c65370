package org.civicledger.command.grants;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.civicledger.command.reference.PaymentCatalog;
import org.civicledger.command.reference.PaymentCatalog.ProviderTerms;
import org.civicledger.command.rules.Require;
import org.civicledger.events.common.Actor;
import org.civicledger.events.common.Money;
import org.civicledger.events.common.Role;
import org.civicledger.events.common.RuleViolation;
import org.civicledger.events.grants.Beneficiary;
import org.civicledger.events.grants.GrantCommands.AwardGrant;
import org.civicledger.events.grants.GrantCommands.RevokeGrant;
import org.civicledger.events.grants.GrantCommands.UseGrant;
import org.civicledger.events.grants.GrantEvent.GrantAwarded;
import org.civicledger.events.grants.GrantEvent.GrantExpired;
import org.civicledger.events.grants.GrantEvent.GrantJournalEntryRecorded;
import org.civicledger.events.grants.GrantEvent.GrantRevoked;
import org.civicledger.events.grants.GrantEvent.GrantUsed;
import org.civicledger.events.grants.GrantStatus;
import org.civicledger.events.journal.Accounts;
import org.civicledger.events.journal.JournalLine;

/**
 * A grant: a benefit wallet an agency awards one citizen under a programme (a maternity ride subsidy of
 * NT$8,000, say), spent in uses of at most a per-use cap (NT$250 a ride) at registered providers, until it
 * expires or is revoked and what is left returns to the agency.
 *
 * <p>Its rules: only an officer of the granting agency (or the ledger) awards and revokes; only the
 * beneficiary (or the ledger, for a provider's feed) spends; a use is at most the cap and at most the balance,
 * so the balance never goes below zero; nothing is spent after the expiry moment or a revocation; a use id is
 * recorded once. Expiry is a persistent deadline, so it fires across restarts; a use arriving after the
 * moment but before the deadline has run is refused all the same. Concurrent uses are serialized by the
 * grant's event stream, as a payment's refunds are: the loser of an append is retried against the new balance.
 */
public class Grant {

    static final String EXPIRY_DEADLINE = "grant-expiry";
    /** The longest a grant may run: programmes are budgeted yearly, a few span a child's first years. */
    public static final Duration DURATION_MAX = Duration.ofDays(5 * 366);
    public static final int REASON_LENGTH_MAX = 500;
    public static final int PURPOSE_LENGTH_MAX = 200;

    @AggregateIdentifier
    private String grantId;
    private String agencyCode;
    private String programCode;
    private String beneficiarySubject;
    private Money perUseCap;
    private Instant expiresAt;
    private GrantStatus status;
    private long balanceMinor;
    private String currency;
    private final Map<String, Money> uses = new HashMap<>();
    private int journalEntries;

    protected Grant() {
        // For Axon's event sourcing.
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.ALWAYS)
    public GrantResult handle(AwardGrant command, Clock clock, DeadlineManager deadlines) {
        Require.code("grantId", command.grantId());
        Require.code("agencyCode", command.agencyCode());
        Require.code("programCode", command.programCode());
        requireGrantingAgency(command.actor(), command.agencyCode(), "awards");
        Beneficiary beneficiary = command.beneficiary();
        if (beneficiary == null || beneficiary.isErased()) {
            throw RuleViolation.invalid("BeneficiaryIsNamed", "beneficiary", "the beneficiary's national ID and name are required");
        }
        if (beneficiary.citizenSubject() == null || beneficiary.citizenSubject().isBlank()
                || beneficiary.citizenSubject().length() > Actor.SUBJECT_LENGTH_MAX) {
            throw RuleViolation.invalid("BeneficiaryHasAnAccount", "beneficiary.citizenSubject",
                    "a grant is spent by the beneficiary's citizen account: its subject is required");
        }
        Require.feeAmount("amount", command.amount());
        Require.feeAmount("perUseCap", command.perUseCap());
        if (command.perUseCap().amountMinor() > command.amount().amountMinor()) {
            throw RuleViolation.invalid("CapWithinAmount", "perUseCap", "the per-use cap is at most the amount granted");
        }
        Instant now = clock.instant();
        if (command.expiresAt() == null) {
            throw RuleViolation.invalid("ExpiryIsGiven", "expiresAt", "a grant has an expiry moment");
        }
        if (!command.expiresAt().isAfter(now)) {
            throw RuleViolation.invalid("ExpiryIsAhead", "expiresAt", "the expiry moment " + command.expiresAt() + " has passed");
        }
        if (command.expiresAt().isAfter(now.plus(DURATION_MAX))) {
            throw RuleViolation.invalid("ExpiryWithinLimit", "expiresAt", "a grant runs at most " + DURATION_MAX.toDays() + " days");
        }
        Money amount = command.amount();
        apply(new GrantAwarded(command.grantId(), command.agencyCode(), command.programCode(), beneficiary, amount,
                command.perUseCap(), now, command.expiresAt()));
        journal("grant-awarded", now, List.of(
                JournalLine.debit(Accounts.grantExpense(agencyCode, programCode), agencyCode, amount.amountMinor(), amount.currency()),
                JournalLine.credit(Accounts.grantsPayable(agencyCode, programCode), agencyCode, amount.amountMinor(), amount.currency())));
        deadlines.schedule(command.expiresAt(), EXPIRY_DEADLINE, command.expiresAt());
        return result(false);
    }

    @CommandHandler
    public GrantResult handle(UseGrant command, PaymentCatalog catalog, Clock clock) {
        Actor actor = command.actor();
        boolean beneficiaryHimself = actor.role() == Role.CITIZEN && actor.subject().equals(beneficiarySubject);
        if (!beneficiaryHimself && actor.role() != Role.SYSTEM) {
            throw RuleViolation.forbidden("BeneficiarySpends", "a grant is spent only by its beneficiary");
        }
        Require.code("useId", command.useId());
        Money amount = command.amount();
        if (uses.containsKey(command.useId())) {
            if (uses.get(command.useId()).equals(amount)) {
                return result(true); // A retried request: recorded already.
            }
            throw RuleViolation.conflict("UseIdIsUsedOnce", "the use " + command.useId() + " was recorded with another amount");
        }
        Instant now = clock.instant();
        requireActive(now, "spent");
        Require.positiveAmount("amount", amount);
        if (!amount.currency().equals(currency)) {
            throw RuleViolation.invalid("UseInGrantCurrency", "amount", "grant " + grantId + " is in " + currency);
        }
        if (amount.amountMinor() > perUseCap.amountMinor()) {
            throw RuleViolation.invalid("UseWithinCap", "amount", "one use of this grant is at most " + perUseCap.amountMinor() + " " + currency);
        }
        if (amount.amountMinor() > balanceMinor) {
            throw RuleViolation.conflict("UseWithinBalance", "grant " + grantId + " holds " + balanceMinor + " " + currency + " only");
        }
        ProviderTerms provider = catalog.provider(command.providerCode()).orElseThrow(() -> RuleViolation.invalid(
                "ProviderIsKnown", "providerCode", "provider " + command.providerCode() + " is not registered"));
        if (command.channel() == null || !provider.channels().contains(command.channel())) {
            throw RuleViolation.invalid("ChannelIsOffered", "channel",
                    provider.providerCode() + " offers the channels " + String.join(", ", provider.channels()));
        }
        Require.text("purpose", command.purpose(), PURPOSE_LENGTH_MAX);
        apply(new GrantUsed(grantId, command.useId(), amount, provider.providerCode(), command.channel(), command.purpose(),
                new Money(balanceMinor - amount.amountMinor(), currency), now));
        // The provider served the beneficiary on the city's account: what it is owed nets against what it collects for the city.
        journal("grant-used", now, List.of(
                JournalLine.debit(Accounts.grantsPayable(agencyCode, programCode), agencyCode, amount.amountMinor(), currency),
                JournalLine.credit(Accounts.providerClearing(provider.providerCode()), agencyCode, amount.amountMinor(), currency)));
        return result(false);
    }

    @CommandHandler
    public GrantResult handle(RevokeGrant command, Clock clock, DeadlineManager deadlines) {
        requireGrantingAgency(command.actor(), agencyCode, "revokes");
        Instant now = clock.instant();
        requireActive(now, "revoked");
        Require.text("reason", command.reason(), REASON_LENGTH_MAX);
        Money remainder = new Money(balanceMinor, currency);
        apply(new GrantRevoked(grantId, command.reason(), remainder, now));
        returnRemainder("grant-revoked", remainder, now);
        deadlines.cancelAllWithinScope(EXPIRY_DEADLINE);
        return result(false);
    }

    /** The grant's time has ended: what is left returns to the agency. */
    @DeadlineHandler(deadlineName = EXPIRY_DEADLINE)
    public void onExpiry(Instant wasExpiresAt, Clock clock) {
        if (status == GrantStatus.ACTIVE) {
            Money remainder = new Money(balanceMinor, currency);
            Instant now = clock.instant();
            apply(new GrantExpired(grantId, remainder, now));
            returnRemainder("grant-expired", remainder, now);
        }
    }

    private void returnRemainder(String cause, Money remainder, Instant now) {
        if (remainder.isPositive()) {
            journal(cause, now, List.of(
                    JournalLine.debit(Accounts.grantsPayable(agencyCode, programCode), agencyCode, remainder.amountMinor(), currency),
                    JournalLine.credit(Accounts.grantExpense(agencyCode, programCode), agencyCode, remainder.amountMinor(), currency)));
        }
    }

    private void requireActive(Instant now, String wanted) {
        if (status != GrantStatus.ACTIVE) {
            throw RuleViolation.conflict("GrantIsActive",
                    "grant " + grantId + " is " + status.name().toLowerCase() + " and cannot be " + wanted);
        }
        if (!now.isBefore(expiresAt)) {
            // The deadline may not have run yet (a busy scheduler, a node restarting): the moment decides, not the event.
            throw RuleViolation.conflict("GrantIsActive", "grant " + grantId + " expired at " + expiresAt + " and cannot be " + wanted);
        }
    }

    private static void requireGrantingAgency(Actor actor, String agency, String verb) {
        if (actor.role() != Role.SYSTEM && !actor.isOfficerOf(agency)) {
            throw RuleViolation.forbidden("GrantingAgencyDecides", "only an officer of " + agency + " " + verb + " its grants");
        }
    }

    private void journal(String cause, Instant at, List<JournalLine> lines) {
        apply(new GrantJournalEntryRecorded(grantId, grantId + "/" + (journalEntries + 1), cause, at, lines));
    }

    private GrantResult result(boolean duplicate) {
        return new GrantResult(grantId, status, new Money(balanceMinor, currency), duplicate);
    }

    @EventSourcingHandler
    void on(GrantAwarded event) {
        grantId = event.grantId();
        agencyCode = event.agencyCode();
        programCode = event.programCode();
        beneficiarySubject = event.beneficiary().citizenSubject();
        perUseCap = event.perUseCap();
        expiresAt = event.expiresAt();
        balanceMinor = event.amount().amountMinor();
        currency = event.amount().currency();
        status = GrantStatus.ACTIVE;
    }

    @EventSourcingHandler
    void on(GrantUsed event) {
        uses.put(event.useId(), event.amount());
        balanceMinor -= event.amount().amountMinor();
    }

    @EventSourcingHandler
    void on(GrantExpired event) {
        status = GrantStatus.EXPIRED;
        balanceMinor = 0;
    }

    @EventSourcingHandler
    void on(GrantRevoked event) {
        status = GrantStatus.REVOKED;
        balanceMinor = 0;
    }

    @EventSourcingHandler
    void on(GrantJournalEntryRecorded event) {
        journalEntries++;
    }
}
