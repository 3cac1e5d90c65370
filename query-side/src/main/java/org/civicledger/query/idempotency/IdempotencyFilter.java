package org.civicledger.query.idempotency;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.civicledger.query.http.ApiRequests;
import org.civicledger.query.http.CachedBodyRequest;
import org.civicledger.query.http.ProblemTypes;
import org.civicledger.query.http.ProblemWriter;
import org.civicledger.query.http.RequestBodyLimitFilter;
import org.civicledger.query.idempotency.IdempotencyStore.Claim;
import org.civicledger.query.idempotency.IdempotencyStore.KeyReused;
import org.civicledger.query.idempotency.IdempotencyStore.Replay;
import org.civicledger.query.idempotency.IdempotencyStore.StillRunning;
import org.civicledger.query.idempotency.IdempotencyStore.StoredAnswer;
import org.civicledger.query.security.LedgerAuthentication;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.dao.DataAccessException;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * Makes every POST under {@code /api/v1} idempotent by its {@code Idempotency-Key} header.
 *
 * <ul>
 *   <li>no key, or not 1 to 128 printable characters: 400;</li>
 *   <li>first use of a key: the request runs and its answer is stored, unless it failed for a passing
 *       reason (5xx, a concurrent writer), in which case the key is released for a retry, or the HTTP
 *       layer refused it before the ledger saw it (400, 404 route, 405, 415: see
 *       {@link ApiRequests#REFUSED_BEFORE_LEDGER_ATTRIBUTE}), in which case nothing is kept;</li>
 *   <li>same key, same method, path and body, answered: the stored answer, with {@code Idempotent-Replayed: true}
 *       (less any secret the controller withheld from storage, see {@link ApiRequests#REPLAY_BODY_ATTRIBUTE});</li>
 *   <li>same key, same request, still running: 409;</li>
 *   <li>same key, another request: 422.</li>
 * </ul>
 * Keys are scoped by the verified subject of the bearer token: two actors may pick the same key without
 * meeting, and nobody can replay another's answer by sending their key. The filter therefore runs after
 * Spring Security's chain ({@link SecurityProperties#DEFAULT_FILTER_ORDER}), which has authenticated the
 * request and refused it if it may not write here at all.
 */
@Component
@Order(SecurityProperties.DEFAULT_FILTER_ORDER + 10)
public class IdempotencyFilter extends OncePerRequestFilter {

    private static final Logger LOG = LoggerFactory.getLogger(IdempotencyFilter.class);
    private static final Pattern KEY = Pattern.compile("[\\x20-\\x7E]{1,128}");

    /**
     * Provider callbacks carry no bearer token and no Idempotency-Key: the provider's own event id is their
     * natural key, and the payment aggregate treats a repeated one as a no-op, answered alike.
     */
    private static final Pattern PROVIDER_CALLBACK = Pattern.compile("/api/v1/providers/[^/]+/callbacks");

    private final IdempotencyStore store;
    private final ProblemWriter problems;
    private final ObjectMapper objectMapper;
    private final RequestFingerprint fingerprint;

    /**
     * POSTs that are queries, not writes: they change nothing, so there is nothing to deduplicate,
     * and their answers (a case's status, looked up by case number and password) must not be stored.
     * They use POST only to keep secrets out of URLs and logs.
     */
    private final Set<String> exemptPaths;

    public IdempotencyFilter(IdempotencyStore store, ObjectMapper objectMapper, RequestFingerprint fingerprint,
                             @Value("${ledger.api.idempotency.exempt-paths:/api/v1/case-status/lookup,/api/v1/documents/verify}") String[] exemptPaths) {
        this.exemptPaths = Set.of(exemptPaths);
        this.store = store;
        this.fingerprint = fingerprint;
        this.objectMapper = objectMapper;
        this.problems = new ProblemWriter(objectMapper);
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !ApiRequests.isApiWrite(request.getMethod(), request.getRequestURI()) || exemptPaths.contains(request.getRequestURI())
                || PROVIDER_CALLBACK.matcher(request.getRequestURI()).matches();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String key = request.getHeader(ApiRequests.IDEMPOTENCY_KEY_HEADER);
        if (key == null || key.isBlank() || !KEY.matcher(key).matches()) {
            refuse(request, response, HttpStatus.BAD_REQUEST, ProblemTypes.INVALID_REQUEST, "Invalid request",
                    "every write needs an Idempotency-Key header of 1 to 128 printable characters");
            return;
        }
        // A write reaches here signed in; a token naming no usable actor is refused later, its refusal kept under "".
        String scope = LedgerAuthentication.current().map(actor -> actor.subject()).orElse("");
        // The body limit filter normally read the body already; read it here (within the same limit) when it did not.
        CachedBodyRequest cached = CachedBodyRequest.find(request);
        HttpServletRequest readable = request;
        if (cached == null) {
            byte[] read = RequestBodyLimitFilter.readAtMost(request.getInputStream(), RequestBodyLimitFilter.DEFAULT_LIMIT_BYTES);
            if (read == null) {
                refuse(request, response, HttpStatus.PAYLOAD_TOO_LARGE, ProblemTypes.PAYLOAD_TOO_LARGE, "Request body too large",
                        "the request body is larger than " + RequestBodyLimitFilter.DEFAULT_LIMIT_BYTES + " bytes");
                return;
            }
            cached = new CachedBodyRequest(request, read);
            readable = cached;
        }
        byte[] body = cached.body();

        Claim claim;
        try {
            claim = store.claim(key, scope, requestHash(request, body));
        } catch (DataAccessException unavailable) {
            LOG.error("Could not claim an idempotency key", unavailable);
            problems.write(request, response, ProblemWriter.problem(HttpStatus.SERVICE_UNAVAILABLE, ProblemTypes.INTERNAL_ERROR,
                    "Temporarily unavailable", "the ledger cannot take writes right now; retry with the same Idempotency-Key", null),
                    Map.of());
            return;
        }
        if (claim instanceof KeyReused) {
            refuse(request, response, HttpStatus.UNPROCESSABLE_ENTITY, ProblemTypes.IDEMPOTENCY_KEY_REUSED, "Idempotency key reused",
                    "this Idempotency-Key was used for a different request; use a new key for a new request");
        } else if (claim instanceof StillRunning) {
            refuse(request, response, HttpStatus.CONFLICT, ProblemTypes.IDEMPOTENCY_REQUEST_IN_PROGRESS, "Request in progress",
                    "a request with this Idempotency-Key is being handled; retry later to get its answer");
        } else if (claim instanceof Replay replay) {
            replay(response, replay.answer());
        } else {
            run(readable, response, chain, key, scope);
        }
    }

    private void run(HttpServletRequest request, HttpServletResponse response, FilterChain chain, String key, String scope)
            throws ServletException, IOException {
        ContentCachingResponseWrapper captured = new ContentCachingResponseWrapper(response);
        try {
            try {
                chain.doFilter(request, captured);
            } catch (ServletException | IOException | RuntimeException failure) {
                store.abandon(key, scope);
                throw failure;
            }
            int status = captured.getStatus();
            boolean passing = status >= 500 || Boolean.TRUE.equals(request.getAttribute(ApiRequests.RETRYABLE_FAILURE_ATTRIBUTE));
            boolean refusedBeforeLedger = Boolean.TRUE.equals(request.getAttribute(ApiRequests.REFUSED_BEFORE_LEDGER_ATTRIBUTE));
            try {
                if (passing || refusedBeforeLedger) {
                    store.abandon(key, scope);
                } else {
                    Object replayBody = request.getAttribute(ApiRequests.REPLAY_BODY_ATTRIBUTE);
                    byte[] stored = replayBody == null ? captured.getContentAsByteArray() : objectMapper.writeValueAsBytes(replayBody);
                    store.complete(key, scope, new StoredAnswer(status, captured.getContentType(), captured.getHeader("Location"),
                            stored));
                }
            } catch (RuntimeException | IOException storeFailure) {
                // The work is done, so the client still gets its answer; the key is freed when its lease runs out.
                LOG.error("Could not record the answer for an idempotency key", storeFailure);
            }
        } finally {
            captured.copyBodyToResponse();
        }
    }

    private static void replay(HttpServletResponse response, StoredAnswer answer) throws IOException {
        response.setStatus(answer.statusCode());
        response.setHeader(ApiRequests.IDEMPOTENT_REPLAYED_HEADER, "true");
        if (answer.contentType() != null) {
            response.setContentType(answer.contentType());
        }
        if (answer.location() != null) {
            response.setHeader("Location", answer.location());
        }
        byte[] body = answer.body() == null ? new byte[0] : answer.body();
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
        response.flushBuffer();
    }

    private void refuse(HttpServletRequest request, HttpServletResponse response, HttpStatus status, URI type, String title,
                        String detail) throws IOException {
        String field = status == HttpStatus.PAYLOAD_TOO_LARGE ? null : ApiRequests.IDEMPOTENCY_KEY_HEADER;
        problems.write(request, response, ProblemWriter.problem(status, type, title, detail, field), Map.of());
    }

    /** The keyed fingerprint of method, path with query and body: what "the same request" means for a key. */
    String requestHash(HttpServletRequest request, byte[] body) {
        String query = request.getQueryString();
        return fingerprint.of(request.getMethod(), request.getRequestURI() + (query == null ? "" : "?" + query), body);
    }
}
