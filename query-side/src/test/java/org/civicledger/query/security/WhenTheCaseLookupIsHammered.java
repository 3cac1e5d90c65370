package org.civicledger.query.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/** The open case-status lookup is limited per client, and lookups that match no case are counted. */
class WhenTheCaseLookupIsHammered {

    private final AtomicLong nowMillis = new AtomicLong(Instant.parse("2026-12-07T02:00:00Z").toEpochMilli());
    private final Clock clock = new Clock() {
        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(nowMillis.get());
        }
    };
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final CaseLookupRateLimitFilter filter = new CaseLookupRateLimitFilter(10, 100, clock, new ObjectMapper());
    private int reachedTheLookup;

    @BeforeEach
    void countIntoATestRegistry() {
        Metrics.addRegistry(meters);
    }

    @AfterEach
    void removeTheTestRegistry() {
        Metrics.removeRegistry(meters);
    }

    /** A lookup from {@code client} whose case number and password match nothing (404). */
    private MockHttpServletResponse lookUp(String client) throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", CaseLookupRateLimitFilter.LOOKUP_PATH);
        request.setRemoteAddr(client);
        MockHttpServletResponse response = new MockHttpServletResponse();
        filter.doFilter(request, response, new MockFilterChain(new HttpServlet() {
            @Override
            protected void service(HttpServletRequest req, HttpServletResponse resp) {
                reachedTheLookup++;
                resp.setStatus(404);
            }
        }));
        return response;
    }

    @Test
    void the_eleventh_lookup_in_a_minute_is_refused_with_retry_after_and_never_reaches_the_ledger() throws Exception {
        for (int i = 0; i < 10; i++) {
            assertThat(lookUp("192.0.2.1").getStatus()).isEqualTo(404);
        }
        MockHttpServletResponse refused = lookUp("192.0.2.1");

        assertThat(refused.getStatus()).isEqualTo(429);
        assertThat(refused.getContentType()).startsWith("application/problem+json");
        assertThat(refused.getHeader("Retry-After")).isEqualTo("6");
        assertThat(reachedTheLookup).isEqualTo(10);
        assertThat(meters.counter(SecurityEvents.CASE_LOOKUP_RATE_LIMITED_METER).count()).isEqualTo(1);
    }

    @Test
    void failed_lookups_are_counted_and_another_client_keeps_its_own_allowance() throws Exception {
        for (int i = 0; i < 11; i++) {
            lookUp("192.0.2.1");
        }
        assertThat(lookUp("192.0.2.2").getStatus()).isEqualTo(404);
        assertThat(meters.counter(SecurityEvents.CASE_LOOKUP_FAILURES_METER).count()).isEqualTo(11);
    }

    @Test
    void the_allowance_refills_with_time() throws Exception {
        for (int i = 0; i < 11; i++) {
            lookUp("192.0.2.1");
        }
        nowMillis.addAndGet(6_000);
        assertThat(lookUp("192.0.2.1").getStatus()).isEqualTo(404);
        assertThat(lookUp("192.0.2.1").getStatus()).isEqualTo(429);
    }
}
