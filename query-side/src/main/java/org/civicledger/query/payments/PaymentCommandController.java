package org.civicledger.query.payments;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.civicledger.events.common.LedgerCommand;
import org.civicledger.events.common.Money;
import org.civicledger.events.payments.BillCommands.AmendBill;
import org.civicledger.events.payments.BillCommands.CancelBill;
import org.civicledger.events.payments.BillCommands.IssueBill;
import org.civicledger.events.payments.PaymentCommands.InitiatePayment;
import org.civicledger.events.payments.PaymentCommands.RefundPayment;
import org.civicledger.query.http.InvalidRequestException;
import org.civicledger.query.http.RequestText;
import org.civicledger.query.payments.PaymentRequests.AmendBillBody;
import org.civicledger.query.payments.PaymentRequests.CancelBillBody;
import org.civicledger.query.payments.PaymentRequests.InitiatePaymentBody;
import org.civicledger.query.payments.PaymentRequests.IssueBillBody;
import org.civicledger.query.payments.PaymentRequests.RefundBody;
import org.civicledger.query.write.CommandContext;
import org.civicledger.query.write.CommandSender;
import org.civicledger.query.write.CommandSender.Sent;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Bills and payments over HTTP: an officer of the owning agency issues, amends and cancels a bill; the
 * payer pays one bill or several through a provider; an officer refunds. Who may do what is decided by
 * the URL rules (roles) and by the aggregates (which agency, whose bill); their refusals come back as problems.
 *
 * <p>Ids are made by the server from the actor and the Idempotency-Key (name-based UUIDs), as for cases:
 * should an answer be lost and the key released, a retry targets the same bill, payment or refund and is
 * refused or ignored as a repeat instead of billing, paying or refunding twice.
 */
@RestController
@Tag(name = "Bills and payments", description = "Issue, amend and cancel bills; pay them through a provider; refund payments")
public class PaymentCommandController {

    private static final CommandSender.Target BILL = new CommandSender.Target("bill", "billId", "BillIsKnown");
    private static final CommandSender.Target PAYMENT = new CommandSender.Target("payment", "paymentId", "PaymentIsKnown");

    private final CommandSender sender;
    private final ObjectMapper objectMapper;

    public PaymentCommandController(CommandSender sender, ObjectMapper objectMapper) {
        this.sender = sender;
        this.objectMapper = objectMapper;
    }

    /** What a bill command answers: the bill as it stands afterwards and the position of its last event. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record BillAnswer(String billId, String status, Money amount, LocalDate dueOn, Long position) {
    }

    /** What a payment command answers: where the payment stands, what can still be refunded, and whether it repeated one applied. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record PaymentAnswer(String paymentId, String status, Money amount, Money refundable, Boolean duplicate, Long position) {
    }

    @PostMapping("/api/v1/bills")
    @Operation(summary = "Issue a bill", description = "By an officer of the fee class's agency; answers 201 with the bill id")
    public ResponseEntity<BillAnswer> issue(@Valid @RequestBody IssueBillBody body, @Parameter(hidden = true) CommandContext context) {
        String billId = derivedId("bill", context);
        IssueBill command = new IssueBill(billId, body.feeClassCode(), body.payer().toPayer(),
                body.amount() == null ? null : body.amount().toMoney(), body.dueOn(), body.reference().toReference(),
                context.commandId(), context.actor());
        return ResponseEntity.created(URI.create("/api/v1/bills/" + billId)).body(bill(billId, command, context));
    }

    @PostMapping("/api/v1/bills/{billId}/amendments")
    @Operation(summary = "Amend an unpaid bill's amount or due date, with the reason")
    public BillAnswer amend(@PathVariable String billId, @Valid @RequestBody AmendBillBody body,
                            @Parameter(hidden = true) CommandContext context) {
        if (body.amount() == null && body.dueOn() == null) {
            throw new InvalidRequestException("amount", "an amendment changes the amount, the due date or both");
        }
        return bill(id("billId", billId), new AmendBill(billId, body.amount() == null ? null : body.amount().toMoney(), body.dueOn(),
                body.reason(), context.commandId(), context.actor()), context);
    }

    @PostMapping("/api/v1/bills/{billId}/cancel")
    @Operation(summary = "Cancel an unpaid bill, with the reason")
    public BillAnswer cancel(@PathVariable String billId, @Valid @RequestBody CancelBillBody body,
                             @Parameter(hidden = true) CommandContext context) {
        return bill(id("billId", billId), new CancelBill(billId, body.reason(), context.commandId(), context.actor()), context);
    }

    @PostMapping("/api/v1/payments")
    @Operation(summary = "Pay one bill or several (pay-all) through a provider's channel",
            description = "By the payer; answers 201 with the payment id. The provider's signed callback completes it")
    public ResponseEntity<PaymentAnswer> initiate(@Valid @RequestBody InitiatePaymentBody body,
                                                  @Parameter(hidden = true) CommandContext context) {
        String paymentId = derivedId("payment", context);
        InitiatePayment command = new InitiatePayment(paymentId, List.copyOf(body.billIds()), body.providerCode(), body.channel(),
                context.commandId(), context.actor());
        return ResponseEntity.created(URI.create("/api/v1/payments/" + paymentId)).body(payment(paymentId, command, context));
    }

    @PostMapping("/api/v1/payments/{paymentId}/refunds")
    @Operation(summary = "Refund a payment, partly or wholly, with the reason",
            description = "By an officer of the agency of every bill of the payment; never more than was received")
    public PaymentAnswer refund(@PathVariable String paymentId, @Valid @RequestBody RefundBody body,
                                @Parameter(hidden = true) CommandContext context) {
        String refundId = derivedId("refund", context);
        return payment(id("paymentId", paymentId), new RefundPayment(paymentId, refundId, body.amount().toMoney(), body.reason(),
                context.commandId(), context.actor()), context);
    }

    private BillAnswer bill(String billId, LedgerCommand command, CommandContext context) {
        Sent sent = sender.send(command, context, billId, BILL);
        BillResult result = sent.result() == null ? new BillResult(null, null, null)
                : objectMapper.convertValue(sent.result(), BillResult.class);
        return new BillAnswer(billId, result.status(), result.amount(), result.dueOn(), sent.position());
    }

    private PaymentAnswer payment(String paymentId, LedgerCommand command, CommandContext context) {
        Sent sent = sender.send(command, context, paymentId, PAYMENT);
        PaymentResult result = sent.result() == null ? new PaymentResult(null, null, null, false)
                : objectMapper.convertValue(sent.result(), PaymentResult.class);
        return new PaymentAnswer(paymentId, result.status(), result.amount(), result.refundable(), result.duplicate(), sent.position());
    }

    private static String derivedId(String kind, CommandContext context) {
        return UUID.nameUUIDFromBytes((kind + "\n" + context.actor().subject() + "\n" + context.commandId())
                .getBytes(StandardCharsets.UTF_8)).toString();
    }

    static String id(String field, String value) {
        if (!value.matches(RequestText.CODE)) {
            throw new InvalidRequestException(field, field + " " + RequestText.CODE_MESSAGE);
        }
        return value;
    }

    /** The command side's answers, read by property name: the query side does not depend on the command side's classes. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record BillResult(String status, Money amount, LocalDate dueOn) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record PaymentResult(String status, Money amount, Money refundable, boolean duplicate) {
    }
}
