package org.civicledger.ops.bench;

import java.util.concurrent.Callable;
import javax.sql.DataSource;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.civicledger.ops.LedgerCommandLine;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ledger bench receipts}: receipt issuance for one hot agency and across many, against raw single-row inserts ({@link ReceiptBench}). */
@Command(name = "receipts", description = "Issue counter receipts with N concurrent clients, all for one agency (the numbering hot spot) "
        + "and then spread over many agencies, and compare with raw single-row JDBC inserts on the same database. "
        + "Point it at a scratch data dir or database: it registers agencies and issues receipts.")
public class ReceiptBenchCommand extends LedgerCommandLine.LedgerOptions implements Callable<Integer> {

    @Option(names = "--clients", defaultValue = "8", description = "Concurrent clients (default ${DEFAULT-VALUE}).")
    int clients;

    @Option(names = "--receipts", defaultValue = "2000", description = "Receipts per measured phase (default ${DEFAULT-VALUE}).")
    int receipts;

    @Option(names = "--agencies", defaultValue = "50", description = "Agencies of the spread phase (default ${DEFAULT-VALUE}).")
    int agencies;

    @Option(names = "--warmup", defaultValue = "200", description = "Receipts issued first and not measured (default ${DEFAULT-VALUE}).")
    int warmup;

    @Override
    public Integer call() throws Exception {
        ReceiptBench.Options options = new ReceiptBench.Options(clients, receipts, agencies, warmup);
        try (ConfigurableApplicationContext context = LedgerCommandLine.start(springArgs("--spring.main.web-application-type=none",
                "--ledger.notices.dispatch.enabled=false", "--ledger.integrity.checkpoint-interval=PT0S",
                "--spring.datasource.hikari.maximum-pool-size=" + (clients + 8)))) {
            ReceiptBench bench = new ReceiptBench(context.getBean(CommandGateway.class), context.getBean(JdbcTemplate.class),
                    context.getBean(DataSource.class), System.out);
            ReceiptBench.print(bench.run(options), System.out);
        }
        return 0;
    }
}
