package org.civicledger.query.grants;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.civicledger.events.common.Actor;
import org.civicledger.events.common.LedgerCommand;
import org.civicledger.events.common.Money;
import org.civicledger.events.common.Role;
import org.civicledger.events.grants.GrantCommands.AwardGrant;
import org.civicledger.events.grants.GrantCommands.RevokeGrant;
import org.civicledger.events.grants.GrantCommands.UseGrant;
import org.civicledger.projections.citizengrants.CitizenGrantsQueries;
import org.civicledger.projections.citizengrants.GrantView;
import org.civicledger.projections.support.Page;
import org.civicledger.query.grants.GrantRequests.AwardGrantBody;
import org.civicledger.query.grants.GrantRequests.RevokeGrantBody;
import org.civicledger.query.grants.GrantRequests.UseGrantBody;
import org.civicledger.query.http.InvalidRequestException;
import org.civicledger.query.http.RequestText;
import org.civicledger.query.read.ReadRequests;
import org.civicledger.query.security.LedgerAuthentication;
import org.civicledger.query.security.ReadAccess;
import org.civicledger.query.security.SecurityEvents;
import org.civicledger.query.write.CommandContext;
import org.civicledger.query.write.CommandSender;
import org.civicledger.query.write.CommandSender.Sent;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * Grants (benefit wallets) over HTTP: an officer awards one to a citizen and may revoke it; the beneficiary
 * spends it at a registered provider's channel, one capped use at a time; the beneficiary, officers of the
 * granting agency and auditors read it, and the beneficiary's history lists their grants.
 *
 * <p>Uses are recorded by the beneficiary's own signed-in account (the ride app, the clinic's counter
 * terminal acting on the citizen's login), not by the merchant: the ledger has no merchant role, and the
 * provider named must be one the city registered, whose clearing account the use is credited to. Grant and
 * use ids are name-based UUIDs of the actor and the Idempotency-Key, as for bills and refunds: a retry after
 * a lost answer targets the same grant or use and changes nothing.
 */
@RestController
@Tag(name = "Grants", description = "Benefit wallets: award, spend within a per-use cap, revoke; expiry returns the rest")
public class GrantController {

    private static final CommandSender.Target GRANT = new CommandSender.Target("grant", "grantId", "GrantIsKnown");

    private final CommandSender sender;
    private final ObjectMapper objectMapper;
    private final CitizenGrantsQueries grants;

    public GrantController(CommandSender sender, ObjectMapper objectMapper, CitizenGrantsQueries grants) {
        this.sender = sender;
        this.objectMapper = objectMapper;
        this.grants = grants;
    }

    /** What a grant command answers: where the grant stands, what it holds, and whether the command repeated one applied. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record GrantAnswer(String grantId, String status, Money balance, Boolean duplicate, Long position) {
    }

    @PostMapping("/api/v1/grants")
    @Operation(summary = "Award a grant", description = "By an officer of the granting agency; answers 201 with the grant id")
    public ResponseEntity<GrantAnswer> award(@Valid @RequestBody AwardGrantBody body, @Parameter(hidden = true) CommandContext context) {
        String grantId = derivedId("grant", context);
        String agency = body.agencyCode() != null ? body.agencyCode() : context.actor().agencyCode();
        if (agency == null) {
            throw new InvalidRequestException("agencyCode", "agencyCode is required when the actor acts for no agency");
        }
        AwardGrant command = new AwardGrant(grantId, agency, body.programCode(), body.beneficiary().toBeneficiary(),
                body.amount().toMoney(), body.perUseCap().toMoney(), body.expiresAt(), context.commandId(), context.actor());
        return ResponseEntity.created(URI.create("/api/v1/grants/" + grantId)).body(send(grantId, command, context));
    }

    @PostMapping("/api/v1/grants/{grantId}/uses")
    @Operation(summary = "Spend part of a grant", description = "By its beneficiary, at most the per-use cap and the balance")
    public GrantAnswer use(@PathVariable String grantId, @Valid @RequestBody UseGrantBody body, @Parameter(hidden = true) CommandContext context) {
        String useId = derivedId("grant-use", context);
        return send(id(grantId), new UseGrant(grantId, useId, body.amount().toMoney(), body.providerCode(), body.channel(), body.purpose(),
                context.commandId(), context.actor()), context);
    }

    @PostMapping("/api/v1/grants/{grantId}/revoke")
    @Operation(summary = "Revoke a grant, with the reason", description = "By an officer of the granting agency; the rest returns to it")
    public GrantAnswer revoke(@PathVariable String grantId, @Valid @RequestBody RevokeGrantBody body,
                              @Parameter(hidden = true) CommandContext context) {
        return send(id(grantId), new RevokeGrant(grantId, body.reason(), context.commandId(), context.actor()), context);
    }

    @GetMapping("/api/v1/grants/{grantId}")
    @Operation(summary = "One grant with its balance and uses", description = "Its beneficiary, officers of the granting agency, auditors")
    public GrantView grant(@PathVariable String grantId, HttpServletRequest request) {
        id(grantId);
        GrantView grant = grants.grant(grantId).orElse(null);
        Actor actor = LedgerAuthentication.current().orElseThrow(() -> new ResponseStatusException(HttpStatus.FORBIDDEN,
                "this needs a signed-in citizen, officer or auditor"));
        boolean allowed = switch (actor.role()) {
            case AUDITOR -> true;
            case CITIZEN -> grant != null && actor.subject().equals(grant.citizenSubject());
            case OFFICER -> grant == null || actor.isOfficerOf(grant.agencyCode());
            default -> false;
        };
        if (actor.role() == Role.CITIZEN && !allowed) {
            // Another citizen's grant is answered as an unknown one: its existence is not told.
            if (grant != null) {
                SecurityEvents.denied("other_citizen", actor, request.getMethod(), request.getRequestURI());
            }
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "grant " + grantId + " is not known");
        }
        if (!allowed) {
            SecurityEvents.denied(actor.role() == Role.OFFICER ? "other_agency" : "role", actor, request.getMethod(), request.getRequestURI());
            throw new ResponseStatusException(HttpStatus.FORBIDDEN, "a grant is read by its beneficiary, officers of its agency and auditors only");
        }
        if (grant == null) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "grant " + grantId + " is not known (or not yet in the read model)");
        }
        return grant;
    }

    @GetMapping("/api/v1/citizens/{subject}/grants")
    @Operation(summary = "A citizen's grants, newest first, each with its uses")
    public Page<GrantView> citizenGrants(@PathVariable String subject, @RequestParam(required = false) Integer page,
                                         @RequestParam(required = false) Integer size) {
        ReadAccess.requireCitizenReadable(subject);
        return grants.grants(subject, ReadRequests.page(page, size));
    }

    private GrantAnswer send(String grantId, LedgerCommand command, CommandContext context) {
        Sent sent = sender.send(command, context, grantId, GRANT);
        GrantResult result = sent.result() == null ? new GrantResult(null, null, false)
                : objectMapper.convertValue(sent.result(), GrantResult.class);
        return new GrantAnswer(grantId, result.status(), result.balance(), result.duplicate(), sent.position());
    }

    private static String derivedId(String kind, CommandContext context) {
        return UUID.nameUUIDFromBytes((kind + "\n" + context.actor().subject() + "\n" + context.commandId())
                .getBytes(StandardCharsets.UTF_8)).toString();
    }

    private static String id(String grantId) {
        if (!grantId.matches(RequestText.CODE)) {
            throw new InvalidRequestException("grantId", "grantId " + RequestText.CODE_MESSAGE);
        }
        return grantId;
    }

    /** The command side's answer, read by property name: the query side does not depend on the command side's classes. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record GrantResult(String status, Money balance, boolean duplicate) {
    }
}
