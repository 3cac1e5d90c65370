package org.civicledger.ops;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Unmatched;

/**
 * The {@code ledger} command line: serve, demo, bench. Options it does not know (such as
 * {@code --server.port=8081}) go on to Spring Boot unchanged.
 */
@Command(name = "ledger", mixinStandardHelpOptions = true, version = "Civic Ledger 0.1",
        description = "An event-sourced ledger for a city's digital services.",
        subcommands = {LedgerCommandLine.Serve.class})
public class LedgerCommandLine implements Callable<Integer> {

    public static int run(String[] args) {
        String[] effective = args.length == 0 ? new String[] {"serve"} : args;
        return new CommandLine(new LedgerCommandLine())
                .setUnmatchedOptionsArePositionalParams(true)
                .execute(effective);
    }

    @Override
    public Integer call() {
        CommandLine.usage(this, System.out);
        return 0;
    }

    /** Options every subcommand that starts the ledger shares (subcommands extend it). */
    public static class LedgerOptions {

        @Option(names = "--data-dir", description = "Folder of the embedded store (default ./data, or LEDGER_DATA_DIR).")
        String dataDir;

        @Option(names = "--profile", description = "Spring profile: postgres, axonserver.")
        List<String> profiles = new ArrayList<>();

        @Unmatched
        List<String> springArguments = new ArrayList<>();

        public String[] springArgs(String... extra) {
            List<String> all = new ArrayList<>(springArguments);
            if (dataDir != null) {
                all.add("--ledger.data-dir=" + dataDir);
            }
            if (!profiles.isEmpty()) {
                all.add("--spring.profiles.active=" + String.join(",", profiles));
            }
            all.addAll(List.of(extra));
            return all.toArray(String[]::new);
        }
    }

    public static ConfigurableApplicationContext start(String... springArgs) {
        SpringApplication application = new SpringApplication(LedgerApplication.class);
        return application.run(springArgs);
    }

    @Command(name = "serve", description = "Run the ledger: HTTP API, projections, deadlines, notices.")
    static class Serve extends LedgerOptions implements Callable<Integer> {

        @Override
        public Integer call() throws InterruptedException {
            ConfigurableApplicationContext context = start(springArgs());
            WhereToLook.print(context, System.out);
            Thread.currentThread().join();
            return 0;
        }
    }
}
