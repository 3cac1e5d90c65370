package org.civicledger.ops.settlements;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.civicledger.events.common.Actor;
import org.civicledger.events.common.Role;
import org.civicledger.events.settlements.SettlementCommands;
import org.civicledger.ops.LedgerCommandLine;
import org.civicledger.query.payments.SettlementImports;
import org.civicledger.query.payments.SettlementImports.SettlementAnswer;
import org.civicledger.query.write.CommandContext;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ledger settle --provider CODE FILE}: imports a provider's settlement file into the ledger's store, as
 * {@code POST /api/v1/providers/{code}/settlements} does, and prints the reconciliation's counts. Reads and writes
 * the database directly: stop an embedded server first (H2 holds its file for one process).
 */
@Command(name = "settle", description = "Import a provider's settlement file (CSV, see docs/payments.md) and print how it reconciled. "
        + "Stop an embedded server first.")
public class SettleCommand extends LedgerCommandLine.LedgerOptions implements Callable<Integer> {

    @Option(names = "--provider", required = true, description = "The provider's code, as registered.")
    String provider;

    @Parameters(paramLabel = "FILE", arity = "1..*", description = "The settlement file (other --name=value go to Spring).")
    List<String> arguments = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        List<String> spring = new ArrayList<>(List.of("--spring.main.web-application-type=none", "--ledger.notices.dispatch.enabled=false"));
        Path file = null;
        for (String argument : arguments) {
            if (argument.startsWith("--") || file != null) {
                spring.add(argument);
            } else {
                file = Path.of(argument);
            }
        }
        if (file == null || !Files.isRegularFile(file)) {
            System.err.println("settle: no settlement file " + file);
            return 2;
        }
        byte[] bytes = Files.readAllBytes(file);
        try (ConfigurableApplicationContext context = LedgerCommandLine.start(springArgs(spring.toArray(String[]::new)))) {
            Actor operator = new Actor("cli-" + System.getProperty("user.name", "operator"), Role.OPERATOR, null);
            // The file's own id keys the command, as an Idempotency-Key would: the same file again is a duplicate.
            String commandId = "settle-" + SettlementCommands.settlementId(provider, bytes);
            SettlementAnswer answer = context.getBean(SettlementImports.class).importFile(provider, bytes,
                    new CommandContext(operator, "api", commandId));
            System.out.printf("%s %s of %s (%s): %d lines, %d matched, %d missing in settlement, %d unexpected in settlement, "
                            + "%d amount mismatches; %d chargebacks recorded%s.%n", answer.duplicate() ? "Already imported:" : "Imported",
                    answer.settlementId(), answer.providerCode(), answer.settlementDate(), answer.lines(), answer.matched(),
                    answer.missingInSettlement(), answer.unexpectedInSettlement(), answer.amountMismatches(), answer.chargebacksRecorded(),
                    answer.chargebacksRefused() == null ? "" : ", refused: " + answer.chargebacksRefused());
            System.out.println("Report: GET " + answer.report() + " (and .csv)");
            return answer.discrepancies() == 0 ? 0 : 1;
        }
    }
}
