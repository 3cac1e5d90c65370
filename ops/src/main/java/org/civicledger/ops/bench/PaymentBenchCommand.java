package org.civicledger.ops.bench;

import java.util.concurrent.Callable;
import javax.sql.DataSource;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.civicledger.ops.LedgerCommandLine;
import org.springframework.context.ConfigurableApplicationContext;
import org.civicledger.projections.slots.ReadModelSlots;
import org.springframework.jdbc.core.JdbcTemplate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ledger bench payments}: payment throughput end to end against raw JDBC inserts ({@link PaymentBench}). */
@Command(name = "payments", description = "Pay N bills with C concurrent clients (initiate, HMAC-signed callback, journal entry; "
        + "then the bill shown paid with its journal lines), and compare with raw single-row JDBC inserts on the same database.")
public class PaymentBenchCommand extends LedgerCommandLine.LedgerOptions implements Callable<Integer> {

    @Option(names = "--clients", defaultValue = "8", description = "Concurrent payers (default ${DEFAULT-VALUE}).")
    int clients;

    @Option(names = "--payments", defaultValue = "2000", description = "Measured payments (default ${DEFAULT-VALUE}).")
    int payments;

    @Option(names = "--warmup", defaultValue = "200", description = "Payments made first and not measured (default ${DEFAULT-VALUE}).")
    int warmup;

    @Override
    public Integer call() throws Exception {
        PaymentBench.Options options = new PaymentBench.Options(clients, payments, warmup);
        // No web server, no notice dispatch, no checkpoints: the bench measures the payment path and its read models.
        try (ConfigurableApplicationContext context = LedgerCommandLine.start(springArgs("--spring.main.web-application-type=none",
                "--ledger.notices.dispatch.enabled=false", "--ledger.integrity.checkpoint-interval=PT0S",
                "--spring.datasource.hikari.maximum-pool-size=" + (clients + 8)))) {
            PaymentBench bench = new PaymentBench(context.getBean(CommandGateway.class), context.getBean(JdbcTemplate.class),
                    context.getBean(DataSource.class), context.getBean(ReadModelSlots.class), System.out);
            PaymentBench.print(bench.run(options), options, System.out);
        }
        return 0;
    }
}
