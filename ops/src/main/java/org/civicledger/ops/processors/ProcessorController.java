package org.civicledger.ops.processors;

import java.util.List;
import org.civicledger.ops.rebuild.BlueGreenRebuild;
import org.civicledger.ops.rebuild.ProjectionRebuild;
import org.civicledger.projections.ProjectionsModule;
import org.civicledger.query.http.InvalidRequestException;
import org.civicledger.query.security.ReadAccess;
import org.springframework.http.ResponseEntity;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * Event processors for operators and auditors: status (positions, lag, replaying, dead letters) and the dead
 * letters of one processor (no payloads); operators retry them, and rebuild a read model.
 */
@RestController
@RequestMapping("/api/v1/ops/processors")
public class ProcessorController {

    private final ProcessorMonitor monitor;
    private final ProjectionRebuild rebuild;
    private final BlueGreenRebuild blueGreenRebuild;

    public ProcessorController(ProcessorMonitor monitor, ProjectionRebuild rebuild, BlueGreenRebuild blueGreenRebuild) {
        this.monitor = monitor;
        this.rebuild = rebuild;
        this.blueGreenRebuild = blueGreenRebuild;
    }

    @GetMapping
    public List<ProcessorStatus> processors() {
        ReadAccess.requireProcessorStatusReadable();
        return monitor.all();
    }

    @GetMapping("/{name}/dead-letters")
    public List<DeadLetterView> deadLetters(@PathVariable String name) {
        ReadAccess.requireProcessorStatusReadable();
        known(name);
        return monitor.deadLetters(name);
    }

    @PostMapping("/{name}/dead-letters/retry")
    public ProcessorMonitor.RetryOutcome retry(@PathVariable String name) {
        ReadAccess.requireOperator();
        known(name);
        return monitor.retry(name);
    }

    /**
     * Rebuilds one read model and answers 202 at once with the head of the event store it replays to.
     *
     * <p>{@code mode=blue-green} (the default): the read model's other slot is filled from the first event while readers
     * keep reading the current one, and readers are switched once it has caught up ({@link BlueGreenRebuild}); the
     * status above shows the building processor ({@code <name>.b} or {@code <name>}) and its {@code slot}. 409 while a
     * build of it is under way or right after a switch. {@code mode=in-place}: resets the serving processor on this
     * node, so its rows are emptied and refilled while readers read them (the offline command's way); 409 when another
     * node holds one of its segments. 404 for a name that is not a read model's; 400 for another mode.
     */
    @PostMapping("/{name}/rebuild")
    public ResponseEntity<RebuildStarted> rebuild(@PathVariable String name, @RequestParam(name = "mode", required = false) String mode) {
        ReadAccess.requireOperator();
        if (name.length() > 128 || !ProjectionsModule.PROCESSING_GROUPS.contains(name)) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no read model is built by such a processor");
        }
        boolean blueGreen = mode == null || BLUE_GREEN.equals(mode);
        if (!blueGreen && !IN_PLACE.equals(mode)) {
            throw new InvalidRequestException("mode", "mode is blue-green (the default) or in-place");
        }
        try {
            if (blueGreen) {
                BlueGreenRebuild.Started started = blueGreenRebuild.begin(name);
                return ResponseEntity.status(HttpStatus.ACCEPTED).body(new RebuildStarted(name, started.head(), BLUE_GREEN,
                        started.processor(), started.slot().code()));
            }
            ProjectionRebuild.Started started = rebuild.begin(List.of(name));
            return ResponseEntity.status(HttpStatus.ACCEPTED).body(new RebuildStarted(name, started.head(), IN_PLACE,
                    started.processors().get(name).getName(), null));
        } catch (ProjectionRebuild.ClaimedElsewhere | BlueGreenRebuild.Refused conflict) {
            throw new ResponseStatusException(HttpStatus.CONFLICT, conflict.getMessage());
        }
    }

    static final String BLUE_GREEN = "blue-green";
    static final String IN_PLACE = "in-place";

    /**
     * A rebuild under way: the read model, the head of the event store it replays to, the mode, the processor that
     * replays, and (blue/green) the slot it fills.
     */
    public record RebuildStarted(String processor, long replaysTo, String mode, String replayingProcessor, String buildingSlot) {
    }

    private void known(String name) {
        if (name.length() > 128 || !monitor.exists(name)) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no such event processor");
        }
    }
}
