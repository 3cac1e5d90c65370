package org.civicledger.query.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.json.ProblemDetailJacksonMixin;

/**
 * Writes problem details from servlet filters, which run outside Spring MVC and so outside
 * {@link ProblemAdvice}; the JSON has the same shape as the advice's.
 */
public final class ProblemWriter {

    private final ObjectMapper objectMapper;

    public ProblemWriter(ObjectMapper objectMapper) {
        this.objectMapper = objectMapper.copy().addMixIn(ProblemDetail.class, ProblemDetailJacksonMixin.class);
    }

    public static ProblemDetail problem(HttpStatus status, URI type, String title, String detail, String field) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(type);
        problem.setTitle(title);
        if (field != null) {
            problem.setProperty("field", field);
        }
        return problem;
    }

    public void write(HttpServletRequest request, HttpServletResponse response, ProblemDetail problem,
                      Map<String, String> headers) throws IOException {
        write(request, response, problem, headers, request.getRequestURI());
    }

    /** Writes the problem with {@code path} as its instance, or with none when the path is not a well-formed URI. */
    public void write(HttpServletRequest request, HttpServletResponse response, ProblemDetail problem,
                      Map<String, String> headers, String path) throws IOException {
        problem.setInstance(instance(path));
        response.resetBuffer();
        response.setStatus(problem.getStatus());
        headers.forEach(response::setHeader);
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        objectMapper.writeValue(response.getOutputStream(), problem);
        response.flushBuffer();
    }

    /** Writes the problem's JSON, for callers outside the servlet API (the container's error report). */
    public byte[] json(ProblemDetail problem, String path) throws IOException {
        problem.setInstance(instance(path));
        return objectMapper.writeValueAsBytes(problem);
    }

    private static URI instance(String path) {
        if (path == null) {
            return null;
        }
        try {
            URI uri = new URI(path);
            // Only a plain path: a refused request's path may carry what was refused (a ';' parameter, a NUL).
            return uri.getRawPath() != null && uri.getRawPath().equals(path) && path.indexOf(';') < 0 ? uri : null;
        } catch (java.net.URISyntaxException notAUri) {
            return null;
        }
    }
}
