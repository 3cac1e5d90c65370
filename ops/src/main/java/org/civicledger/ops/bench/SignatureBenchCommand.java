package org.civicledger.ops.bench;

import java.util.concurrent.Callable;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.civicledger.ops.LedgerCommandLine;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ledger bench signatures}: the ledger's signature acceptance path against a raw JDK verify loop ({@link SignatureBench}). */
@Command(name = "signatures", description = "Submit N document signatures with C clients through the aggregate's accept path "
        + "(load, key lookup, verify, append) and compare with a raw JDK Signature.verify loop over the same keys and hashes.")
public class SignatureBenchCommand extends LedgerCommandLine.LedgerOptions implements Callable<Integer> {

    @Option(names = "--clients", defaultValue = "4", description = "Concurrent signers (default ${DEFAULT-VALUE}).")
    int clients;

    @Option(names = "--signatures", defaultValue = "1000", description = "Measured signatures (default ${DEFAULT-VALUE}).")
    int signatures;

    @Option(names = "--warmup", defaultValue = "200", description = "Signatures submitted first and not measured (default ${DEFAULT-VALUE}).")
    int warmup;

    @Override
    public Integer call() throws Exception {
        SignatureBench.Options options = new SignatureBench.Options(clients, signatures, warmup);
        // No web server, no notice dispatch, no checkpoints: the bench measures the signing path.
        try (ConfigurableApplicationContext context = LedgerCommandLine.start(springArgs("--spring.main.web-application-type=none",
                "--ledger.notices.dispatch.enabled=false", "--ledger.integrity.checkpoint-interval=PT0S",
                "--spring.datasource.hikari.maximum-pool-size=" + (clients + 8)))) {
            SignatureBench bench = new SignatureBench(context.getBean(CommandGateway.class), System.out);
            SignatureBench.print(bench.run(options), options, System.out);
        }
        return 0;
    }
}
