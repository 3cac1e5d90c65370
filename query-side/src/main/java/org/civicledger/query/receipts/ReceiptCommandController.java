package org.civicledger.query.receipts;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.civicledger.events.common.LedgerCommand;
import org.civicledger.events.common.NationalId;
import org.civicledger.events.receipts.ReceiptCommands.EnrollCitizenAccount;
import org.civicledger.events.receipts.ReceiptCommands.IssueCounterReceipt;
import org.civicledger.events.receipts.ReceiptCommands.ReissueReceipt;
import org.civicledger.events.receipts.ReceiptCommands.VoidReceipt;
import org.civicledger.query.http.InvalidRequestException;
import org.civicledger.query.receipts.ReceiptRequests.CounterReceiptBody;
import org.civicledger.query.receipts.ReceiptRequests.EnrollmentBody;
import org.civicledger.query.receipts.ReceiptRequests.ReissueBody;
import org.civicledger.query.receipts.ReceiptRequests.VoidBody;
import org.civicledger.query.write.CommandContext;
import org.civicledger.query.write.CommandSender;
import org.civicledger.query.write.CommandSender.Sent;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Receipts over HTTP, the writing part: an officer issues a counter (cash) receipt, voids one and reissues one, all
 * for their own agency; an operator records a citizen's enrollment for the identity provider. Receipts of paid bills
 * are issued by the ledger itself, never over HTTP.
 *
 * <p>New receipt ids are name-based UUIDs of the actor and the Idempotency-Key, as for bills: a retry after a lost
 * answer targets the same receipt and is answered as a duplicate, never numbered twice.
 */
@RestController
@Tag(name = "Receipts", description = "Counter receipts, void and reissue, enrollment of citizen accounts")
public class ReceiptCommandController {

    private static final CommandSender.Target RECEIPT = new CommandSender.Target("receipt", "receiptId", "ReceiptIsKnown");

    private final CommandSender sender;
    private final ObjectMapper objectMapper;

    public ReceiptCommandController(CommandSender sender, ObjectMapper objectMapper) {
        this.sender = sender;
        this.objectMapper = objectMapper;
    }

    /** What a receipt command answers. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ReceiptAnswer(String receiptId, String number, String status, Boolean duplicate, Long position) {
    }

    /** What an enrollment answers: how many earlier receipts were attributed to the account. */
    public record EnrollmentAnswer(String citizenSubject, int receiptsAttributed) {
    }

    @PostMapping("/api/v1/receipts")
    @Operation(summary = "Issue a receipt for a counter (cash) payment", description = "By an officer of the fee class's agency; 201")
    public ResponseEntity<ReceiptAnswer> issue(@Valid @RequestBody CounterReceiptBody body, @Parameter(hidden = true) CommandContext context) {
        String receiptId = derivedId("receipt", context);
        ReceiptAnswer answer = send(receiptId, new IssueCounterReceipt(receiptId, body.feeClassCode(), body.payer().toPayer(),
                body.amount().toMoney(), body.paymentReference(), context.commandId(), context.actor()), context);
        return ResponseEntity.created(URI.create("/api/v1/receipts/" + receiptId)).body(answer);
    }

    @PostMapping("/api/v1/receipts/{receiptId}/void")
    @Operation(summary = "Void a receipt, with the reason", description = "Its number stays in the book as voided")
    public ReceiptAnswer voidReceipt(@PathVariable String receiptId, @Valid @RequestBody VoidBody body,
                                     @Parameter(hidden = true) CommandContext context) {
        return send(id(receiptId), new VoidReceipt(receiptId, body.reason(), context.commandId(), context.actor()), context);
    }

    @PostMapping("/api/v1/receipts/{receiptId}/reissue")
    @Operation(summary = "Void a receipt and issue its replacement under a new number", description = "Answers the replacement; 201")
    public ResponseEntity<ReceiptAnswer> reissue(@PathVariable String receiptId, @Valid @RequestBody ReissueBody body,
                                                 @Parameter(hidden = true) CommandContext context) {
        String newReceiptId = derivedId("receipt", context);
        ReceiptAnswer answer = send(newReceiptId, new ReissueReceipt(id(receiptId), newReceiptId, body.reason(),
                body.correctedPayer() == null ? null : body.correctedPayer().toPayer(), context.commandId(), context.actor()), context);
        return ResponseEntity.created(URI.create("/api/v1/receipts/" + newReceiptId)).body(answer);
    }

    @PostMapping("/api/v1/citizen-accounts")
    @Operation(summary = "Record a citizen's enrollment (from the identity provider)",
            description = "By an operator; attributes the citizen's earlier receipts to the account")
    public EnrollmentAnswer enroll(@Valid @RequestBody EnrollmentBody body, @Parameter(hidden = true) CommandContext context) {
        NationalId nationalId;
        try {
            nationalId = new NationalId(body.nationalId());
        } catch (IllegalArgumentException invalid) {
            throw new InvalidRequestException("nationalId", invalid.getMessage());
        }
        Sent sent = sender.send(new EnrollCitizenAccount(nationalId, body.citizenSubject(), context.commandId(), context.actor()), context,
                body.citizenSubject(), new CommandSender.Target("citizen account", "citizenSubject", "CitizenIsKnown"));
        return new EnrollmentAnswer(body.citizenSubject(), sent.result() instanceof Number count ? count.intValue() : 0);
    }

    private ReceiptAnswer send(String receiptId, LedgerCommand command, CommandContext context) {
        Sent sent = sender.send(command, context, receiptId, RECEIPT);
        DeskResult result = sent.result() == null ? new DeskResult(receiptId, null, null, false)
                : objectMapper.convertValue(sent.result(), DeskResult.class);
        return new ReceiptAnswer(result.receiptId(), result.number(), result.status(), result.duplicate(),
                receiptId.equals(result.receiptId()) ? sent.position() : null);
    }

    private static String derivedId(String kind, CommandContext context) {
        return UUID.nameUUIDFromBytes((kind + "\n" + context.actor().subject() + "\n" + context.commandId())
                .getBytes(StandardCharsets.UTF_8)).toString();
    }

    static String id(String value) {
        if (value == null || !value.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,79}")) {
            throw new InvalidRequestException("receiptId", "receiptId must be 1 to 80 letters, digits, dots, dashes or underscores");
        }
        return value;
    }

    /** The desk's answer, read by property name: the query side does not depend on the command side's classes. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record DeskResult(String receiptId, String number, String status, boolean duplicate) {
    }
}
