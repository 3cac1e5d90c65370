package org.civicledger.query.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.Map;
import org.civicledger.query.http.ProblemWriter;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.oauth2.server.resource.web.access.BearerTokenAccessDeniedHandler;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

/**
 * Answers refused requests as RFC 9457 problem details ({@code application/problem+json}), after Spring's
 * bearer-token handlers have set the status and {@code WWW-Authenticate}; counts and logs each refusal.
 * The detail never repeats the token or says more than which kind of refusal it is.
 */
public final class SecurityProblems implements AuthenticationEntryPoint, AccessDeniedHandler {

    public static final URI UNAUTHORIZED = URI.create("urn:civic-ledger:problem:unauthorized");
    public static final URI FORBIDDEN = URI.create("urn:civic-ledger:problem:forbidden");
    public static final URI TOO_MANY_REQUESTS = URI.create("urn:civic-ledger:problem:too-many-requests");

    private final ProblemWriter problems;
    private final BearerTokenAuthenticationEntryPoint bearerEntryPoint = new BearerTokenAuthenticationEntryPoint();
    private final BearerTokenAccessDeniedHandler bearerDenied = new BearerTokenAccessDeniedHandler();

    public SecurityProblems(ObjectMapper objectMapper) {
        this.problems = new ProblemWriter(objectMapper);
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException failure)
            throws IOException {
        bearerEntryPoint.commence(request, response, failure);
        String reason = failure instanceof OAuth2AuthenticationException oauth ? oauth.getError().getErrorCode() : "missing_token";
        SecurityEvents.authenticationFailed(reason, request.getMethod(), request.getRequestURI());
        String detail = "missing_token".equals(reason)
                ? "this request needs a bearer token (Authorization: Bearer …)"
                : "the bearer token was refused: it is malformed, expired, not yet valid, or not from a trusted issuer for this audience";
        problems.write(request, response, ProblemWriter.problem(HttpStatus.UNAUTHORIZED, UNAUTHORIZED, "Sign-in required", detail, null),
                Map.of());
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException denied) throws IOException {
        bearerDenied.handle(request, response, denied);
        SecurityEvents.denied("url_rule", LedgerAuthentication.current().orElse(null), request.getMethod(), request.getRequestURI());
        problems.write(request, response, ProblemWriter.problem(HttpStatus.FORBIDDEN, FORBIDDEN, "Forbidden",
                "the signed-in role may not do this", null), Map.of());
    }
}
