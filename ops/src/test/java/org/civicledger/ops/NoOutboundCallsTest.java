package org.civicledger.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.axonframework.springboot.updates.UpdateCheckConfiguration;
import org.axonframework.updates.LoggingUpdateCheckerReporter;
import org.axonframework.updates.UpdateChecker;
import org.axonframework.updates.UpdateCheckerHttpClient;
import org.axonframework.updates.api.UpdateCheckRequest;
import org.axonframework.updates.api.UpdateCheckResponse;
import org.axonframework.updates.configuration.UsagePropertyProvider;
import org.civicledger.ops.support.TestClockConfiguration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Import;

/**
 * Axon 4.12+ calls home at start to check for updates. The ledger's configuration switches that
 * off; this test runs Axon's own checker under that configuration with a client that records
 * calls, and proves none is attempted. (Axon leaves the checker out of test runs on its own, so
 * the context alone would prove nothing.)
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE, properties = {
        "ledger.data-dir=${java.io.tmpdir}/civic-ledger-test-${random.uuid}", "ledger.notices.dispatch.enabled=false"})
@Import(TestClockConfiguration.class)
class NoOutboundCallsTest {

    @Autowired
    UpdateCheckConfiguration updateCheck;
    @Autowired
    ApplicationContext context;

    @Test
    void axons_update_checker_makes_no_call_under_the_ledgers_configuration() throws Exception {
        UsagePropertyProvider properties = UsagePropertyProvider.create(updateCheck);
        assertThat(properties.getDisabled()).isTrue();

        AtomicInteger calls = new AtomicInteger();
        UpdateCheckerHttpClient recordingClient = new UpdateCheckerHttpClient(properties) {
            @Override
            public Optional<UpdateCheckResponse> sendRequest(UpdateCheckRequest request, boolean firstRequest) {
                calls.incrementAndGet();
                return Optional.empty();
            }
        };
        // Axon's checker sends its first request from a task it schedules a second after start.
        java.util.concurrent.ScheduledThreadPoolExecutor executor = new java.util.concurrent.ScheduledThreadPoolExecutor(1);
        UpdateChecker checker = new UpdateChecker(recordingClient, new LoggingUpdateCheckerReporter(), properties, executor);
        checker.start();
        assertThat(executor.getQueue()).as("scheduled update checks").isEmpty();
        executor.shutdownNow();
        assertThat(calls).hasValue(0);
    }

    @Test
    void axon_server_is_not_connected_by_default() {
        assertThat(context.getEnvironment().getProperty("axon.axonserver.enabled")).isEqualTo("false");
        assertThat(context.getBeansOfType(org.axonframework.axonserver.connector.AxonServerConnectionManager.class)).isEmpty();
    }
}
