package org.civicledger.query.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;

/**
 * Tomcat's error report as RFC 9457 problem details instead of its HTML page.
 *
 * <p>Tomcat refuses some requests before any servlet, filter or error page runs — a NUL or an encoded slash
 * in the path, a malformed request line — and answers them from its host's error report valve. That valve is
 * replaced by this one, which writes the same problem JSON as the rest of the API (no server version, no stack
 * trace). Responses that already carry a body are left alone.
 */
public final class ProblemErrorReportValve extends ErrorReportValve {

    private final ProblemWriter problems;

    public ProblemErrorReportValve(ObjectMapper objectMapper) {
        this.problems = new ProblemWriter(objectMapper);
        setShowReport(false);
        setShowServerInfo(false);
    }

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int code = response.getStatus();
        HttpStatus status = HttpStatus.resolve(code);
        if (status == null || !status.isError() || response.isCommitted() || response.getContentWritten() > 0) {
            return;
        }
        try {
            byte[] body = problems.json(ContainerProblems.of(status), request.getDecodedRequestURI() == null ? null
                    : request.getRequestURI());
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            response.setCharacterEncoding("UTF-8");
            response.setContentLength(body.length);
            try (OutputStream out = response.getOutputStream()) {
                out.write(body);
            }
        } catch (IOException | IllegalStateException e) {
            // The client went away or the response was taken over meanwhile: nothing more to tell it.
        }
    }

    /** Puts the valve on Tomcat's host before the host starts, so the host does not add its own HTML one. */
    @Component
    static class Installer implements WebServerFactoryCustomizer<TomcatServletWebServerFactory> {

        private final ObjectMapper objectMapper;

        Installer(ObjectMapper objectMapper) {
            this.objectMapper = objectMapper;
        }

        @Override
        public void customize(TomcatServletWebServerFactory factory) {
            factory.addContextCustomizers(context -> {
                if (context.getParent() instanceof StandardHost host) {
                    host.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
                    host.getPipeline().addValve(new ProblemErrorReportValve(objectMapper));
                }
            });
        }
    }
}
