package org.civicledger.command.receipts;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.function.Supplier;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.modelling.command.Aggregate;
import org.axonframework.modelling.command.Repository;
import org.civicledger.command.bills.BillBook;
import org.civicledger.command.bills.BillFacts;
import org.civicledger.command.privacy.SubjectHasher;
import org.civicledger.command.receipts.Receipt.ReceiptFacts;
import org.civicledger.command.reference.PaymentCatalog;
import org.civicledger.command.reference.PaymentCatalog.FeeClassTerms;
import org.civicledger.command.rules.Require;
import org.civicledger.events.common.Actor;
import org.civicledger.events.common.Money;
import org.civicledger.events.common.Role;
import org.civicledger.events.common.RuleViolation;
import org.civicledger.events.payments.BillStatus;
import org.civicledger.events.payments.Payer;
import org.civicledger.events.receipts.ReceiptCommands.EnrollCitizenAccount;
import org.civicledger.events.receipts.ReceiptCommands.IssueCounterReceipt;
import org.civicledger.events.receipts.ReceiptCommands.IssueReceiptForBill;
import org.civicledger.events.receipts.ReceiptCommands.ReissueReceipt;
import org.civicledger.events.receipts.ReceiptCommands.VoidReceipt;
import org.civicledger.events.receipts.ReceiptEvent.ReceiptIssued;
import org.civicledger.events.receipts.ReceiptNumber;

/**
 * The receipt desk: every receipt command comes here, because issuing a receipt takes the next number of its
 * agency's book ({@link ReceiptBook}) in the same transaction that stores the receipt's first event, and registers
 * it there too. If the append fails, the number goes back; if it commits, the number is in the book for good (a void
 * leaves it there as voided). The desk also enrolls citizen accounts, because an enrollment attributes the citizen's
 * earlier receipts in its own transaction.
 */
public class ReceiptDesk {

    /** The most receipts one enrollment attributes in its transaction; a citizen with more is attributed on a second enrollment call. */
    public static final int ATTRIBUTIONS_MAX = 5_000;
    public static final int PAYMENT_REFERENCE_LENGTH_MAX = 64;

    private final Supplier<Repository<Receipt>> receipts;
    private final Supplier<Repository<CitizenAccount>> accounts;
    private final ReceiptBook book;
    private final BillBook bills;
    private final PaymentCatalog catalog;
    private final SubjectHasher hasher;
    private final VerificationCodes codes;
    private final Clock clock;

    public ReceiptDesk(Supplier<Repository<Receipt>> receipts, Supplier<Repository<CitizenAccount>> accounts, ReceiptBook book,
                       BillBook bills, PaymentCatalog catalog, SubjectHasher hasher, VerificationCodes codes, Clock clock) {
        this.receipts = receipts;
        this.accounts = accounts;
        this.book = book;
        this.bills = bills;
        this.catalog = catalog;
        this.hasher = hasher;
        this.codes = codes;
        this.clock = clock;
    }

    /** The ledger's receipt of a paid bill; the same bill again answers the receipt it has (duplicate). */
    @CommandHandler
    public ReceiptResult handle(IssueReceiptForBill command) throws Exception {
        if (command.actor().role() != Role.SYSTEM) {
            throw RuleViolation.forbidden("BillReceiptsAreTheLedgers", "a paid bill's receipt is issued by the ledger itself");
        }
        if (book.exists(command.receiptId())) {
            return answer(load(command.receiptId()).invoke(Receipt::facts), true, null);
        }
        BillFacts bill = bills.bill(command.billId()).orElseThrow(() -> RuleViolation.notFound("BillIsKnown", "billId",
                "bill " + command.billId() + " is not known"));
        if (bill.status() != BillStatus.PAID) {
            throw RuleViolation.conflict("BillIsPaid", "bill " + command.billId() + " is not paid; only a paid bill gets a receipt");
        }
        ReceiptIssued issued = issue(command.receiptId(), bill.agencyCode(), bill.feeClassCode(), bill.payer(), bill.amount(),
                command.paymentId(), bill.billId(), null);
        return new ReceiptResult(issued.receiptId(), issued.number().text(), "ISSUED", false, null);
    }

    /** An officer's receipt for a counter (cash) payment of a fee class of their agency. */
    @CommandHandler
    public ReceiptResult handle(IssueCounterReceipt command) throws Exception {
        Require.code("receiptId", command.receiptId());
        if (command.actor().role() != Role.OFFICER) {
            throw RuleViolation.forbidden("OfficersIssueCounterReceipts", "a counter receipt is issued by an officer of the agency");
        }
        if (book.exists(command.receiptId())) {
            return answer(load(command.receiptId()).invoke(Receipt::facts), true, null);
        }
        FeeClassTerms feeClass = catalog.feeClass(command.feeClassCode()).orElseThrow(() -> RuleViolation.invalid(
                "FeeClassIsKnown", "feeClassCode", "fee class " + command.feeClassCode() + " is not registered"));
        if (!command.actor().isOfficerOf(feeClass.agencyCode())) {
            throw RuleViolation.forbidden("IssuingAgencyIssues", "only an officer of " + feeClass.agencyCode() + " issues its receipts");
        }
        if (command.payer() == null || command.payer().isErased()) {
            throw RuleViolation.invalid("PayerIsNamed", "payer", "the payer's national ID and name are required");
        }
        Require.feeAmount("amount", command.amount());
        Require.code("paymentReference", command.paymentReference());
        ReceiptIssued issued = issue(command.receiptId(), feeClass.agencyCode(), feeClass.feeClassCode(), command.payer(),
                command.amount(), command.paymentReference(), null, null);
        return new ReceiptResult(issued.receiptId(), issued.number().text(), "ISSUED", false, null);
    }

    @CommandHandler
    public ReceiptResult handle(VoidReceipt command) throws Exception {
        Aggregate<Receipt> receipt = load(command.receiptId());
        receipt.execute(it -> it.voidFor(command.actor(), command.reason(), clock.instant(), null));
        return answer(receipt.invoke(Receipt::facts), false, null);
    }

    /**
     * Voids a receipt and issues its replacement under the next number, in one transaction: the book never shows the
     * old one voided without its replacement, nor both standing. A retry with the same new id answers the replacement.
     */
    @CommandHandler
    public ReceiptResult handle(ReissueReceipt command) throws Exception {
        Require.code("newReceiptId", command.newReceiptId());
        if (book.exists(command.newReceiptId())) {
            return answer(load(command.newReceiptId()).invoke(Receipt::facts), true, null);
        }
        Aggregate<Receipt> old = load(command.receiptId());
        ReceiptFacts facts = old.invoke(Receipt::facts);
        old.execute(it -> it.requireIssuingAgency(command.actor(), "reissues"));
        if (command.correctedPayer() != null && command.correctedPayer().isErased()) {
            throw RuleViolation.invalid("PayerIsNamed", "correctedPayer", "a corrected payer has a national ID and a name");
        }
        // Void first: a receipt voided already is refused before a number is taken (which would roll back anyway).
        old.execute(it -> it.voidFor(command.actor(), command.reason(), clock.instant(), command.newReceiptId()));
        Payer payer = command.correctedPayer() != null ? command.correctedPayer() : facts.payer();
        ReceiptIssued issued = issue(command.newReceiptId(), facts.agencyCode(), facts.feeClassCode(), payer, facts.amount(),
                facts.paymentReference(), null, facts.receiptId(), facts.billId());
        return new ReceiptResult(issued.receiptId(), issued.number().text(), "ISSUED", false, null);
    }

    /**
     * Records which account a citizen signs in as, and attributes to it, retroactively, every earlier receipt of theirs
     * that had no account (one {@code ReceiptAttributed} each). Answers how many were attributed.
     */
    @CommandHandler
    public Integer handle(EnrollCitizenAccount command) throws Exception {
        if (command.actor().role() != Role.OPERATOR && command.actor().role() != Role.SYSTEM) {
            throw RuleViolation.forbidden("IdentityProviderEnrolls",
                    "an enrollment comes from the identity provider, through an operator or the ledger itself");
        }
        if (command.nationalId() == null) {
            throw RuleViolation.invalid("CitizenIsNamed", "nationalId", "the national ID of the citizen is required");
        }
        Require.text("citizenSubject", command.citizenSubject(), Actor.SUBJECT_LENGTH_MAX);
        String ref = hasher.refFor(command.nationalId());
        book.subjectRefOf(command.citizenSubject()).filter(other -> !other.equals(ref)).ifPresent(other -> {
            throw RuleViolation.conflict("OneCitizenPerAccount", "account " + command.citizenSubject() + " is enrolled for another citizen");
        });
        Instant now = clock.instant();
        boolean fresh = accounts.get().loadOrCreate(ref, CitizenAccount::new)
                .invoke(account -> account.enroll(ref, command.citizenSubject(), now));
        if (fresh) {
            book.enrolled(ref, command.citizenSubject());
        }
        List<String> earlier = book.unattributed(ref, ATTRIBUTIONS_MAX);
        for (String receiptId : earlier) {
            load(receiptId).execute(receipt -> receipt.attributeTo(command.citizenSubject(), now));
            book.attributed(receiptId, command.citizenSubject());
        }
        return earlier.size();
    }

    private ReceiptIssued issue(String receiptId, String agencyCode, String feeClassCode, Payer payer, Money amount,
                                String paymentReference, String billId, String reissueOf) throws Exception {
        return issue(receiptId, agencyCode, feeClassCode, payer, amount, paymentReference, billId, reissueOf, billId);
    }

    /** Takes the next number and creates the receipt; {@code registeredBill} is the bill the register keys it by (originals only). */
    private ReceiptIssued issue(String receiptId, String agencyCode, String feeClassCode, Payer payer, Money amount,
                                String paymentReference, String registeredBill, String reissueOf, String billId) throws Exception {
        String payerRef = payer.isErased() ? null : hasher.refFor(payer.nationalId());
        String account = payer.citizenSubject() != null ? payer.citizenSubject()
                : payerRef == null ? null : book.accountOf(payerRef).orElse(null);
        Instant now = clock.instant();
        LocalDate today = LocalDate.ofInstant(now, clock.getZone());
        ReceiptNumber number = book.next(agencyCode, today.getYear());
        ReceiptIssued issued = new ReceiptIssued(receiptId, number, agencyCode, feeClassCode, payer, account, amount, paymentReference,
                billId, codes.next(), now, today, reissueOf);
        receipts.get().newInstance(() -> new Receipt(issued));
        book.register(receiptId, number, registeredBill, payerRef, account);
        return issued;
    }

    private Aggregate<Receipt> load(String receiptId) {
        if (receiptId == null || !book.exists(receiptId)) {
            throw RuleViolation.notFound("ReceiptIsKnown", "receiptId", "receipt " + receiptId + " is not known");
        }
        return receipts.get().load(receiptId);
    }

    private static ReceiptResult answer(ReceiptFacts facts, boolean duplicate, String replacedBy) {
        return new ReceiptResult(facts.receiptId(), facts.number().text(), facts.voided() ? "VOIDED" : "ISSUED", duplicate, replacedBy);
    }
}
