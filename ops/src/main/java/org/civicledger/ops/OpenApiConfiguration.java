package org.civicledger.ops;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The title page of the OpenAPI document served at {@code /v3/api-docs}. */
@Configuration(proxyBeanMethods = false)
public class OpenApiConfiguration {

    @Bean
    public OpenAPI civicLedgerOpenApi() {
        return new OpenAPI().info(new Info()
                .title("Civic Ledger API")
                .version("v1")
                .description("Cases, case status, citizen histories, agency queues and dashboards, and reference data of "
                        + "a city's digital services. Errors are RFC 9457 problem details; every POST takes an "
                        + "Idempotency-Key, but payment providers' callbacks, which are signed instead (HMAC-SHA256)."));
    }
}
