package org.civicledger.ops.processors;

import java.util.List;
import org.civicledger.ops.rebuild.ProjectionRebuild;
import org.civicledger.projections.ProjectionsModule;
import org.civicledger.query.security.ReadAccess;
import org.springframework.http.ResponseEntity;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
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

    public ProcessorController(ProcessorMonitor monitor, ProjectionRebuild rebuild) {
        this.monitor = monitor;
        this.rebuild = rebuild;
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
     * Rebuilds one read model on this node: resets its processor (its rows are emptied and every event is applied
     * again) and answers 202 at once with the head it replays to; the status above shows it replaying until it has
     * caught up. 409 when another node holds one of its segments (stop it there first); 404 for a name that is not a
     * read model's processor.
     */
    @PostMapping("/{name}/rebuild")
    public ResponseEntity<RebuildStarted> rebuild(@PathVariable String name) {
        ReadAccess.requireOperator();
        if (name.length() > 128 || !ProjectionsModule.PROCESSING_GROUPS.contains(name)) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no read model is built by such a processor");
        }
        try {
            ProjectionRebuild.Started started = rebuild.begin(List.of(name));
            return ResponseEntity.status(HttpStatus.ACCEPTED).body(new RebuildStarted(name, started.head()));
        } catch (ProjectionRebuild.ClaimedElsewhere claimed) {
            throw new ResponseStatusException(HttpStatus.CONFLICT, claimed.getMessage());
        }
    }

    /** A rebuild under way: the processor and the head of the event store it replays to. */
    public record RebuildStarted(String processor, long replaysTo) {
    }

    private void known(String name) {
        if (name.length() > 128 || !monitor.exists(name)) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no such event processor");
        }
    }
}
