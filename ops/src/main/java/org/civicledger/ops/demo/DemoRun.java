package org.civicledger.ops.demo;

import com.github.kagkarlsson.scheduler.Scheduler;
import java.io.PrintStream;
import java.time.Clock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.EventProcessingConfiguration;
import org.civicledger.ops.LedgerClock;
import org.civicledger.ops.WhereToLook;
import org.civicledger.ops.demo.DemoCity.CaseTypeSpec;
import org.civicledger.ops.demo.DemoCity.TargetState;
import org.civicledger.ops.demo.DemoCityLoader.LoadReport;
import org.civicledger.ops.demo.DemoCityLoader.SampleCase;
import org.civicledger.events.common.Actor;
import org.civicledger.events.common.Role;
import org.civicledger.events.settlements.SettlementCommands;
import org.civicledger.query.payments.SettlementImports;
import org.civicledger.query.write.CommandContext;
import org.civicledger.query.payments.ProviderSecrets;
import org.civicledger.query.security.DevelopmentIssuer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What {@code ledger demo} does once the ledger is up: calendars, the demo city and its cases when they are
 * missing, a wait for the projections, then where to look and what to try.
 *
 * <p>Loading is idempotent at the level of the whole city: when agencies are registered already, nothing is
 * generated. The city's history is laid out over the past months in business time ({@link DemoHistory}), so
 * some open cases are past their statutory deadline: their persistent deadlines fire right after loading and
 * flag them overdue, which the run waits for (bounded) before it reports them.
 */
public final class DemoRun {

    public static final Duration CATCH_UP_TIMEOUT = Duration.ofMinutes(5);
    /** Bills the demo issues on its first run (with fee classes and providers), taken to every outcome. */
    public static final int DEFAULT_BILLS = 1_500;
    /** How long the run waits for the deadlines that are due to flag their cases overdue. */
    static final Duration OVERDUE_WAIT = Duration.ofSeconds(90);

    private DemoRun() {
    }

    public static SampleCase prepare(ConfigurableApplicationContext context, long seed, int caseCount, int threads, PrintStream out)
            throws InterruptedException {
        return prepare(context, seed, caseCount, DEFAULT_BILLS, threads, out);
    }

    public static SampleCase prepare(ConfigurableApplicationContext context, long seed, int caseCount, int bills, int threads,
                                     PrintStream out) throws InterruptedException {
        CommandGateway gateway = context.getBean(CommandGateway.class);
        JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
        Clock businessClock = context.getBean(Clock.class);
        // Only the ledger's own clock can be set back per thread; a test's fixed clock is left alone (no history).
        DemoCityLoader loader = new DemoCityLoader(gateway, jdbc, threads, out,
                businessClock instanceof LedgerClock ledgerClock ? ledgerClock : null);
        DemoCity city = new DemoCity(seed);

        List<Integer> published = loader.publishMissingCalendars();
        out.println(published.isEmpty() ? "Calendars 2025-2027 are published already."
                : "Published business calendars " + published + " (2027 is provisional: computed by rule, not yet the DGPA's).");

        SampleCase sample;
        boolean generated = false;
        int agencies = loader.agencyCount();
        if (agencies > 0) {
            out.printf("Reference data is present (%d agencies, %d case types): the demo city is not generated again.%n",
                    agencies, loader.caseTypeCount());
            sample = loader.submitAndAccept(city, someCaseType(jdbc), "demo-extra-" + System.currentTimeMillis());
            out.println("Submitted and accepted one new case for a fresh case password.");
        } else {
            out.printf("Generating the demo city from seed %d: %d agencies, %d case types, %d cases...%n", seed,
                    city.agencies().size(), city.caseTypes().size(), caseCount);
            // Deadlines of cases laid out in the past are due at once; were they fired while the loader still
            // works the case, a case decided in time (in business time) would be flagged overdue, or closed by its
            // appeal window before the loader closes it. So this node's scheduler waits until the load is done.
            Scheduler scheduler = context.getBeanProvider(Scheduler.class).getIfAvailable();
            if (scheduler != null) {
                scheduler.pause();
            }
            LoadReport report;
            try {
                report = loader.load(city, caseCount);
            } finally {
                if (scheduler != null) {
                    scheduler.resume();
                }
            }
            out.printf("Loaded %d commands in %.1f s (reference data %.1f s, cases %.1f s): %.0f commands/s, %d failed.%n",
                    report.commands(), (report.referenceTime().toMillis() + report.caseTime().toMillis()) / 1000.0,
                    report.referenceTime().toMillis() / 1000.0, report.caseTime().toMillis() / 1000.0,
                    report.commandsPerSecond(), report.failures());
            out.println("Cases by the state the demo left them in:");
            for (Map.Entry<TargetState, Integer> entry : report.casesByState().entrySet()) {
                out.printf("  %-22s %6d%n", entry.getKey().name().toLowerCase(), entry.getValue());
            }
            generated = true;
            sample = report.sample();
        }

        loadPayments(context, city, seed, bills, threads, out);

        ProjectionCatchUp catchUp = new ProjectionCatchUp(context.getBean(EventProcessingConfiguration.class), jdbc);
        long started = System.nanoTime();
        boolean caughtUp = catchUp.await(CATCH_UP_TIMEOUT);
        out.printf(caughtUp ? "Projections caught up with event %d in %.1f s.%n"
                : "Projections have not caught up with event %d after %.0f s; they keep going in the background.%n",
                catchUp.head(), (System.nanoTime() - started) / 1e9);
        if (Tables.exists(jdbc, "case_status")) {
            // The active slot: after a blue/green rebuild it may be case_status_b.
            JdbcTemplate readModels = context.getBean(org.civicledger.projections.slots.ReadModelSlots.class).reader();
            Integer rows = readModels.queryForObject("SELECT COUNT(*) FROM case_status", Integer.class);
            out.printf("case_status holds %d cases.%n", rows);
            if (generated) {
                reportOverdue(readModels, businessClock, out);
            }
        } else {
            out.println("No case_status read model in this build: status lookups will not answer yet.");
        }
        return sample;
    }

    /**
     * Open cases whose statutory deadline has passed (business time) are flagged overdue by their persistent
     * deadline, which db-scheduler fires at its next poll after loading; waits (bounded) for the flags to reach
     * the projection, then prints how many are flagged of how many are due.
     */
    static void reportOverdue(JdbcTemplate jdbc, Clock clock, PrintStream out) throws InterruptedException {
        java.time.LocalDate today = java.time.LocalDate.now(clock);
        String open = "status IN ('ACCEPTED', 'IN_REVIEW')";
        long deadlineStarted = System.nanoTime();
        int due = 0;
        int flagged = 0;
        while (true) {
            Integer dueNow = jdbc.queryForObject("SELECT COUNT(*) FROM case_status WHERE paused = FALSE AND deadline < ? AND ("
                    + open + " OR overdue = TRUE)", Integer.class, today);
            Integer flaggedNow = jdbc.queryForObject("SELECT COUNT(*) FROM case_status WHERE overdue = TRUE", Integer.class);
            due = dueNow == null ? 0 : dueNow;
            flagged = flaggedNow == null ? 0 : flaggedNow;
            if (flagged >= due || System.nanoTime() - deadlineStarted > OVERDUE_WAIT.toNanos()) {
                break;
            }
            Thread.sleep(1000);
        }
        out.printf("Overdue: %d open cases are past their statutory deadline; %d flagged overdue by the statutory clock%s.%n",
                due, flagged, flagged >= due ? "" : " so far (the rest are flagged as the deadline poller gets to them)");
    }

    public static void printTryThis(ConfigurableApplicationContext context, SampleCase sample, PrintStream out) {
        WhereToLook.print(context, out);
        String base = WhereToLook.baseUrl(context);
        if (sample == null) {
            out.println("No case was accepted in this run, so there is no case password to show.");
            return;
        }
        String officer = DemoCity.officerSubject(sample.agencyCode());
        out.println("A case accepted in this run (the password is shown only at acceptance):");
        out.println("  case id        " + sample.caseId());
        out.println("  case number    " + sample.caseNumber());
        out.println("  case password  " + sample.casePassword());
        out.println();
        out.println("Look it up as a citizen would:");
        out.println("  curl -s -X POST " + base + "/api/v1/case-status/lookup -H 'Content-Type: application/json' \\");
        out.println("    -d '{\"caseNumber\":\"" + sample.caseNumber() + "\",\"casePassword\":\"" + sample.casePassword() + "\"}'");
        out.println();
        DevelopmentIssuer issuer = context.getBeanProvider(DevelopmentIssuer.class).getIfAvailable();
        if (issuer == null) {
            out.println("The development token issuer is off: sign in with a token of the configured issuer instead of these.");
        } else {
            out.println("Tokens of the development issuer (8 h; `./ledger token --role ...` prints more):");
            out.println("  export CITIZEN_TOKEN=" + issuer.mint("citizen-900001", Role.CITIZEN, null));
            out.println("  export OFFICER_TOKEN=" + issuer.mint(officer, Role.OFFICER, sample.agencyCode()));
        }
        out.println();
        out.println("Submit a case as citizen-900001 (the answer's caseId is the CASE_ID below):");
        out.println("  curl -s -X POST " + base + "/api/v1/cases -H 'Content-Type: application/json' \\");
        out.println("    -H \"Authorization: Bearer $CITIZEN_TOKEN\" -H 'Idempotency-Key: demo-try-0001' \\");
        out.println("    -d '{\"caseTypeCode\":\"" + sample.caseTypeCode() + "\",\"applicant\":{\"citizenSubject\":\"citizen-900001\","
                + "\"nationalId\":\"A123456789\",\"name\":\"王小明\",\"email\":\"citizen-900001@example.org\",\"phone\":\"0912345678\"},"
                + "\"documents\":" + documentsJson(context, sample.caseTypeCode()) + "}'");
        String officerHeaders = "-H \"Authorization: Bearer $OFFICER_TOKEN\"";
        out.println("Accept it, start the review and approve it as an officer of " + sample.agencyCode() + ":");
        out.println("  curl -s -X POST " + base + "/api/v1/cases/CASE_ID/accept " + officerHeaders + " -H 'Idempotency-Key: demo-try-0002'");
        out.println("  curl -s -X POST " + base + "/api/v1/cases/CASE_ID/review " + officerHeaders + " -H 'Idempotency-Key: demo-try-0003'");
        out.println("  curl -s -X POST " + base + "/api/v1/cases/CASE_ID/approve " + officerHeaders
                + " -H 'Idempotency-Key: demo-try-0004' \\");
        out.println("    -H 'Content-Type: application/json' -d '{\"reason\":\"符合規定 meets the requirements\"}'");
        out.println();
    }

    /**
     * Registers the demo city's fee classes and providers and lays out its bills and payments over the past
     * weeks, when no fee class is registered yet (a store made by an earlier demo without payments gets them
     * too). The deadline scheduler waits meanwhile, for the reason given for cases: a payment's time to finish
     * laid out in the past would otherwise expire it before its callback is recorded.
     */
    static void loadPayments(ConfigurableApplicationContext context, DemoCity city, long seed, int bills, int threads,
                             PrintStream out) {
        JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
        Clock businessClock = context.getBean(Clock.class);
        ProviderSecrets secrets = context.getBean(ProviderSecrets.class);
        DemoPaymentsLoader loader = new DemoPaymentsLoader(context.getBean(CommandGateway.class), jdbc, secrets,
                businessClock instanceof LedgerClock ledgerClock ? ledgerClock : null, businessClock.getZone(), threads, out);
        int present = loader.feeClassCount();
        if (present > 0) {
            out.printf("Payment reference data is present (%d fee classes): no bills are generated again.%n", present);
            return;
        }
        DemoPayments payments = new DemoPayments(seed);
        out.printf("Generating payments: %d fee classes (%d kinds of fines), %d providers, %d bills...%n",
                payments.feeClasses().size(), DemoPayments.FINE_COUNT, payments.providers().size(), bills);
        Scheduler scheduler = context.getBeanProvider(Scheduler.class).getIfAvailable();
        if (scheduler != null) {
            scheduler.pause();
        }
        DemoPaymentsLoader.PaymentsReport report;
        try {
            report = loader.load(city, payments, bills);
        } finally {
            if (scheduler != null) {
                scheduler.resume();
            }
        }
        out.printf("Loaded %d payment commands (%d signed callbacks) in %.1f s, %d failed. Bills by outcome:%n", report.commands(),
                report.callbacks(), report.time().toMillis() / 1000.0, report.failures());
        for (Map.Entry<DemoPayments.BillOutcome, Integer> entry : report.billsByOutcome().entrySet()) {
            out.printf("  %-22s %6d%n", entry.getKey().name().toLowerCase(), entry.getValue());
        }
        settlements(context, payments, out);
    }

    /** Where the demo's providers' settlement files are written. */
    static Path settlementDirectory(ConfigurableApplicationContext context) {
        return Path.of(context.getEnvironment().getProperty("ledger.data-dir", "./data")).resolve("settlements");
    }

    /**
     * The provider and day whose file gets the planted errors: the busiest provider-day before today (the most
     * payments; ties to the earlier day, then the provider's code), so a re-run finds the same one.
     */
    static Optional<Map.Entry<String, LocalDate>> plantedDay(JdbcTemplate jdbc, LocalDate today) {
        List<Map.Entry<String, LocalDate>> busiest = jdbc.query("SELECT provider_code, business_date, COUNT(*) AS payments "
                        + "FROM cmd_provider_transaction WHERE kind = 'PAYMENT' AND status = 'SUCCEEDED' AND business_date < ? "
                        + "GROUP BY provider_code, business_date HAVING COUNT(*) >= 2 ORDER BY payments DESC, business_date, provider_code",
                (rs, row) -> Map.entry(rs.getString(1), rs.getObject(2, LocalDate.class)), today);
        return busiest.stream().findFirst();
    }

    /**
     * Writes every provider's settlement file of every past day under the data dir, imports them all but the
     * one with planted errors (they reconcile: their reports show every line matched), and leaves that one to
     * be imported by hand (printed by {@link #printTryPayments}).
     */
    static void settlements(ConfigurableApplicationContext context, DemoPayments payments, PrintStream out) {
        JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
        Clock clock = context.getBean(Clock.class);
        LocalDate today = LocalDate.now(clock);
        Optional<Map.Entry<String, LocalDate>> planted = plantedDay(jdbc, today);
        Path directory = settlementDirectory(context);
        List<String> providers = payments.providers().stream().map(DemoPayments.ProviderSpec::code).toList();
        List<DemoSettlementFiles.ProviderFile> files = new DemoSettlementFiles(jdbc).writeAll(directory, providers,
                planted.map(Map.Entry::getKey).orElse(null), planted.map(Map.Entry::getValue).orElse(null));
        SettlementImports imports = context.getBean(SettlementImports.class);
        Actor operator = new Actor("demo-operator", Role.OPERATOR, null);
        int imported = 0;
        int discrepancies = 0;
        for (DemoSettlementFiles.ProviderFile file : files) {
            if (!file.planted().isEmpty() || !file.day().isBefore(today)) {
                continue;
            }
            byte[] bytes = file.text().getBytes(java.nio.charset.StandardCharsets.UTF_8);
            SettlementImports.SettlementAnswer answer = imports.importFile(file.providerCode(), bytes, new CommandContext(operator, "api",
                    "demo-settle-" + SettlementCommands.settlementId(file.providerCode(), bytes)));
            discrepancies += answer.discrepancies();
            imported++;
        }
        out.printf("Wrote %d settlement files of %d providers under %s; imported %d (%d discrepancies)%s.%n", files.size(),
                files.stream().map(DemoSettlementFiles.ProviderFile::providerCode).distinct().count(), directory, imported, discrepancies,
                planted.map(day -> "; " + day.getKey() + "'s file of " + day.getValue() + " has planted errors and waits for you").orElse(""));
    }

    /**
     * The demo payer's bills and how to pay the open one through pay.taipei with a signed callback (openssl
     * computes the signature from the provider's secret file), then their history and the trial balance.
     */
    public static void printTryPayments(ConfigurableApplicationContext context, long seed, PrintStream out) {
        JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
        if (!Tables.exists(jdbc, "cmd_fee_class")) {
            return;
        }
        String base = WhereToLook.baseUrl(context);
        DemoCity city = new DemoCity(seed);
        DemoPayments payments = new DemoPayments(seed);
        String payer = DemoCity.citizenSubject(DemoPayments.DEMO_PAYER_NUMBER);
        DemoPayments.BillSpec open = payments.bill(city, 2);
        ProviderSecrets secrets = context.getBean(ProviderSecrets.class);
        DemoPayments.ProviderSpec provider = payments.provider("PAY-TAIPEI");
        out.println("Payments. The demo payer " + payer + " has three bills:");
        for (int n = 1; n <= 3; n++) {
            DemoPayments.BillSpec bill = payments.bill(city, n);
            out.printf("  %-24s %-48s NT$%-8d %s%n", bill.billId(), bill.feeClass().name(), bill.amountTwd(),
                    bill.outcome().name().toLowerCase());
        }
        DevelopmentIssuer issuer = context.getBeanProvider(DevelopmentIssuer.class).getIfAvailable();
        if (issuer != null) {
            out.println("  export PAYER_TOKEN=" + issuer.mint(payer, Role.CITIZEN, null));
            out.println("  export AUDITOR_TOKEN=" + issuer.mint("auditor-demo", Role.AUDITOR, null));
        }
        String payerHeaders = "-H \"Authorization: Bearer $PAYER_TOKEN\"";
        out.println("Pay the open one through " + provider.name() + " (the answer's paymentId is PAYMENT_ID below):");
        out.println("  curl -s -X POST " + base + "/api/v1/payments " + payerHeaders + " -H 'Content-Type: application/json' \\");
        out.println("    -H 'Idempotency-Key: demo-pay-0001' -d '{\"billIds\":[\"" + open.billId() + "\"],\"providerCode\":\""
                + provider.code() + "\",\"channel\":\"app\"}'");
        out.println("Then be the provider: sign the callback with its secret (HMAC-SHA256 over timestamp.body) and post it:");
        out.println("  export PAYMENT_ID=<paymentId>");
        out.println("  KEY=$(base64 -d < " + secrets.fileOf(provider.callbackSecretRef()) + " | od -An -v -tx1 | tr -d ' \\n')");
        out.println("  TS=$(date +%s)");
        out.println("  BODY='{\"providerEventId\":\"demo-try-'$TS'\",\"paymentId\":\"'$PAYMENT_ID'\",\"status\":\"succeeded\","
                + "\"amount\":\"" + open.amountTwd() + "\",\"currency\":\"TWD\",\"occurredAt\":\"'$(date -u +%Y-%m-%dT%H:%M:%SZ)'\"}'");
        out.println("  SIG=$(printf '%s.%s' \"$TS\" \"$BODY\" | openssl dgst -sha256 -mac HMAC -macopt hexkey:$KEY | awk '{print $NF}')");
        out.println("  curl -s -X POST " + base + "/api/v1/providers/" + provider.code() + "/callbacks -H 'Content-Type: application/json' \\");
        out.println("    -H \"X-Ledger-Timestamp: $TS\" -H \"X-Ledger-Signature: v1=$SIG\" -d \"$BODY\"");
        if (issuer != null) {
            String billAgency = open.feeClass().agencyCode();
            long refund = Math.max(1, open.amountTwd() / 2);
            out.println("Refund part of it as an officer of the bill's agency " + billAgency + ":");
            out.println("  export BILL_OFFICER_TOKEN=" + issuer.mint(DemoCity.officerSubject(billAgency), Role.OFFICER, billAgency));
            out.println("  curl -s -X POST " + base + "/api/v1/payments/$PAYMENT_ID/refunds -H \"Authorization: Bearer $BILL_OFFICER_TOKEN\" \\");
            out.println("    -H 'Content-Type: application/json' -H 'Idempotency-Key: demo-refund-0001' \\");
            out.println("    -d '{\"amount\":{\"amountMinor\":" + refund + ",\"currency\":\"TWD\"},\"reason\":\"fee reduced on appeal\"}'");
        }
        Optional<Map.Entry<String, LocalDate>> planted = plantedDay(jdbc, LocalDate.now(context.getBean(Clock.class)));
        if (planted.isPresent() && issuer != null) {
            String code = planted.get().getKey();
            LocalDate day = planted.get().getValue();
            Path file = settlementDirectory(context).resolve(code).resolve(day + ".csv").toAbsolutePath();
            out.println("Reconcile " + code + "'s settlement file of " + day + " (a line missing, one unexpected, one amount off, a chargeback):");
            out.println("  export OPERATOR_TOKEN=" + issuer.mint("operator-demo", Role.OPERATOR, null));
            out.println("  curl -s -X POST " + base + "/api/v1/providers/" + code + "/settlements -H \"Authorization: Bearer $OPERATOR_TOKEN\" \\");
            out.println("    -H 'Content-Type: text/csv' -H 'Idempotency-Key: demo-settle-0001' --data-binary @" + file);
            out.println("  curl -s " + base + "/api/v1/providers/" + code + "/reconciliation/" + day + " -H \"Authorization: Bearer $AUDITOR_TOKEN\"");
            out.println("  curl -s " + base + "/api/v1/providers/" + code + "/reconciliation/" + day + ".csv -H \"Authorization: Bearer $AUDITOR_TOKEN\"");
            out.println("  (or, with the server stopped: ./ledger settle --provider " + code + " " + file + ")");
        }
        out.println("The payer's history (bills, payments, the receipt each paid bill brought, the refund, cases, grants, documents;");
        out.println("newest first, ?category=payment keeps one kind), their bills and payments, and the city's trial balance (zero):");
        out.println("  curl -s " + base + "/api/v1/citizens/" + payer + "/history " + payerHeaders);
        out.println("  curl -s " + base + "/api/v1/citizens/" + payer + "/payments " + payerHeaders);
        out.println("  curl -s " + base + "/api/v1/citizens/" + payer + "/bills " + payerHeaders);
        out.println("  curl -s " + base + "/api/v1/journal/trial-balance -H \"Authorization: Bearer $AUDITOR_TOKEN\"");
        out.println();
    }

    private static String documentsJson(ConfigurableApplicationContext context, String caseTypeCode) {
        JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
        String joined = jdbc.queryForObject("SELECT required_documents FROM cmd_case_type WHERE case_type_code = ?", String.class,
                caseTypeCode);
        StringBuilder json = new StringBuilder("[");
        if (joined != null && !joined.isEmpty()) {
            for (String kind : joined.split(",")) {
                json.append(json.length() > 1 ? "," : "").append("{\"kind\":\"").append(kind)
                        .append("\",\"uri\":\"mydoc://try/").append(kind).append("\"}");
            }
        }
        return json.append("]").toString();
    }

    /** A registered case type, whichever was registered, as the loader needs it to submit a case. */
    private static CaseTypeSpec someCaseType(JdbcTemplate jdbc) {
        return jdbc.query("SELECT case_type_code, agency_code, name, required_documents, fee_minor, statutory_days "
                        + "FROM cmd_case_type ORDER BY case_type_code", rs -> {
                    if (!rs.next()) {
                        throw new IllegalStateException("agencies are registered but no case type is");
                    }
                    String documents = rs.getString(4);
                    return new CaseTypeSpec(rs.getString(1), rs.getString(2), rs.getString(3),
                            documents == null || documents.isEmpty() ? List.of() : Arrays.asList(documents.split(",")),
                            rs.getLong(5), rs.getInt(6));
                });
    }
}
