package org.civicledger.query.payments;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.civicledger.events.common.Actor;
import org.civicledger.events.common.LedgerCommand;
import org.civicledger.events.common.Money;
import org.civicledger.events.common.RuleViolation;
import org.civicledger.events.payments.CallbackOutcome;
import org.civicledger.events.payments.PaymentCommands.RecordChargeback;
import org.civicledger.events.payments.PaymentCommands.RecordProviderCallback;
import org.civicledger.query.http.CachedBodyRequest;
import org.civicledger.query.http.InvalidRequestException;
import org.civicledger.query.http.ProblemTypes;
import org.civicledger.query.http.ProblemWriter;
import org.civicledger.query.http.RequestText;
import org.civicledger.query.payments.CallbackSignature.Refusal;
import org.civicledger.query.payments.UnmatchedCallbacks.UnmatchedCallback;
import org.civicledger.query.write.CommandContext;
import org.civicledger.query.write.CommandSender;
import org.civicledger.query.write.CommandSender.Sent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.civicledger.projections.support.Page;
import org.civicledger.projections.support.PageRequest;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Payment providers' callbacks: {@code POST /api/v1/providers/{code}/callbacks}, signed by the provider
 * (no bearer token: providers are machines; see {@link CallbackSignature}) and recorded as the payment's
 * {@link RecordProviderCallback}.
 *
 * <p>The order of checks: the body's shape (400 naming the field, like every endpoint), the provider
 * (404 when none is registered under the code), then the signature over the raw body (401, counted in
 * {@value #REJECTED_METER}, nothing else done). Only a verified callback reaches the ledger. A repeated or
 * late callback is the payment aggregate's business: the same provider event id changes nothing, and a
 * callback never moves a payment back. A callback for a payment the ledger does not hold (or holds for
 * another provider) is kept in {@link UnmatchedCallbacks} and answered 202, so the provider stops retrying
 * and an auditor can list it.
 *
 * <p>No {@code Idempotency-Key} is asked for or used here: the provider's event id is the natural key of a
 * callback, and the aggregate deduplicates by it (the idempotency filter exempts this path).
 */
@RestController
@Tag(name = "Payment provider callbacks", description = "Signed notifications from payment providers (HMAC-SHA256, no bearer token)")
public class ProviderCallbackController {

    public static final String PATH = "/api/v1/providers/{code}/callbacks";
    public static final String PATH_PATTERN = "/api/v1/providers/[^/]+/callbacks";
    static final String REJECTED_METER = "ledger.payments.callbacks.rejected";
    /** The provider tag of a rejection whose code names no registered provider: the path is the caller's, the tag values are not. */
    static final String UNKNOWN_PROVIDER_TAG = "unknown";
    static final String CHARGEBACK = "chargeback";

    private static final Logger LOG = LoggerFactory.getLogger(ProviderCallbackController.class);
    private static final CommandSender.Target PAYMENT = new CommandSender.Target("payment", "paymentId", "PaymentIsKnown");

    private final PaymentProviders providers;
    private final ProviderSecrets secrets;
    private final UnmatchedCallbacks unmatched;
    private final CommandSender sender;
    private final ObjectMapper objectMapper;
    private final MeterRegistry meters;
    private final Duration tolerance;
    private final Clock clock = Clock.systemUTC();

    public ProviderCallbackController(PaymentProviders providers, ProviderSecrets secrets, UnmatchedCallbacks unmatched,
                                      CommandSender sender, ObjectMapper objectMapper, MeterRegistry meters,
                                      @Value("${ledger.payments.callback-tolerance:PT5M}") Duration tolerance) {
        this.providers = providers;
        this.secrets = secrets;
        this.unmatched = unmatched;
        this.sender = sender;
        this.objectMapper = objectMapper;
        this.meters = meters;
        this.tolerance = tolerance;
    }

    /** What a callback answers: where the payment now stands, or that it was kept as unmatched. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record CallbackAnswer(String paymentId, String providerEventId, String status, Boolean duplicate, Long position,
                                 String unmatched) {
    }

    @PostMapping(PATH)
    @Operation(summary = "A provider's signed callback about a payment",
            description = "Headers X-Ledger-Timestamp (Unix seconds) and X-Ledger-Signature: v1=<hex HMAC-SHA256 of timestamp + '.' + raw body>."
                    + " 200 applied (or a duplicate), 202 kept as unmatched (unknown payment), 401 bad signature, 404 unknown provider")
    @Parameter(name = CallbackSignature.TIMESTAMP_HEADER, in = ParameterIn.HEADER, required = true,
            description = "Unix seconds when the provider signed; within 5 minutes of the ledger's clock")
    @Parameter(name = CallbackSignature.SIGNATURE_HEADER, in = ParameterIn.HEADER, required = true,
            description = "v1=<64 lowercase hex of HMAC-SHA256(secret, timestamp + '.' + raw body)>, comma-separated during a rotation")
    public ResponseEntity<?> callback(@PathVariable String code, @Valid @RequestBody ProviderCallbackBody body, HttpServletRequest request) {
        if (!code.matches(RequestText.CODE)) {
            throw new InvalidRequestException("code", "code " + RequestText.CODE_MESSAGE);
        }
        Optional<String> secretRef = providers.callbackSecretRef(code);
        if (secretRef.isEmpty()) {
            rejected(UNKNOWN_PROVIDER_TAG, "unknown_provider");
            throw RuleViolation.notFound("ProviderIsKnown", "code", "no payment provider is registered as " + code);
        }
        Optional<byte[]> secret = secrets.secret(secretRef.get());
        if (secret.isEmpty()) {
            rejected(code, "secret_not_configured");
            LOG.error("No callback secret is configured for provider {} (reference {}): its callbacks are refused until one is",
                    code, secretRef.get());
            return problem(HttpStatus.SERVICE_UNAVAILABLE, ProblemTypes.INTERNAL_ERROR, "Callback secret not configured",
                    "the ledger holds no secret for this provider yet; retry later", request);
        }
        CachedBodyRequest cached = CachedBodyRequest.find(request);
        byte[] raw = cached == null ? null : cached.body();
        Optional<Refusal> refusal = raw == null ? Optional.of(Refusal.BAD_SIGNATURE)
                : CallbackSignature.verify(secret.get(), request.getHeader(CallbackSignature.SIGNATURE_HEADER),
                request.getHeader(CallbackSignature.TIMESTAMP_HEADER), raw, clock.instant(), tolerance);
        if (refusal.isPresent()) {
            rejected(code, refusal.get().tag());
            ResponseEntity<ProblemDetail> answer = problem(HttpStatus.UNAUTHORIZED, ProblemTypes.CALLBACK_UNAUTHENTICATED,
                    "Callback not authenticated",
                    "the callback's signature or timestamp did not verify (" + refusal.get().tag() + ")", request);
            return ResponseEntity.status(answer.getStatusCode()).headers(answer.getHeaders())
                    .header("WWW-Authenticate", "Ledger-HMAC-SHA256 headers=\"" + CallbackSignature.TIMESTAMP_HEADER + " "
                            + CallbackSignature.SIGNATURE_HEADER + "\"").body(answer.getBody());
        }
        return apply(code, body, raw);
    }

    /** Callbacks kept as unmatched, newest first: for auditors and operators to settle with the provider. */
    @GetMapping("/api/v1/providers/{code}/unmatched-callbacks")
    @Operation(summary = "A provider's callbacks the ledger could not apply (unknown payment, another provider's payment)")
    public Page<UnmatchedCallback> unmatched(@PathVariable String code, @RequestParam(required = false) Integer page,
                                             @RequestParam(required = false) Integer size) {
        if (!code.matches(RequestText.CODE)) {
            throw new InvalidRequestException("code", "code " + RequestText.CODE_MESSAGE);
        }
        return unmatched.of(code, org.civicledger.query.read.ReadRequests.page(page, size));
    }

    private ResponseEntity<?> apply(String code, ProviderCallbackBody body, byte[] raw) {
        boolean chargeback = CHARGEBACK.equals(body.status());
        CallbackOutcome outcome = chargeback ? null : CallbackOutcome.valueOf(body.status().toUpperCase(Locale.ROOT));
        Money amount = amount(body, chargeback || outcome == CallbackOutcome.SUCCEEDED);
        Actor provider = Actor.system("provider:" + code);
        String commandId = "callback:" + code + ":" + body.providerEventId();
        LedgerCommand command;
        if (chargeback) {
            if (body.reason() == null || body.reason().isBlank()) {
                throw new InvalidRequestException("reason", "a chargeback gives the provider's reason");
            }
            command = new RecordChargeback(body.paymentId(), chargebackId(code, body.providerEventId()), amount, body.reason(), commandId,
                    provider);
        } else {
            command = new RecordProviderCallback(body.paymentId(), code, body.providerEventId(), outcome, amount, body.reason(), commandId,
                    provider);
        }
        try {
            Sent sent = sender.send(command, new CommandContext(provider, "provider", commandId), body.paymentId(), PAYMENT);
            HandlerResult result = sent.result() == null ? new HandlerResult(null, null, false)
                    : objectMapper.convertValue(sent.result(), HandlerResult.class);
            return ResponseEntity.ok(new CallbackAnswer(body.paymentId(), body.providerEventId(), result.status(), result.duplicate(),
                    sent.position(), null));
        } catch (RuntimeException failure) {
            RuleViolation violation = violationIn(failure);
            boolean unknownPayment = violation != null && violation.kind() == RuleViolation.Kind.NOT_FOUND;
            boolean otherProvider = violation != null && "CallbackFromThePaymentsProvider".equals(violation.rule());
            // A chargeback the payment refuses (nothing received, more than is left, its id reused with another amount) is
            // the provider's claim against the city: kept for an auditor to settle by hand, never dropped, never retried.
            boolean refusedChargeback = chargeback && violation != null && violation.kind() == RuleViolation.Kind.CONFLICT;
            if (!unknownPayment && !otherProvider && !refusedChargeback) {
                throw failure;
            }
            String reason = unknownPayment ? "the ledger holds no payment " + body.paymentId()
                    : otherProvider ? "payment " + body.paymentId() + " was made through another provider"
                    : "chargeback refused by rule " + violation.rule() + ": " + violation.getMessage();
            boolean first = unmatched.record(new UnmatchedCallback(code, body.providerEventId(), body.paymentId(),
                    chargeback ? "CHARGEBACK" : outcome.name(), amount,
                    body.occurredAt(), clock.instant(), reason, sha256(raw)));
            LOG.warn("Provider {} called back about {}: {}; kept as unmatched{}", code, body.paymentId(), reason,
                    first ? "" : " (a repeat of event " + body.providerEventId() + ")");
            return ResponseEntity.accepted().body(new CallbackAnswer(body.paymentId(), body.providerEventId(), null, !first, null,
                    reason));
        }
    }

    /**
     * The chargeback's id on the payment: the provider's event id itself when it is a plain code (so an auditor finds the
     * provider's notice by it), else a name-based UUID of it, the ledger's ids being plain codes of at most 64 characters.
     * Either way the same notice again maps to the same id, which the payment applies once.
     */
    static String chargebackId(String providerCode, String providerEventId) {
        if (providerEventId.matches(RequestText.CODE)) {
            return providerEventId;
        }
        return UUID.nameUUIDFromBytes((providerCode + "\n" + providerEventId).getBytes(StandardCharsets.UTF_8)).toString();
    }

    private static Money amount(ProviderCallbackBody body, boolean required) {
        if (body.amount() == null) {
            if (required) {
                throw new InvalidRequestException("amount", "a succeeded or chargeback callback says what amount the provider took");
            }
            return null;
        }
        if (body.currency() == null) {
            throw new InvalidRequestException("currency", "an amount needs its currency");
        }
        try {
            return Money.ofDecimal(body.amount(), body.currency());
        } catch (IllegalArgumentException invalid) {
            throw new InvalidRequestException("amount", invalid.getMessage());
        }
    }

    private void rejected(String provider, String reason) {
        Counter.builder(REJECTED_METER).description("Provider callbacks refused before reaching the ledger")
                .tag("provider", provider).tag("reason", reason).register(meters).increment();
    }

    private static ResponseEntity<ProblemDetail> problem(HttpStatus status, URI type, String title, String detail,
                                                         HttpServletRequest request) {
        ProblemDetail problem = ProblemWriter.problem(status, type, title, detail, null);
        problem.setInstance(URI.create(request.getRequestURI()));
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    private static RuleViolation violationIn(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof RuleViolation violation) {
                return violation;
            }
        }
        return null;
    }

    static String sha256(byte[] raw) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(raw == null ? new byte[0] : raw));
        } catch (NoSuchAlgorithmException unavailable) {
            throw new IllegalStateException(unavailable);
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record HandlerResult(String paymentId, String status, boolean duplicate) {
    }
}
