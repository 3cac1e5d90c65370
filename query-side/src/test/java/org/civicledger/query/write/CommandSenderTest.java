package org.civicledger.query.write;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.axonframework.commandhandling.AsynchronousCommandBus;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.civicledger.events.cases.CaseCommands.StartReview;
import org.civicledger.events.common.Actor;
import org.civicledger.query.http.ProblemAdvice;
import org.civicledger.query.write.CommandSender.Target;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.mock.web.MockHttpServletRequest;

/**
 * What the sender does when the ledger does not answer in time: a failure the advice reads as 503.
 *
 * <p>The wait can only time out on a bus that handles commands on other threads (asynchronous, Axon
 * Server); Axon's SimpleCommandBus runs the handler on the caller's thread, so there the wait ends
 * when the handler does, bounded by Axon's own handler timeouts.
 */
class CommandSenderTest {

    @Test
    void a_command_that_outlasts_the_timeout_fails_with_a_timeout_that_answers_503() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AsynchronousCommandBus bus = AsynchronousCommandBus.builder().build();
        bus.subscribe(StartReview.class.getName(), message -> release.await(5, TimeUnit.SECONDS));
        CommandSender sender = new CommandSender(DefaultCommandGateway.builder().commandBus(bus).build(),
                new EventPositions(null), Duration.ofMillis(100));
        CommandContext context = new CommandContext(Actor.officer("officer-1", "DBU"), "api", "key-1");
        try {
            Throwable failure = catchThrowable(
                    () -> sender.send(new StartReview("c-1", "key-1", context.actor()), context, "c-1", Target.CASE));
            assertThat(failure).isInstanceOf(CommandExecutionException.class);
            MockHttpServletRequest request = new MockHttpServletRequest();
            assertThat(new ProblemAdvice().commandExecution((CommandExecutionException) failure, request).getStatusCode())
                    .isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
            assertThat(request.getAttribute(org.civicledger.query.http.ApiRequests.RETRYABLE_FAILURE_ATTRIBUTE)).isEqualTo(true);
        } finally {
            release.countDown();
            bus.shutdown();
        }
    }
}
