package org.civicledger.ops.axon;

import static org.civicledger.events.common.Envelope.CAUSATION_ID;
import static org.civicledger.events.common.Envelope.CORRELATION_ID;
import static org.civicledger.events.common.Envelope.COMMAND_ID;
import static org.civicledger.events.common.Envelope.CHANNEL;
import static org.civicledger.events.common.Envelope.ACTOR_AGENCY;
import static org.civicledger.events.common.Envelope.ACTOR_ROLE;
import static org.civicledger.events.common.Envelope.ACTOR_SUBJECT;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.transaction.TransactionManager;
import com.github.kagkarlsson.scheduler.Scheduler;
import org.axonframework.config.ConfigurationScopeAwareProvider;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventsourcing.eventstore.jpa.SQLStateResolver;
import org.axonframework.deadline.dbscheduler.DbSchedulerDeadlineManager;
import org.axonframework.eventhandling.LoggingErrorHandler;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.axonframework.messaging.deadletter.Decisions;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.MessageOriginProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.civicledger.events.EventUpcasters;
import org.civicledger.command.notices.CaseNoticePolicy;
import org.civicledger.command.privacy.PersonalDataModule;
import org.civicledger.command.privacy.PersonalDataSealing;
import org.civicledger.events.common.LedgerCommand;
import org.civicledger.ops.LedgerClock;
import org.civicledger.projections.ProjectionsModule;
import org.civicledger.projections.integrity.ChainingJdbcEventStorageEngine;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.http.converter.json.Jackson2ObjectMapperBuilder;

/**
 * How Axon is put together here: the JDBC event store, Jackson everywhere, event metadata, processors.
 *
 * <p>Every event carries the envelope of DESIGN.md in its metadata: actor (subject, role, agency),
 * channel, the client's command id, the correlation id of the whole conversation and the id of the
 * message that caused it. Projections run in pooled streaming processors; an exception in a
 * handler is propagated and the event dead-lettered, never logged and skipped.
 */
@Configuration
public class AxonConfiguration {


    /**
     * The city's clock: business dates (deadlines, decision days) are days in this zone. The system clock,
     * which only the demo loader sets back on its own threads (see {@link LedgerClock}).
     */
    @Bean
    public LedgerClock ledgerClock(@Value("${ledger.zone:Asia/Taipei}") String zone) {
        return new LedgerClock(ZoneId.of(zone));
    }

    /**
     * The object mapper of the HTTP layer. Declared because declaring Axon's own one below would
     * otherwise switch Spring Boot's off.
     */
    @Bean
    @Primary
    public ObjectMapper objectMapper(Jackson2ObjectMapperBuilder builder) {
        return builder.build();
    }

    /**
     * Axon's mapper, separate from the HTTP one: stored JSON must not change because someone tuned
     * the API's output. Unknown properties are tolerated when reading so that an additive upcast
     * never blocks a replay; the approval tests guard the names. Personal data inside messages is
     * sealed under the citizen's data key here ({@link PersonalDataModule}), and only here: the HTTP
     * mapper takes and gives it plain.
     */
    @Bean("defaultAxonObjectMapper")
    public ObjectMapper defaultAxonObjectMapper(PersonalDataSealing personalDataSealing) {
        return JsonMapper.builder()
                .findAndAddModules()
                .addModule(personalDataSealing.jacksonModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .build();
    }

    /**
     * Tells a lost race for an aggregate sequence (or a second creation of one aggregate) from other
     * database errors, by SQLSTATE 23505 (unique violation) on PostgreSQL and H2 alike. Axon's default
     * for JDBC only knows {@link java.sql.SQLIntegrityConstraintViolationException}, which the
     * PostgreSQL driver never throws: a concurrency conflict would surface as a failure, not a conflict.
     */
    @Bean
    public PersistenceExceptionResolver persistenceExceptionResolver() {
        return new SQLStateResolver("23505");
    }

    /**
     * The upcasters of the contract ({@link EventUpcasters}): stored events of an earlier revision are read as the records
     * of today. Axon's auto-configuration registers this bean with its configurer (the Axon Server store reads through
     * it); the JDBC store below is given it explicitly, since it is built here and not by Axon.
     */
    @Bean
    public EventUpcaster eventUpcasters() {
        return EventUpcasters.chain();
    }

    /** The JDBC event store, with the integrity hash chain; with the {@code axonserver} profile Axon Server takes its place. */
    @Bean
    @ConditionalOnProperty(name = "axon.axonserver.enabled", havingValue = "false", matchIfMissing = true)
    public EventStorageEngine eventStorageEngine(Serializer serializer,
                                                 @Qualifier("eventSerializer") Serializer eventSerializer,
                                                 @Qualifier("eventUpcasters") EventUpcaster eventUpcasters,
                                                 ConnectionProvider connectionProvider,
                                                 TransactionManager transactionManager,
                                                 PersistenceExceptionResolver persistenceExceptionResolver,
                                                 @Value("${ledger.event-store.batch-size:100}") int batchSize,
                                                 @Value("${ledger.event-store.gap-timeout-ms:60000}") int gapTimeoutMs) {
        JdbcEventStorageEngine.Builder builder = JdbcEventStorageEngine.builder()
                .snapshotSerializer(serializer)
                .eventSerializer(eventSerializer)
                .upcasterChain(eventUpcasters)
                .connectionProvider(connectionProvider)
                .transactionManager(transactionManager)
                .persistenceExceptionResolver(persistenceExceptionResolver)
                .dataType(byte[].class)
                .batchSize(batchSize)
                // A global index that was handed out but not yet committed (or rolled back) is a gap;
                // readers keep checking it for this long before they stop waiting for it.
                .gapTimeout(gapTimeoutMs);
        // Writes each event's hash-chain row in the transaction that stores the event (docs/integrity.md).
        return new ChainingJdbcEventStorageEngine(builder, transactionManager);
    }

    /**
     * Persistent deadlines (statutory clocks, appeal windows) in the {@code scheduled_tasks} table.
     * Declared with its concrete type because db-scheduler's task looks the manager up by that type,
     * possibly before anything else asked for it (after a restart, with deadlines already due).
     */
    @Bean
    public DbSchedulerDeadlineManager deadlineManager(Scheduler scheduler, org.axonframework.config.Configuration configuration,
                                                      @Qualifier("eventSerializer") Serializer serializer,
                                                      TransactionManager transactionManager) {
        return DbSchedulerDeadlineManager.builder()
                .scheduler(scheduler)
                .scopeAwareProvider(new ConfigurationScopeAwareProvider(configuration))
                .serializer(serializer)
                .transactionManager(transactionManager)
                // db-scheduler's Spring Boot starter starts and stops the scheduler itself.
                .startScheduler(false)
                .stopScheduler(false)
                .build();
    }

    /**
     * The deadline manager aggregates get: the one above, its deadlines indexed by aggregate so that cancelling an
     * aggregate's deadlines does not read every pending deadline of the city ({@link IndexedDeadlineManager}).
     */
    @Bean
    @Primary
    public IndexedDeadlineManager indexedDeadlineManager(DbSchedulerDeadlineManager deadlineManager,
                                                         org.springframework.jdbc.core.JdbcTemplate jdbc,
                                                         @Value("${ledger.deadlines.index-purge-every:PT10M}") java.time.Duration purgeEvery) {
        return new IndexedDeadlineManager(deadlineManager, jdbc, purgeEvery);
    }

    @Bean
    public CorrelationDataProvider messageOriginProvider() {
        return new MessageOriginProvider(CORRELATION_ID, CAUSATION_ID);
    }

    @Bean
    public CorrelationDataProvider envelopeProvider() {
        return new SimpleCorrelationDataProvider(ACTOR_SUBJECT, ACTOR_ROLE, ACTOR_AGENCY, CHANNEL, COMMAND_ID);
    }

    /**
     * Copies the actor and command id of every command into its metadata (the CommandGateway applies
     * it; Axon's auto-configuration registers it), so commands from the command line or the demo loader
     * carry the same envelope as HTTP ones.
     */
    @Bean
    public MessageDispatchInterceptor<CommandMessage<?>> envelopeFromCommand() {
        return messages -> (index, message) -> {
            if (!(message.getPayload() instanceof LedgerCommand command) || command.actor() == null) {
                return message;
            }
            Map<String, Object> envelope = new HashMap<>();
            envelope.put(ACTOR_SUBJECT, command.actor().subject());
            envelope.put(ACTOR_ROLE, command.actor().role().name());
            if (command.actor().agencyCode() != null) {
                envelope.put(ACTOR_AGENCY, command.actor().agencyCode());
            }
            if (command.commandId() != null) {
                envelope.put(COMMAND_ID, command.commandId());
            }
            // What the sender said (channel, for one) wins over what is derived here; the actor itself
            // always comes from the command, which is what the aggregate checked.
            return message.andMetaData(envelope);
        };
    }

    /**
     * Projections: pooled streaming processors, batches of {@code ledger.projections.batch-size},
     * several segments; errors propagate so the dead-letter queue takes the event.
     */
    @Bean
    public ConfigurerModule projectionProcessors(@Value("${ledger.projections.batch-size:100}") int batchSize,
                                                 @Value("${ledger.projections.segments:2}") int segments,
                                                 @Value("${ledger.projections.threads:2}") int threads) {
        return configurer -> {
            configurer.eventProcessing()
                    .usingPooledStreamingEventProcessors((config, builder) -> builder
                            .batchSize(batchSize)
                            .initialSegmentCount(segments)
                            .maxClaimedSegments(segments)
                            .coordinatorExecutor(name -> java.util.concurrent.Executors.newSingleThreadScheduledExecutor(
                                    daemon("coordinator-" + name)))
                            .workerExecutor(name -> java.util.concurrent.Executors.newScheduledThreadPool(threads,
                                    daemon("worker-" + name))))
                    .registerDefaultListenerInvocationErrorHandler(config -> PropagatingErrorHandler.instance())
                    // Dead letters count their attempts (the first failure is 1; each failed retry adds one) in
                    // their diagnostics, which operators see in the processor status API; Axon keeps no count itself.
                    .registerDefaultDeadLetterPolicy(config -> (letter, cause) -> Decisions.enqueue(cause,
                            failed -> failed.diagnostics().and(DEAD_LETTER_ATTEMPTS, attempts(failed.diagnostics()) + 1)))
                    // Queuing a notice must not undo the case step that caused it: log, keep the step.
                    .registerListenerInvocationErrorHandler(CaseNoticePolicy.PROCESSING_GROUP,
                            config -> new LoggingErrorHandler());
            // A rebuild (reset of the tokens) replays every event, the dead-lettered ones too: their letters are
            // removed in the reset's transaction, and an event that still fails is dead-lettered again. Left in
            // place, the queue would hold each replayed event of those sequences a second time.
            for (String group : ProjectionsModule.PROCESSING_GROUPS) {
                configurer.eventProcessing().registerDeadLetteringEventHandlerInvokerConfiguration(group,
                        (config, builder) -> builder.allowReset(true));
            }
        };
    }

    /** The diagnostics key of a dead letter's attempt count. */
    public static final String DEAD_LETTER_ATTEMPTS = "attempts";

    static long attempts(org.axonframework.messaging.MetaData diagnostics) {
        Object value = diagnostics == null ? null : diagnostics.get(DEAD_LETTER_ATTEMPTS);
        if (value instanceof Number number) {
            return number.longValue();
        }
        if (value != null) {
            try {
                return Long.parseLong(value.toString());
            } catch (NumberFormatException notANumber) {
                return 0;
            }
        }
        return 0;
    }

    private static java.util.concurrent.ThreadFactory daemon(String prefix) {
        java.util.concurrent.atomic.AtomicInteger counter = new java.util.concurrent.atomic.AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + "-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

}
