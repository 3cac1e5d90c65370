package org.civicledger.query.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses API request bodies above a size limit (64 KiB unless configured) with a 413 problem, and
 * keeps the accepted body in memory for the filters and controllers after it.
 *
 * <p>A declared {@code Content-Length} above the limit is refused before anything is read; a body
 * without one (chunked) is counted while it is read and refused as soon as it passes the limit, so
 * no request can make the ledger hold more than the limit in memory.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
public class RequestBodyLimitFilter extends OncePerRequestFilter {

    public static final int DEFAULT_LIMIT_BYTES = 64 * 1024;

    private final int limitBytes;
    private final ProblemWriter problems;

    /** Providers' settlement files are a day of transactions, not a JSON document: 32 MiB (about 200,000 lines). */
    public static final int SETTLEMENT_FILE_LIMIT_BYTES = 32 * 1024 * 1024;
    private static final java.util.regex.Pattern SETTLEMENT_FILES = java.util.regex.Pattern.compile("/api/v1/providers/[^/]+/settlements");

    private final int settlementLimitBytes;

    public RequestBodyLimitFilter(@Value("${ledger.api.request-body-limit-bytes:" + DEFAULT_LIMIT_BYTES + "}") int limitBytes,
                                  ObjectMapper objectMapper) {
        this(limitBytes, SETTLEMENT_FILE_LIMIT_BYTES, objectMapper);
    }

    @org.springframework.beans.factory.annotation.Autowired
    public RequestBodyLimitFilter(@Value("${ledger.api.request-body-limit-bytes:" + DEFAULT_LIMIT_BYTES + "}") int limitBytes,
                                  @Value("${ledger.api.settlement-file-limit-bytes:" + SETTLEMENT_FILE_LIMIT_BYTES + "}") int settlementLimitBytes,
                                  ObjectMapper objectMapper) {
        this.limitBytes = limitBytes;
        this.settlementLimitBytes = settlementLimitBytes;
        this.problems = new ProblemWriter(objectMapper);
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getRequestURI().startsWith("/api/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        int limit = "POST".equals(request.getMethod()) && SETTLEMENT_FILES.matcher(request.getRequestURI()).matches()
                ? settlementLimitBytes : limitBytes;
        if (request.getContentLengthLong() > limit) {
            refuse(request, response);
            return;
        }
        byte[] body = readAtMost(request.getInputStream(), limit);
        if (body == null) {
            refuse(request, response);
            return;
        }
        chain.doFilter(new CachedBodyRequest(request, body), response);
    }

    /** Reads the whole stream, or returns null as soon as it holds more than {@code limit} bytes. */
    public static byte[] readAtMost(InputStream input, int limit) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(limit, 8 * 1024));
        byte[] buffer = new byte[8 * 1024];
        int total = 0;
        int read;
        while ((read = input.read(buffer)) != -1) {
            total += read;
            if (total > limit) {
                return null;
            }
            out.write(buffer, 0, read);
        }
        return out.toByteArray();
    }

    private void refuse(HttpServletRequest request, HttpServletResponse response) throws IOException {
        // The connection is closed after the answer: the rest of an oversized body is not worth reading.
        problems.write(request, response, ProblemWriter.problem(HttpStatus.PAYLOAD_TOO_LARGE, ProblemTypes.PAYLOAD_TOO_LARGE,
                "Request body too large", "the request body is larger than " + limitBytes + " bytes", null),
                Map.of("Connection", "close"));
    }
}
