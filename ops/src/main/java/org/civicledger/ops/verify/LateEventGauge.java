package org.civicledger.ops.verify;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.civicledger.projections.integrity.IntegrityLog;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * The {@code ledger.integrity.late_events} gauge: how many stored events the checkpointer found outside the tree
 * because they committed after their global index was given up (docs/integrity.md "Late commits"). Anything above
 * zero deserves an alert: those events are in no checkpoint and every verifier run reports them.
 */
@Component
public class LateEventGauge {

    public LateEventGauge(IntegrityLog integrityLog, ObjectProvider<MeterRegistry> registries) {
        MeterRegistry registry = registries.getIfAvailable();
        if (registry != null) {
            Gauge.builder("ledger.integrity.late_events", integrityLog, IntegrityLog::lateEventCount)
                    .description("Stored events that committed after the Merkle tree gave their global index up")
                    .register(registry);
        }
    }
}
