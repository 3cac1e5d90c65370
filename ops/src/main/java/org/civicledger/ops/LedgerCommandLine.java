package org.civicledger.ops;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.civicledger.events.common.Role;
import org.civicledger.ops.demo.DemoCity;
import org.civicledger.query.security.DevelopmentIssuer;
import org.civicledger.ops.demo.DemoCityLoader.SampleCase;
import org.civicledger.ops.demo.DemoRun;
import org.springframework.boot.SpringApplication;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Unmatched;

/**
 * The {@code ledger} command line: serve, demo, bench, token. Options it does not know (such as
 * {@code --server.port=8081}) go on to Spring Boot unchanged.
 */
@Command(name = "ledger", mixinStandardHelpOptions = true, version = "Civic Ledger 0.1",
        description = "An event-sourced ledger for a city's digital services.",
        subcommands = {LedgerCommandLine.Serve.class, LedgerCommandLine.Demo.class, LedgerCommandLine.Bench.class,
                LedgerCommandLine.Token.class, org.civicledger.ops.verify.VerifyCommand.class, org.civicledger.ops.verify.ExportCommand.class,
                org.civicledger.ops.rebuild.RebuildCommand.class, org.civicledger.ops.settlements.SettleCommand.class,
                org.civicledger.ops.documents.DocumentVerifyCommand.class})
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

    @Command(name = "demo", description = "Run the ledger with a demo city: calendars, 145 agencies, 1,400 case types and "
            + "a few thousand cases in every state (generated once per store), then serve.")
    static class Demo extends LedgerOptions implements Callable<Integer> {

        @Option(names = "--cases", defaultValue = "3000", description = "Cases to generate on the first run (default ${DEFAULT-VALUE}).")
        int cases;

        @Option(names = "--bills", defaultValue = "" + org.civicledger.ops.demo.DemoRun.DEFAULT_BILLS,
                description = "Bills to generate on the first run, with fee classes and providers (default ${DEFAULT-VALUE}).")
        int bills;

        @Option(names = "--seed", defaultValue = "" + DemoCity.DEFAULT_SEED, description = "Seed of the demo city (default ${DEFAULT-VALUE}).")
        long seed;

        @Option(names = "--threads", defaultValue = "4", description = "Threads sending the demo's commands (default ${DEFAULT-VALUE}).")
        int threads;

        @Override
        public Integer call() throws InterruptedException {
            ConfigurableApplicationContext context = start(springArgs());
            SampleCase sample = DemoRun.prepare(context, seed, cases, bills, threads, System.out);
            DemoRun.printTryThis(context, sample, System.out);
            DemoRun.printTryPayments(context, seed, System.out);
            org.civicledger.ops.demo.DemoDocuments.prepareAndPrint(context,
                    Path.of(context.getEnvironment().getProperty("ledger.data-dir", "./data")), System.out);
            Thread.currentThread().join();
            return 0;
        }
    }

    @Command(name = "bench", subcommands = {org.civicledger.ops.verify.VerifyBenchCommand.class,
            org.civicledger.ops.bench.RebuildBenchCommand.class, org.civicledger.ops.bench.PaymentBenchCommand.class,
            org.civicledger.ops.bench.ReceiptBenchCommand.class, org.civicledger.ops.bench.SettleBenchCommand.class,
            org.civicledger.ops.bench.SignatureBenchCommand.class}, description = "Submit cases with N concurrent clients end to end (command, durable event, "
            + "status projection visible) and compare with raw single-row JDBC inserts on the same database.")
    static class Bench extends LedgerOptions implements Callable<Integer> {

        @Option(names = "--clients", defaultValue = "16", description = "Concurrent clients (default ${DEFAULT-VALUE}).")
        int clients;

        @Option(names = "--cases", defaultValue = "5000", description = "Measured cases (default ${DEFAULT-VALUE}).")
        int cases;

        @Option(names = "--warmup", defaultValue = "500", description = "Cases (and raw rows) sent first and not measured (default ${DEFAULT-VALUE}).")
        int warmup;

        @Override
        public Integer call() throws Exception {
            org.civicledger.ops.bench.Bench.Options options = new org.civicledger.ops.bench.Bench.Options(clients, cases, warmup);
            // No web server and no notice dispatch: the bench measures the write path, nothing else; the pool
            // holds a connection for every client plus the projection workers and the visibility poller.
            try (ConfigurableApplicationContext context = start(springArgs("--spring.main.web-application-type=none",
                    "--ledger.notices.dispatch.enabled=false",
                    "--spring.datasource.hikari.maximum-pool-size=" + (clients + 8)))) {
                org.civicledger.ops.bench.Bench bench = new org.civicledger.ops.bench.Bench(context.getBean(CommandGateway.class),
                        context.getBean(JdbcTemplate.class), context.getBean(javax.sql.DataSource.class),
                        context.getBean(org.civicledger.projections.slots.ReadModelSlots.class), System.out);
                org.civicledger.ops.bench.Bench.Result result = bench.run(options);
                org.civicledger.ops.bench.Bench.print(result, options, System.out);
            }
            return 0;
        }
    }

    @Command(name = "token", description = "Print a bearer token of the local development issuer (its key is made on first use "
            + "under the data folder); starts no server. For development only: production tokens come from a real issuer.")
    static class Token implements Callable<Integer> {

        @Option(names = "--role", required = true, description = "citizen, officer, auditor or operator.")
        String role;

        @Option(names = "--subject", description = "The token's subject (default: citizen-900001, officer-1, auditor-1 or operator-1).")
        String subject;

        @Option(names = "--agency", description = "The officer's agency code (required for officers).")
        String agency;

        @Option(names = "--data-dir", description = "Folder whose keys/dev-issuer.jwk signs (default ./data, or LEDGER_DATA_DIR).")
        String dataDir;

        @Option(names = "--key-file", description = "The issuer's key file, when not under the data folder.")
        Path keyFile;

        @Option(names = "--hours", defaultValue = "8", description = "Hours the token is valid (default ${DEFAULT-VALUE}, at most 24).")
        int hours;

        @Override
        public Integer call() {
            Role parsed;
            try {
                parsed = Role.valueOf(role.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException unknown) {
                parsed = Role.SYSTEM;
            }
            if (parsed == Role.SYSTEM) {
                System.err.println("--role is citizen, officer, auditor or operator");
                return 2;
            }
            if (parsed == Role.OFFICER && (agency == null || agency.isBlank())) {
                System.err.println("an officer acts for an agency: --agency is required");
                return 2;
            }
            if (hours < 1 || hours > 24) {
                System.err.println("--hours is 1 to 24");
                return 2;
            }
            String who = subject != null ? subject : switch (parsed) {
                case CITIZEN -> "citizen-900001";
                case OFFICER -> "officer-1";
                case AUDITOR -> "auditor-1";
                default -> "operator-1";
            };
            Path file = keyFile != null ? keyFile : DevelopmentIssuer.keyFileIn(Path.of(dataDir != null ? dataDir
                    : System.getenv().getOrDefault("LEDGER_DATA_DIR", "./data")));
            DevelopmentIssuer issuer = DevelopmentIssuer.openOrCreate(file, Clock.systemUTC());
            System.out.println(issuer.mint(who, parsed, parsed == Role.OFFICER ? agency : null, Duration.ofHours(hours)));
            return 0;
        }
    }
}
