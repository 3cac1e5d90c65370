package org.civicledger.ops;

import java.io.PrintStream;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;

/** Prints where a newcomer should look once the ledger is up. */
public final class WhereToLook {

    private WhereToLook() {
    }

    public static String baseUrl(ConfigurableApplicationContext context) {
        Environment environment = context.getEnvironment();
        String port = environment.getProperty("local.server.port", environment.getProperty("server.port", "8080"));
        return "http://localhost:" + port;
    }

    public static void print(ConfigurableApplicationContext context, PrintStream out) {
        String base = baseUrl(context);
        Environment environment = context.getEnvironment();
        out.println();
        out.println("Civic Ledger is running.");
        out.println("  API            " + base + "/api/v1");
        out.println("  OpenAPI        " + base + "/v3/api-docs");
        out.println("  Health         " + base + "/actuator/health");
        out.println("  Metrics        " + base + "/actuator/prometheus");
        out.println("  Event store    " + environment.getProperty("spring.datasource.url"));
        out.println();
    }
}
