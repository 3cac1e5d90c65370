package org.civicledger.ops.processors;

import java.util.List;
import org.civicledger.query.security.ReadAccess;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * Event processors for operators and auditors: status (positions, lag, replaying, dead letters) and the dead
 * letters of one processor (no payloads); operators retry them.
 */
@RestController
@RequestMapping("/api/v1/ops/processors")
public class ProcessorController {

    private final ProcessorMonitor monitor;

    public ProcessorController(ProcessorMonitor monitor) {
        this.monitor = monitor;
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

    private void known(String name) {
        if (name.length() > 128 || !monitor.exists(name)) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no such event processor");
        }
    }
}
