package org.civicledger.ops.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import javax.sql.DataSource;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.civicledger.ops.LedgerCommandLine;
import org.civicledger.ops.rebuild.ProjectionRebuild;
import org.civicledger.ops.rebuild.RebuildProgressBar;
import org.civicledger.ops.rebuild.SinglePassRebuild;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ledger bench rebuild}: the rebuild rate of all read models against reading the events alone and against a raw
 * JDBC batch insert (and, on PostgreSQL, a COPY) of their rows ({@link RebuildBench}).
 */
@Command(name = "rebuild", description = "Load N case events, rebuild all read models in one pass timing events/s, and compare "
        + "with reading the events alone and with a raw JDBC batch insert (and on PostgreSQL a COPY) of the same rows on the "
        + "same database. Point it at a scratch data dir or database.")
public class RebuildBenchCommand extends LedgerCommandLine.LedgerOptions implements Callable<Integer> {

    @Option(names = "--events", defaultValue = "200000", description = "Case events to load (default ${DEFAULT-VALUE}).")
    int events;

    @Option(names = "--load-batch", defaultValue = "1000", description = "Events per load transaction (default ${DEFAULT-VALUE}).")
    int loadBatch;

    @Option(names = "--raw-batch", defaultValue = "1000", description = "Rows per raw insert batch and commit (default ${DEFAULT-VALUE}).")
    int rawBatch;

    @Option(names = "--processors-replay", description = "Also time the processors' own replay (ledger rebuild all, minutes "
            + "per 100,000 events) before the single pass, and compare their checksums.")
    boolean processorsReplay;

    @Option(names = "--timeout-minutes", defaultValue = "60", description = "Longest rebuild waited for (default ${DEFAULT-VALUE}).")
    long timeoutMinutes;

    @Override
    public Integer call() throws Exception {
        RebuildBench.Options options = new RebuildBench.Options(events, loadBatch, rawBatch, Duration.ofMinutes(timeoutMinutes),
                processorsReplay);
        List<String> settings = new ArrayList<>(List.of("--spring.main.web-application-type=none",
                "--ledger.notices.dispatch.enabled=false", "--ledger.integrity.checkpoint-interval=PT0S"));
        try (ConfigurableApplicationContext context = LedgerCommandLine.start(springArgs(settings.toArray(String[]::new)))) {
            RebuildBench bench = new RebuildBench(context.getBean(CommandGateway.class), context.getBean(EventStorageEngine.class),
                    new TransactionTemplate(context.getBean(PlatformTransactionManager.class)),
                    context.getBean(EventProcessingConfiguration.class), context.getBean(ProjectionRebuild.class),
                    context.getBean(SinglePassRebuild.class), context.getBean(JdbcTemplate.class), context.getBean(DataSource.class),
                    System.out);
            RebuildProgressBar bar = new RebuildProgressBar(System.err, System.console() != null, Duration.ofSeconds(5));
            RebuildBench.Result result = bench.run(options, bar);
            bar.finish();
            RebuildBench.print(result, System.out);
        }
        return 0;
    }
}
