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

    /** Documents are uploaded whole (base64 in JSON) and verified by their bytes: 10 MiB of content unless configured. */
    public static final int DEFAULT_DOCUMENT_LIMIT_BYTES = 10 * 1024 * 1024;
    public static final String DOCUMENTS_PATH = "/api/v1/documents";
    public static final String DOCUMENT_VERIFY_PATH = "/api/v1/documents/verify";

    private final int limitBytes;
    private final int documentLimitBytes;
    private final ProblemWriter problems;

    /** Providers' settlement files are a day of transactions, not a JSON document: 32 MiB (about 200,000 lines). */
    public static final int SETTLEMENT_FILE_LIMIT_BYTES = 32 * 1024 * 1024;
    private static final java.util.regex.Pattern SETTLEMENT_FILES = java.util.regex.Pattern.compile("/api/v1/providers/[^/]+/settlements");

    private final int settlementLimitBytes;

    /** Tests and tools: the default document and settlement-file limits. */
    public RequestBodyLimitFilter(int limitBytes, ObjectMapper objectMapper) {
        this(limitBytes, DEFAULT_DOCUMENT_LIMIT_BYTES, SETTLEMENT_FILE_LIMIT_BYTES, objectMapper);
    }

    @org.springframework.beans.factory.annotation.Autowired
    public RequestBodyLimitFilter(@Value("${ledger.api.request-body-limit-bytes:" + DEFAULT_LIMIT_BYTES + "}") int limitBytes,
                                  @Value("${ledger.documents.content-limit-bytes:" + DEFAULT_DOCUMENT_LIMIT_BYTES + "}") int documentLimitBytes,
                                  @Value("${ledger.api.settlement-file-limit-bytes:" + SETTLEMENT_FILE_LIMIT_BYTES + "}") int settlementLimitBytes,
                                  ObjectMapper objectMapper) {
        this.limitBytes = limitBytes;
        this.documentLimitBytes = documentLimitBytes;
        this.settlementLimitBytes = settlementLimitBytes;
        this.problems = new ProblemWriter(objectMapper);
    }

    /** Settlement files take theirs; the two document uploads take the content limit (as base64 in JSON: 4/3 of it, plus room for the other fields). */
    private int limitFor(HttpServletRequest request) {
        if ("POST".equals(request.getMethod()) && SETTLEMENT_FILES.matcher(request.getRequestURI()).matches()) {
            return settlementLimitBytes;
        }
        if ("POST".equals(request.getMethod()) && DOCUMENTS_PATH.equals(request.getRequestURI())) {
            return (int) Math.min(Integer.MAX_VALUE - 1024L, (documentLimitBytes + 2L) / 3 * 4 + limitBytes);
        }
        if ("POST".equals(request.getMethod()) && DOCUMENT_VERIFY_PATH.equals(request.getRequestURI())) {
            return documentLimitBytes;
        }
        return limitBytes;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getRequestURI().startsWith("/api/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        int limit = limitFor(request);
        if (request.getContentLengthLong() > limit) {
            refuse(request, response, limit);
            return;
        }
        byte[] body = readAtMost(request.getInputStream(), limit);
        if (body == null) {
            refuse(request, response, limit);
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

    private void refuse(HttpServletRequest request, HttpServletResponse response, int limitBytes) throws IOException {
        // The connection is closed after the answer: the rest of an oversized body is not worth reading.
        problems.write(request, response, ProblemWriter.problem(HttpStatus.PAYLOAD_TOO_LARGE, ProblemTypes.PAYLOAD_TOO_LARGE,
                "Request body too large", "the request body is larger than " + limitBytes + " bytes", null),
                Map.of("Connection", "close"));
    }
}
