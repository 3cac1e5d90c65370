package org.civicledger.query.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.civicledger.query.http.ProblemWriter;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Limits the open case-status lookup ({@code POST /api/v1/case-status/lookup}) per client, and counts the
 * lookups that match no case.
 *
 * <p>The lookup needs no sign-in, so a case password is all that stands between a guesser and a case's status:
 * each client (its remote address, as the servlet container reports it; behind a proxy set
 * {@code server.forward-headers-strategy}) gets a token bucket of {@code requestsPerMinute} lookups, refilled
 * continuously. An empty bucket is a 429 problem with {@code Retry-After}. At most {@code clientsMax} buckets
 * are kept; when that many clients are seen, full buckets are forgotten first and, if that is not enough,
 * all of them (a flood of addresses then resets the limit rather than exhausting memory).
 */
public final class CaseLookupRateLimitFilter extends OncePerRequestFilter {

    public static final String LOOKUP_PATH = "/api/v1/case-status/lookup";

    private final double capacity;
    private final double refillPerMilli;
    private final int clientsMax;
    private final Clock clock;
    private final ProblemWriter problems;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    private static final class Bucket {
        double tokens;
        long updatedMillis;

        Bucket(double tokens, long updatedMillis) {
            this.tokens = tokens;
            this.updatedMillis = updatedMillis;
        }
    }

    public CaseLookupRateLimitFilter(int requestsPerMinute, int clientsMax, Clock clock, ObjectMapper objectMapper) {
        if (requestsPerMinute < 1 || clientsMax < 1) {
            throw new IllegalArgumentException("the case lookup rate and the number of clients tracked are at least 1");
        }
        this.capacity = requestsPerMinute;
        this.refillPerMilli = requestsPerMinute / 60_000.0;
        this.clientsMax = clientsMax;
        this.clock = clock;
        this.problems = new ProblemWriter(objectMapper);
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !("POST".equals(request.getMethod()) && LOOKUP_PATH.equals(request.getRequestURI()));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long waitSeconds = take(request.getRemoteAddr());
        if (waitSeconds > 0) {
            SecurityEvents.caseLookupRateLimited();
            problems.write(request, response, ProblemWriter.problem(HttpStatus.TOO_MANY_REQUESTS, SecurityProblems.TOO_MANY_REQUESTS,
                    "Too many lookups", "too many case-status lookups from this client; retry after " + waitSeconds + " s", null),
                    Map.of("Retry-After", Long.toString(waitSeconds)));
            return;
        }
        chain.doFilter(request, response);
        if (response.getStatus() == HttpStatus.NOT_FOUND.value()) {
            SecurityEvents.caseLookupFailed();
        }
    }

    /** Takes one token of the client's bucket: 0 when there was one, else the seconds until there is. */
    long take(String client) {
        long now = clock.millis();
        if (buckets.size() >= clientsMax && !buckets.containsKey(client)) {
            forgetIdleClients(now);
        }
        Bucket bucket = buckets.computeIfAbsent(client == null ? "" : client, unused -> new Bucket(capacity, now));
        synchronized (bucket) {
            refill(bucket, now);
            if (bucket.tokens >= 1) {
                bucket.tokens -= 1;
                return 0;
            }
            return Math.max(1, (long) Math.ceil((1 - bucket.tokens) / refillPerMilli / 1000.0));
        }
    }

    private void refill(Bucket bucket, long now) {
        long elapsed = Math.max(0, now - bucket.updatedMillis);
        bucket.tokens = Math.min(capacity, bucket.tokens + elapsed * refillPerMilli);
        bucket.updatedMillis = now;
    }

    private void forgetIdleClients(long now) {
        buckets.entrySet().removeIf(entry -> {
            synchronized (entry.getValue()) {
                refill(entry.getValue(), now);
                return entry.getValue().tokens >= capacity;
            }
        });
        if (buckets.size() >= clientsMax) {
            buckets.clear();
        }
    }
}
