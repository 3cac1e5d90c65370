package org.civicledger.ops.bench;

import java.time.Duration;
import java.time.ZoneId;
import java.util.concurrent.Callable;
import javax.sql.DataSource;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.civicledger.ops.LedgerCommandLine;
import org.springframework.context.ConfigurableApplicationContext;
import org.civicledger.projections.slots.ReadModelSlots;
import org.springframework.jdbc.core.JdbcTemplate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ledger bench settle}: settlement import rate against a raw JDBC batch insert of the same rows ({@link SettleBench}). */
@Command(name = "settle", description = "Import a provider's settlement file of N lines, timing lines/s, and compare with a raw JDBC "
        + "batch insert of the same rows on the same database. Point it at a scratch data dir or database.")
public class SettleBenchCommand extends LedgerCommandLine.LedgerOptions implements Callable<Integer> {

    @Option(names = "--lines", defaultValue = "50000", description = "Lines of the measured file (default ${DEFAULT-VALUE}).")
    int lines;

    @Option(names = "--warmup", defaultValue = "5000", description = "Lines of the unmeasured warm-up file (default ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--raw-batch", defaultValue = "1000", description = "Rows per raw insert batch and commit (default ${DEFAULT-VALUE}).")
    int rawBatch;

    @Override
    public Integer call() throws Exception {
        try (ConfigurableApplicationContext context = LedgerCommandLine.start(springArgs("--spring.main.web-application-type=none",
                "--ledger.notices.dispatch.enabled=false", "--ledger.integrity.checkpoint-interval=PT0S"))) {
            ZoneId zone = ZoneId.of(context.getEnvironment().getProperty("ledger.zone", "Asia/Taipei"));
            SettleBench bench = new SettleBench(context.getBean(CommandGateway.class), context.getBean(JdbcTemplate.class),
                    context.getBean(DataSource.class), context.getBean(ReadModelSlots.class), zone, System.out);
            SettleBench.print(bench.run(new SettleBench.Options(lines, warmup, rawBatch, Duration.ofMinutes(10))), System.out);
        }
        return 0;
    }
}
