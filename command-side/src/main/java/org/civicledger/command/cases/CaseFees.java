package org.civicledger.command.cases;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.civicledger.command.bills.BillBook;
import org.civicledger.command.bills.BillFacts;
import org.civicledger.command.reference.CaseFeeClass;
import org.civicledger.events.cases.Applicant;
import org.civicledger.events.cases.CaseEvent.ApplicationSubmitted;
import org.civicledger.events.cases.CaseEvent.ApplicationWithdrawn;
import org.civicledger.events.cases.CaseEvent.CaseRejected;
import org.civicledger.events.common.Actor;
import org.civicledger.events.common.Money;
import org.civicledger.events.payments.BillCommands.CancelBill;
import org.civicledger.events.payments.BillCommands.IssueBill;
import org.civicledger.events.payments.BillReference;
import org.civicledger.events.payments.Payer;
import org.springframework.stereotype.Component;

/**
 * A case's fee: the case type's fee is billed to the applicant when the application is submitted, and the
 * open bill is cancelled when the application is withdrawn or rejected. The case cannot be approved until
 * its fee bill is paid ({@link CaseFile}).
 *
 * <p>A subscribing processor ({@value #PROCESSING_GROUP}): the bill is issued in the transaction that stores
 * the application, so no case with a fee ever exists without its bill, and a failure to bill fails the
 * submission. Only live events reach it (a subscribing processor does not replay), and the bill id is derived
 * from the case id ({@link #billIdOf}), so a case is billed once. Commands sent here must not throw: inside
 * the case's transaction a failed command would mark the whole transaction for rollback; so the bill's state
 * is read before it is cancelled, and the bill is issued only with what its rules accept.
 */
@Component
@ProcessingGroup(CaseFees.PROCESSING_GROUP)
public class CaseFees {

    public static final String PROCESSING_GROUP = "case-fees";
    /** Days the applicant has to pay a case's fee; the case waits for the payment anyway. */
    public static final int DUE_DAYS = 14;
    static final Actor CASE_FEES = Actor.system("case-fees");

    private final CommandGateway commands;
    private final BillBook bills;
    private final Clock clock;

    public CaseFees(CommandGateway commands, BillBook bills, Clock clock) {
        this.commands = commands;
        this.bills = bills;
        this.clock = clock;
    }

    /**
     * The id of the bill for a case's fee: {@code fee-<case id>}, or a name-based UUID of the case id when
     * that would be longer than an id may be.
     */
    public static String billIdOf(String caseId) {
        String readable = "fee-" + caseId;
        return readable.length() <= 64 ? readable
                : "fee-" + UUID.nameUUIDFromBytes(caseId.getBytes(StandardCharsets.UTF_8));
    }

    /** A fee is billed when it is a positive amount of Taiwan dollars (the only currency fees are billed in). */
    static boolean isBillable(Money fee) {
        return fee != null && fee.amountMinor() > 0 && Money.TWD.equals(fee.currency());
    }

    @EventHandler
    public void on(ApplicationSubmitted event) {
        Applicant applicant = event.applicant();
        if (!isBillable(event.fee()) || applicant == null || applicant.isErased()) {
            return;
        }
        Payer payer = new Payer(applicant.citizenSubject(), applicant.nationalId(), applicant.name());
        LocalDate dueOn = LocalDate.now(clock).plusDays(DUE_DAYS);
        String billId = billIdOf(event.caseId());
        commands.sendAndWait(new IssueBill(billId, CaseFeeClass.code(event.agencyCode()), payer, event.fee(), dueOn,
                new BillReference(BillReference.Kind.CASE, event.caseId()), billId + "/issue", CASE_FEES));
    }

    @EventHandler
    public void on(ApplicationWithdrawn event) {
        cancelOpenBill(event.caseId(), "the application was withdrawn");
    }

    @EventHandler
    public void on(CaseRejected event) {
        cancelOpenBill(event.caseId(), "the application was rejected");
    }

    private void cancelOpenBill(String caseId, String reason) {
        String billId = billIdOf(caseId);
        boolean payable = bills.bill(billId).map(BillFacts::status).map(status -> status.isPayable()).orElse(false);
        if (payable) {
            commands.sendAndWait(new CancelBill(billId, "case fee no longer due: " + reason, billId + "/cancel", CASE_FEES));
        }
    }
}
