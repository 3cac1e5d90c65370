package org.civicledger.ops;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The Civic Ledger assembly: command side, projections and HTTP API in one Spring Boot application.
 *
 * <p>{@link LedgerCommandLine} is the entry point; it decides which of serve, demo or bench runs.
 */
@SpringBootApplication(scanBasePackages = "org.civicledger")
public class LedgerApplication {

    public static void main(String[] args) {
        System.exit(LedgerCommandLine.run(args));
    }
}
