package org.civicledger.query.write;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.regex.Pattern;
import org.civicledger.events.cases.CaseCommands.AcceptCase;
import org.civicledger.events.cases.CaseCommands.ApproveCase;
import org.civicledger.events.cases.CaseCommands.CloseCase;
import org.civicledger.events.cases.CaseCommands.ExtendDeadline;
import org.civicledger.events.cases.CaseCommands.ProvideSupplement;
import org.civicledger.events.cases.CaseCommands.RejectCase;
import org.civicledger.events.cases.CaseCommands.RequestSupplement;
import org.civicledger.events.cases.CaseCommands.StartReview;
import org.civicledger.events.cases.CaseCommands.SubmitApplication;
import org.civicledger.events.cases.CaseCommands.TransferCase;
import org.civicledger.events.cases.CaseCommands.WithdrawApplication;
import org.civicledger.events.common.LedgerCommand;
import org.civicledger.query.http.ApiRequests;
import org.civicledger.query.http.InvalidRequestException;
import org.civicledger.query.http.RequestText;
import org.civicledger.query.write.CaseRequests.ExtendDeadlineBody;
import org.civicledger.query.write.CaseRequests.ProvideSupplementBody;
import org.civicledger.query.write.CaseRequests.ReasonBody;
import org.civicledger.query.write.CaseRequests.RequestSupplementBody;
import org.civicledger.query.write.CaseRequests.SubmitCase;
import org.civicledger.query.write.CaseRequests.TransferBody;
import org.civicledger.query.write.CommandSender.Sent;
import org.civicledger.query.write.CommandSender.Target;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The case commands over HTTP: one POST per step of a case's lifecycle.
 *
 * <p>Each answers the case's status and deadline and the position of its last event; the ledger's
 * refusals come back as problems (see {@code ProblemAdvice}).
 */
@RestController
@RequestMapping("/api/v1/cases")
@Tag(name = "Case commands", description = "Apply for a city service and move the case through its lifecycle")
public class CaseCommandController {

    private static final Pattern CASE_ID = Pattern.compile(RequestText.CODE);

    private final CommandSender sender;
    private final ObjectMapper objectMapper;

    public CaseCommandController(CommandSender sender, ObjectMapper objectMapper) {
        this.sender = sender;
        this.objectMapper = objectMapper;
    }

    /**
     * The case id is derived from the actor and the Idempotency-Key rather than drawn at random: should
     * the answer be lost (a timeout) and the key's record released, a retry targets the same case and
     * is refused as a duplicate instead of opening a second case.
     */
    @ResponseStatus(HttpStatus.CREATED)
    @PostMapping
    @Operation(summary = "Submit an application", description = "Opens a case; answers 201 with the new case id and the position of its first event")
    public ResponseEntity<CaseAnswer> submit(@Valid @RequestBody SubmitCase body, @Parameter(hidden = true) CommandContext context) {
        String caseId = UUID.nameUUIDFromBytes(("case\n" + context.actor().subject() + "\n" + context.commandId())
                .getBytes(StandardCharsets.UTF_8)).toString();
        SubmitApplication command = new SubmitApplication(caseId, body.caseTypeCode(), body.applicant().toApplicant(),
                body.documentReferences(), context.commandId(), context.actor());
        CaseAnswer answer = send(caseId, command, context);
        return ResponseEntity.created(URI.create("/api/v1/cases/" + caseId)).body(answer);
    }

    @PostMapping("/{caseId}/accept")
    @Operation(summary = "Accept a case", description = "Issues the case number and case password and starts the statutory clock."
            + " The case password is shown only in this answer: a replay of the same request answers without it")
    public CaseAnswer accept(@PathVariable String caseId, @Parameter(hidden = true) CommandContext context,
                             HttpServletRequest request) {
        CaseAnswer answer = send(caseId(caseId), new AcceptCase(caseId, context.commandId(), context.actor()), context);
        // The case password leaves the ledger only in this answer and in the applicant's notice; it does not rest in the idempotency table.
        request.setAttribute(ApiRequests.REPLAY_BODY_ATTRIBUTE, answer.withoutPassword());
        return answer;
    }

    @PostMapping("/{caseId}/review")
    @Operation(summary = "Start the review of an accepted case")
    public CaseAnswer review(@PathVariable String caseId, @Parameter(hidden = true) CommandContext context) {
        return send(caseId(caseId), new StartReview(caseId, context.commandId(), context.actor()), context);
    }

    @PostMapping("/{caseId}/supplement-requests")
    @Operation(summary = "Ask the applicant for a supplement", description = "Pauses the statutory clock")
    public CaseAnswer requestSupplement(@PathVariable String caseId, @Valid @RequestBody RequestSupplementBody body,
                                        @Parameter(hidden = true) CommandContext context) {
        return send(caseId(caseId), new RequestSupplement(caseId, body.reason(), body.requestedDocuments(), context.commandId(),
                context.actor()), context);
    }

    @PostMapping("/{caseId}/supplements")
    @Operation(summary = "Provide the requested supplement", description = "Restarts the statutory clock")
    public CaseAnswer provideSupplement(@PathVariable String caseId, @Valid @RequestBody ProvideSupplementBody body,
                                        @Parameter(hidden = true) CommandContext context) {
        return send(caseId(caseId), new ProvideSupplement(caseId, body.documentReferences(), context.commandId(), context.actor()),
                context);
    }

    @PostMapping("/{caseId}/extension")
    @Operation(summary = "Extend the deadline once, with notice to the applicant")
    public CaseAnswer extend(@PathVariable String caseId, @Valid @RequestBody ExtendDeadlineBody body,
                             @Parameter(hidden = true) CommandContext context) {
        return send(caseId(caseId), new ExtendDeadline(caseId, body.extraWorkingDays(), body.notice(), context.commandId(),
                context.actor()), context);
    }

    @PostMapping("/{caseId}/approve")
    @Operation(summary = "Approve a case under review")
    public CaseAnswer approve(@PathVariable String caseId, @Valid @RequestBody ReasonBody body,
                              @Parameter(hidden = true) CommandContext context) {
        return send(caseId(caseId), new ApproveCase(caseId, body.reason(), context.commandId(), context.actor()), context);
    }

    @PostMapping("/{caseId}/reject")
    @Operation(summary = "Reject a case under review")
    public CaseAnswer reject(@PathVariable String caseId, @Valid @RequestBody ReasonBody body,
                             @Parameter(hidden = true) CommandContext context) {
        return send(caseId(caseId), new RejectCase(caseId, body.reason(), context.commandId(), context.actor()), context);
    }

    @PostMapping("/{caseId}/withdraw")
    @Operation(summary = "Withdraw an application before a decision", description = "By the applicant")
    public CaseAnswer withdraw(@PathVariable String caseId, @Valid @RequestBody ReasonBody body,
                               @Parameter(hidden = true) CommandContext context) {
        return send(caseId(caseId), new WithdrawApplication(caseId, body.reason(), context.commandId(), context.actor()), context);
    }

    @PostMapping("/{caseId}/transfer")
    @Operation(summary = "Transfer an open case to another agency")
    public CaseAnswer transfer(@PathVariable String caseId, @Valid @RequestBody TransferBody body,
                               @Parameter(hidden = true) CommandContext context) {
        return send(caseId(caseId), new TransferCase(caseId, body.toAgencyCode(), body.reason(), context.commandId(), context.actor()),
                context);
    }

    @PostMapping("/{caseId}/close")
    @Operation(summary = "Close a decided case")
    public CaseAnswer close(@PathVariable String caseId, @Valid @RequestBody ReasonBody body,
                            @Parameter(hidden = true) CommandContext context) {
        return send(caseId(caseId), new CloseCase(caseId, body.reason(), context.commandId(), context.actor()), context);
    }

    private CaseAnswer send(String caseId, LedgerCommand command, CommandContext context) {
        Sent sent = sender.send(command, context, caseId, Target.CASE);
        return CaseAnswer.of(caseId, sent.result(), sent.position(), objectMapper);
    }

    private static String caseId(String caseId) {
        if (!CASE_ID.matcher(caseId).matches()) {
            throw new InvalidRequestException("caseId", "caseId must be 1 to 64 letters, digits, dots, dashes or underscores");
        }
        return caseId;
    }
}
