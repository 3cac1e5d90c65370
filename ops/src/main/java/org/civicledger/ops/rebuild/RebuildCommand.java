package org.civicledger.ops.rebuild;

import com.github.kagkarlsson.scheduler.Scheduler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.civicledger.ops.LedgerCommandLine;
import org.civicledger.projections.rebuild.ProjectionChecksum.Checksum;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ledger rebuild <projection>|all}: rebuilds read models from the event store on a node of its own (no web
 * server, no notice dispatch, no checkpoints, deadlines paused), with a progress bar on stderr; prints each rebuilt
 * read model's checksum and a summary on stdout.
 *
 * <p>In place (the default): the read models' processors are reset, so their tables are emptied and refilled; run it
 * while no other node runs them. With {@code --blue-green}: each read model's other slot is filled while the serving
 * nodes go on reading and updating the current one, readers are switched once it has caught up, and the old slot is
 * emptied ({@link BlueGreenRebuild}); it runs beside serving nodes.
 *
 * <p>Exit status: 0 rebuilt; 2 unknown projection name; 3 a running node holds the processor (stop it first), or a
 * blue/green rebuild of it is under way or its last switch is too recent; 1 anything else, such as not catching up
 * within {@code --timeout-minutes}.
 */
@Command(name = "rebuild", description = "Rebuild read models from the event store: case-status, citizen-history, reference-data, "
        + "audit-trail, citizen-payments, journal, or all. In place, run it while no other node runs these processors; "
        + "with --blue-green, beside serving nodes.")
public class RebuildCommand extends LedgerCommandLine.LedgerOptions implements Callable<Integer> {

    @Parameters(paramLabel = "<projection>|all", arity = "0..*", description = "The read model to rebuild, or all.")
    List<String> arguments = new ArrayList<>();

    @Option(names = "--timeout-minutes", defaultValue = "120", description = "Give up waiting after this long (default ${DEFAULT-VALUE}).")
    long timeoutMinutes;

    @Option(names = "--blue-green", description = "Build a new version of each read model beside the serving one and switch "
            + "readers to it once it has caught up, instead of emptying and refilling the serving one.")
    boolean blueGreen;

    @Option(names = "--single-pass", description = "In place, all chosen read models in one pass over the events (offline: no "
            + "other node may serve, no command may arrive meanwhile).")
    boolean singlePass;

    @Option(names = "--progress-seconds", defaultValue = "5",
            description = "Seconds between progress lines when stderr is not a terminal (default ${DEFAULT-VALUE}).")
    long progressSeconds;

    @Override
    public Integer call() throws Exception {
        // Unknown options (Spring properties such as --ledger.projections.batch-size=500) arrive among the
        // positional arguments: the command line passes unmatched options on as positional ones.
        List<String> names = new ArrayList<>();
        List<String> spring = new ArrayList<>();
        for (String argument : arguments) {
            (argument.startsWith("-") ? spring : names).add(argument);
        }
        if (blueGreen && singlePass) {
            System.err.println("--blue-green and --single-pass do not go together: a single pass is an offline rebuild in place");
            return 2;
        }
        if (names.size() != 1) {
            System.err.println("ledger rebuild takes one projection name, or all: " + String.join(", ",
                    org.civicledger.projections.ProjectionsModule.PROCESSING_GROUPS));
            return 2;
        }
        List<String> groups;
        try {
            groups = ProjectionRebuild.resolve(names.get(0));
        } catch (ProjectionRebuild.UnknownProjection unknown) {
            System.err.println(unknown.getMessage());
            return 2;
        }
        List<String> settings = new ArrayList<>(spring);
        defaultSetting(settings, "spring.main.web-application-type", "none");
        defaultSetting(settings, "ledger.notices.dispatch.enabled", "false");
        defaultSetting(settings, "ledger.integrity.checkpoint-interval", "PT0S");
        try (ConfigurableApplicationContext context = LedgerCommandLine.start(springArgs(settings.toArray(String[]::new)))) {
            // This node exists to rebuild: due deadlines are left to the serving nodes.
            Scheduler scheduler = context.getBeanProvider(Scheduler.class).getIfAvailable();
            if (scheduler != null) {
                scheduler.pause();
            }
            RebuildProgressBar bar = new RebuildProgressBar(System.err, System.console() != null, Duration.ofSeconds(progressSeconds));
            if (blueGreen) {
                return blueGreen(context, groups, bar);
            }
            ProjectionRebuild.Result result;
            try {
                result = singlePass
                        ? context.getBean(SinglePassRebuild.class).rebuild(groups, Duration.ofMinutes(timeoutMinutes), bar)
                        : context.getBean(ProjectionRebuild.class).rebuild(groups, Duration.ofMinutes(timeoutMinutes), bar);
            } catch (ProjectionRebuild.ClaimedElsewhere | BlueGreenRebuild.Refused claimed) {
                bar.finish();
                System.err.println(claimed.getMessage());
                return 3;
            } catch (IllegalStateException late) {
                bar.finish();
                System.err.println(late.getMessage());
                return 1;
            }
            bar.finish();
            for (Checksum checksum : result.checksums()) {
                System.out.println(checksum.describe());
            }
            System.out.printf("Rebuilt %s: %,d events in %.1f s, %,.0f events/s.%n", String.join(", ", result.processors()),
                    result.head(), result.elapsed().toMillis() / 1000.0, result.eventsPerSecond());
            return 0;
        }
    }

    private int blueGreen(ConfigurableApplicationContext context, List<String> groups, RebuildProgressBar bar) throws InterruptedException {
        BlueGreenRebuild.Result result;
        try {
            result = context.getBean(BlueGreenRebuild.class).rebuild(groups, Duration.ofMinutes(timeoutMinutes), bar);
        } catch (ProjectionRebuild.ClaimedElsewhere | BlueGreenRebuild.Refused refused) {
            bar.finish();
            System.err.println(refused.getMessage());
            return 3;
        } catch (IllegalStateException late) {
            bar.finish();
            System.err.println(late.getMessage());
            return 1;
        }
        bar.finish();
        for (Checksum checksum : result.checksums()) {
            System.out.println(checksum.describe() + " slot=" + result.activeSlots().get(checksum.projection()).code());
        }
        System.out.printf("Rebuilt %s blue/green: switched after %,d events in %.1f s, %,.0f events/s.%n", String.join(", ",
                result.projections()), result.head(), result.elapsed().toMillis() / 1000.0, result.eventsPerSecond());
        return 0;
    }

    private static void defaultSetting(List<String> settings, String key, String value) {
        if (settings.stream().noneMatch(setting -> setting.startsWith("--" + key + "="))) {
            settings.add("--" + key + "=" + value);
        }
    }
}
