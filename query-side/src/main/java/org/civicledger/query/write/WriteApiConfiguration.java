package org.civicledger.query.write;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.HeaderParameter;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.util.List;
import org.civicledger.query.http.ApiRequests;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Wires the write API into Spring MVC and documents its headers and problems in the OpenAPI document. */
@Configuration(proxyBeanMethods = false)
public class WriteApiConfiguration implements WebMvcConfigurer {

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(new CommandContextResolver());
    }

    /** Adds the headers every write takes, and its problem answers, to each POST under {@code /api/v1}. */
    @Bean
    public OpenApiCustomizer writeApiHeaders() {
        return openApi -> {
            if (openApi.getPaths() == null) {
                return;
            }
            if (openApi.getComponents() == null) {
                openApi.setComponents(new Components());
            }
            // Sign-in: a JWT bearer token from the configured issuer (or the development issuer) on every call but
            // the case-status lookup; the actor (subject, role, agency) is taken from it.
            openApi.getComponents().addSecuritySchemes("bearer", new SecurityScheme().type(SecurityScheme.Type.HTTP)
                    .scheme("bearer").bearerFormat("JWT"));
            openApi.addSecurityItem(new SecurityRequirement().addList("bearer"));
            if (openApi.getComponents().getSchemas() == null || !openApi.getComponents().getSchemas().containsKey("ProblemDetail")) {
                openApi.getComponents().addSchemas("ProblemDetail", new ObjectSchema()
                        .description("RFC 9457 problem details; `field` and `rule` name the offending field and the rule")
                        .addProperty("type", new StringSchema()).addProperty("title", new StringSchema())
                        .addProperty("status", new IntegerSchema()).addProperty("detail", new StringSchema())
                        .addProperty("instance", new StringSchema()).addProperty("field", new StringSchema())
                        .addProperty("rule", new StringSchema()));
            }
            openApi.getPaths().forEach((path, item) -> {
                Operation post = item.getPost();
                if (post == null || !path.startsWith(ApiRequests.API_PREFIX)) {
                    return;
                }
                post.addParametersItem(header(ApiRequests.IDEMPOTENCY_KEY_HEADER, true,
                        "1 to 128 printable characters, new for each new request; the same key and body returns the first answer"
                                + " (with Idempotent-Replayed: true), the same key with another body is refused (422), a"
                                + " duplicate sent while the first runs gets 409. Also the command id recorded with the events.",
                        null));
                post.addParametersItem(header(ApiRequests.CHANNEL_HEADER, false, "Channel of the request; api when absent",
                        List.of("web", "counter", "api")));
                problem(post, "400", "Malformed or invalid request, or a missing or bad header; `field` names it");
                problem(post, "401", "No bearer token, or one that is expired, badly signed, or of another issuer or audience");
                problem(post, "403", "The signed-in role may not do this, or the ledger refused it (`rule` names the rule)");
                problem(post, "404", "The target is not known");
                problem(post, "409", "Conflicts with the target's state, a concurrent writer, or a duplicate request in progress");
                problem(post, "413", "The body is larger than 64 KiB");
                problem(post, "422", "Refused by a rule of the ledger (`rule`, `field`), or an Idempotency-Key reused for another request");
                problem(post, "500", "The ledger failed; nothing is said of why. The Idempotency-Key may be retried");
                problem(post, "503", "The ledger did not answer in time; the command may still complete. The Idempotency-Key may be retried");
            });
        };
    }

    private static Parameter header(String name, boolean required, String description, List<String> values) {
        StringSchema schema = new StringSchema();
        if (values != null) {
            schema.setEnum(values);
        } else {
            schema.maxLength(128);
        }
        return new HeaderParameter().name(name).required(required).description(description).schema(schema);
    }

    private static void problem(Operation operation, String status, String description) {
        if (operation.getResponses() == null || operation.getResponses().containsKey(status)) {
            return;
        }
        Schema<?> problem = new Schema<>().$ref("#/components/schemas/ProblemDetail");
        operation.getResponses().addApiResponse(status, new ApiResponse().description(description)
                .content(new Content().addMediaType("application/problem+json", new MediaType().schema(problem))));
    }
}
