package org.civicledger.ops;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * The Civic Ledger assembly: command side, projections and HTTP API in one Spring Boot application.
 *
 * <p>{@link LedgerCommandLine} is the entry point; it decides which of serve, demo or bench runs.
 * Scheduling is on for housekeeping such as expiring idempotency records.
 */
@SpringBootApplication(scanBasePackages = "org.civicledger")
@EnableScheduling
public class LedgerApplication {

    public static void main(String[] args) {
        System.exit(LedgerCommandLine.run(args));
    }
}
