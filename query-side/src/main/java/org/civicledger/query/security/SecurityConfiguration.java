package org.civicledger.query.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.http.HttpMethod;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtDecoders;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.SupplierJwtDecoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsConfigurationSource;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.ServletRequestPathUtils;

/**
 * Sign-in and the URL access rules of the HTTP API: an OAuth2 resource server that accepts JWT bearer tokens,
 * validated for signature, issuer, audience and expiry, from either a real issuer
 * ({@code spring.security.oauth2.resourceserver.jwt.issuer-uri}, optionally {@code jwk-set-uri}, with
 * {@code ledger.security.audience}) or the local {@link DevelopmentIssuer}.
 *
 * <p>The API is stateless: no session, no cookie, every request carries its token. CSRF protection is
 * therefore off: a cross-site page cannot make a browser attach a bearer token, only cookies, and there are
 * none. Should a browser session (a login form, a session cookie) ever be added, CSRF protection must be
 * switched on for it.
 *
 * <p>Rules are by role and route here; rules that depend on the data (whose case, which agency) are in
 * {@link ReadAccess} and in the aggregates. A route that Spring MVC maps but no rule names is denied, so an
 * endpoint added without a rule is closed, not open; a request no route maps goes on to Spring MVC, which
 * answers 404 or 405.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
public class SecurityConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(SecurityConfiguration.class);

    static final String ISSUER_URI = "spring.security.oauth2.resourceserver.jwt.issuer-uri";
    static final String JWK_SET_URI = "spring.security.oauth2.resourceserver.jwt.jwk-set-uri";
    static final String DEV_ISSUER_ENABLED = "ledger.security.dev-issuer.enabled";
    static final String CONTENT_SECURITY_POLICY =
            "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

    private static final String CITIZEN = "CITIZEN";
    private static final String OFFICER = "OFFICER";
    private static final String AUDITOR = "AUDITOR";
    private static final String OPERATOR = "OPERATOR";

    @Bean
    public SecurityFilterChain ledgerSecurityFilterChain(HttpSecurity http, JwtDecoder jwtDecoder, SecurityProblems problems,
                                                         CorsConfigurationSource corsConfigurationSource,
                                                         ApplicationContext context) throws Exception {
        http
                // Stateless bearer tokens, no cookies: nothing for a cross-site request to ride on (see the class comment).
                .csrf(csrf -> csrf.disable())
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .formLogin(form -> form.disable())
                .httpBasic(basic -> basic.disable())
                .logout(logout -> logout.disable())
                .cors(cors -> cors.configurationSource(corsConfigurationSource))
                .headers(headers -> headers
                        .contentTypeOptions(contentType -> { })
                        .frameOptions(frames -> frames.deny())
                        .httpStrictTransportSecurity(hsts -> hsts.includeSubDomains(true).maxAgeInSeconds(31_536_000))
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.NO_REFERRER))
                        .contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY)))
                .exceptionHandling(exceptions -> exceptions.authenticationEntryPoint(problems).accessDeniedHandler(problems))
                .oauth2ResourceServer(resourceServer -> resourceServer
                        .jwt(jwt -> jwt.decoder(jwtDecoder).jwtAuthenticationConverter(new LedgerAuthenticationConverter()))
                        .authenticationEntryPoint(problems)
                        .accessDeniedHandler(problems))
                .authorizeHttpRequests(rules -> rules
                        .dispatcherTypeMatchers(DispatcherType.ERROR).permitAll()
                        .requestMatchers("/error").permitAll()
                        .requestMatchers(HttpMethod.GET, "/actuator/health", "/actuator/health/**", "/actuator/info").permitAll()
                        .requestMatchers("/actuator", "/actuator/**").hasRole(OPERATOR)
                        .requestMatchers(HttpMethod.GET, "/v3/api-docs", "/v3/api-docs.yaml", "/v3/api-docs/**").permitAll()
                        // Open by design: the case number and case password are the credential; rate limited.
                        .requestMatchers(HttpMethod.POST, CaseLookupRateLimitFilter.LOOKUP_PATH).permitAll()
                        // Providers are machines without tokens: the HMAC signature over the body is checked by the controller.
                        .requestMatchers(HttpMethod.POST, "/api/v1/providers/*/callbacks").permitAll()
                        .requestMatchers(HttpMethod.GET, "/api/v1/providers/*/unmatched-callbacks").hasAnyRole(AUDITOR, OPERATOR)
                        // Settlement files move the city's money in the journal: operators import them and resolve what did not match.
                        .requestMatchers(HttpMethod.POST, "/api/v1/providers/*/settlements",
                                "/api/v1/providers/*/settlements/*/discrepancies/*/resolution").hasRole(OPERATOR)
                        .requestMatchers(HttpMethod.GET, "/api/v1/providers/*/reconciliation/*").hasAnyRole(AUDITOR, OPERATOR)
                        .requestMatchers(HttpMethod.POST, "/api/v1/bills", "/api/v1/bills/*/amendments", "/api/v1/bills/*/cancel",
                                "/api/v1/payments/*/refunds").hasRole(OFFICER)
                        .requestMatchers(HttpMethod.POST, "/api/v1/payments").hasRole(CITIZEN)
                        .requestMatchers(HttpMethod.GET, "/api/v1/payments/*").hasAnyRole(CITIZEN, OFFICER, AUDITOR)
                        .requestMatchers(HttpMethod.GET, "/api/v1/citizens/*/bills", "/api/v1/citizens/*/payments").hasAnyRole(CITIZEN, AUDITOR)
                        .requestMatchers(HttpMethod.GET, "/api/v1/journal/trial-balance").hasAnyRole(OFFICER, AUDITOR, OPERATOR)
                        // Grants: officers award and revoke (the aggregate checks the agency), the beneficiary spends.
                        .requestMatchers(HttpMethod.POST, "/api/v1/grants", "/api/v1/grants/*/revoke").hasRole(OFFICER)
                        .requestMatchers(HttpMethod.POST, "/api/v1/grants/*/uses").hasRole(CITIZEN)
                        .requestMatchers(HttpMethod.GET, "/api/v1/grants/*").hasAnyRole(CITIZEN, OFFICER, AUDITOR)
                        .requestMatchers(HttpMethod.GET, "/api/v1/citizens/*/grants").hasAnyRole(CITIZEN, AUDITOR)
                        .requestMatchers(HttpMethod.GET, "/api/v1/agencies/*/payments-dashboard").hasAnyRole(OFFICER, AUDITOR, OPERATOR)
                        .requestMatchers(HttpMethod.GET, "/api/v1/payments-dashboard").hasAnyRole(AUDITOR, OPERATOR)
                        // Receipts (docs/receipts.md): the verification is public by design (number and code are the credential).
                        .requestMatchers(HttpMethod.GET, "/api/v1/receipts/verify").permitAll()
                        .requestMatchers(HttpMethod.POST, "/api/v1/receipts", "/api/v1/receipts/*/void", "/api/v1/receipts/*/reissue").hasRole(OFFICER)
                        .requestMatchers(HttpMethod.POST, "/api/v1/citizen-accounts").hasRole(OPERATOR)
                        .requestMatchers(HttpMethod.GET, "/api/v1/receipts/*", "/api/v1/receipts/*/pdf").hasAnyRole(CITIZEN, OFFICER, AUDITOR)
                        .requestMatchers(HttpMethod.GET, "/api/v1/citizens/*/receipts").hasAnyRole(CITIZEN, AUDITOR)
                        .requestMatchers(HttpMethod.GET, "/api/v1/agencies/*/receipt-books/*").hasAnyRole(OFFICER, AUDITOR)
                        .requestMatchers(HttpMethod.POST, "/api/v1/cases", "/api/v1/cases/*/withdraw",
                                "/api/v1/cases/*/supplements").hasAnyRole(CITIZEN, OFFICER)
                        .requestMatchers(HttpMethod.POST, "/api/v1/cases/*/accept", "/api/v1/cases/*/review",
                                "/api/v1/cases/*/supplement-requests", "/api/v1/cases/*/extension", "/api/v1/cases/*/approve",
                                "/api/v1/cases/*/reject", "/api/v1/cases/*/transfer", "/api/v1/cases/*/close").hasRole(OFFICER)
                        .requestMatchers(HttpMethod.POST, "/api/v1/reference/**", "/api/v1/privacy/**").hasRole(OPERATOR)
                        // Checkpoints and proofs are hashes and signatures only: anyone may verify the ledger.
                        .requestMatchers(HttpMethod.GET, "/api/v1/integrity/checkpoints/latest", "/api/v1/integrity/checkpoints/*",
                                "/api/v1/integrity/consistency", "/api/v1/integrity/inclusion", "/api/v1/integrity/public-key").permitAll()
                        .requestMatchers(HttpMethod.POST, "/api/v1/integrity/checkpoints").hasRole(OPERATOR)
                        .requestMatchers(HttpMethod.GET, "/api/v1/cases/*").hasAnyRole(CITIZEN, OFFICER, AUDITOR)
                        .requestMatchers(HttpMethod.GET, "/api/v1/citizens/*/cases", "/api/v1/citizens/*/history")
                                .hasAnyRole(CITIZEN, AUDITOR)
                        .requestMatchers(HttpMethod.GET, "/api/v1/agencies/*/queue").hasAnyRole(OFFICER, AUDITOR)
                        .requestMatchers(HttpMethod.GET, "/api/v1/agencies/*/dashboard").hasAnyRole(OFFICER, AUDITOR, OPERATOR)
                        .requestMatchers(HttpMethod.GET, "/api/v1/dashboard").hasAnyRole(AUDITOR, OPERATOR)
                        .requestMatchers(HttpMethod.GET, "/api/v1/audit/**").hasRole(AUDITOR)
                        .requestMatchers(HttpMethod.GET, "/api/v1/ops/processors", "/api/v1/ops/processors/*/dead-letters")
                                .hasAnyRole(AUDITOR, OPERATOR)
                        .requestMatchers(HttpMethod.POST, "/api/v1/ops/processors/*/dead-letters/retry").hasRole(OPERATOR)
                        .requestMatchers(HttpMethod.POST, "/api/v1/ops/processors/*/rebuild").hasRole(OPERATOR)
                        .requestMatchers(HttpMethod.GET, "/api/v1/reference/**").hasAnyRole(CITIZEN, OFFICER, AUDITOR, OPERATOR)
                        // Documents (docs/documents.md): anyone may verify a document's bytes; the rest by role, then by the aggregate.
                        .requestMatchers(HttpMethod.POST, "/api/v1/documents/verify").permitAll()
                        .requestMatchers(HttpMethod.POST, "/api/v1/documents", "/api/v1/documents/*/revoke").hasRole(OFFICER)
                        .requestMatchers(HttpMethod.POST, "/api/v1/documents/*/signatures").hasAnyRole(CITIZEN, OFFICER)
                        .requestMatchers(HttpMethod.GET, "/api/v1/documents/*", "/api/v1/documents/*/content", "/api/v1/documents/*/bundle")
                                .hasAnyRole(CITIZEN, OFFICER, AUDITOR)
                        .requestMatchers(HttpMethod.GET, "/api/v1/citizens/*/documents").hasAnyRole(CITIZEN, AUDITOR)
                        .requestMatchers(HttpMethod.POST, "/api/v1/signing-keys", "/api/v1/signing-keys/*/keys/*/revoke")
                                .hasAnyRole(CITIZEN, OFFICER, OPERATOR)
                        // An agency's derived certificate key is the ledger's, kept by operators (docs/documents.md, Agency keys).
                        .requestMatchers(HttpMethod.POST, "/api/v1/signing-keys/agencies/*/rotations").hasRole(OPERATOR)
                        .anyRequest().access(new UnmappedRequestsOnly(() -> context.getBean("requestMappingHandlerMapping",
                                RequestMappingHandlerMapping.class))));
        return http.build();
    }

    /**
     * The last rule: denies every request that a controller would handle (it reached here, so no rule above
     * names it) and lets the others through to Spring MVC, which answers them 404, 405 or 415.
     */
    static final class UnmappedRequestsOnly implements AuthorizationManager<RequestAuthorizationContext> {

        private final Supplier<RequestMappingHandlerMapping> mappings;

        UnmappedRequestsOnly(Supplier<RequestMappingHandlerMapping> mappings) {
            this.mappings = mappings;
        }

        @Override
        @SuppressWarnings("deprecation")
        public AuthorizationDecision check(Supplier<Authentication> authentication, RequestAuthorizationContext context) {
            return new AuthorizationDecision(!mapped(context.getRequest()));
        }

        private boolean mapped(HttpServletRequest request) {
            boolean parsedBefore = ServletRequestPathUtils.hasParsedRequestPath(request);
            if (!parsedBefore) {
                ServletRequestPathUtils.parseAndCache(request);
            }
            try {
                return mappings.get().getHandler(request) != null;
            } catch (Exception noHandlerForThisMethodOrMediaType) {
                return false;
            } finally {
                if (!parsedBefore) {
                    ServletRequestPathUtils.clearParsedRequestPath(request);
                }
            }
        }
    }

    @Bean
    public SecurityProblems securityProblems(ObjectMapper objectMapper) {
        return new SecurityProblems(objectMapper);
    }

    /** Closed unless {@code ledger.security.cors.allowed-origins} lists origins: a cross-origin request is then refused. */
    @Bean
    public CorsConfigurationSource corsConfigurationSource(@Value("${ledger.security.cors.allowed-origins:}") List<String> origins) {
        CorsConfiguration configuration = new CorsConfiguration();
        List<String> allowed = origins.stream().map(String::trim).filter(origin -> !origin.isEmpty()).toList();
        configuration.setAllowedOrigins(allowed);
        if (!allowed.isEmpty()) {
            configuration.setAllowedMethods(List.of("GET", "POST"));
            configuration.setAllowedHeaders(List.of("Authorization", "Content-Type", "Idempotency-Key", "X-Channel"));
            configuration.setExposedHeaders(List.of("Location", "Retry-After", "WWW-Authenticate", "Idempotent-Replayed",
                    "Read-Model-Position", "Read-Model-Caught-Up"));
            // Bearer tokens, not cookies: a cross-origin caller never needs the browser's credentials.
            configuration.setAllowCredentials(false);
            configuration.setMaxAge(3600L);
        }
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        source.registerCorsConfiguration("/**", configuration);
        return source;
    }

    /** The development issuer, when switched on and no real issuer is configured. */
    @Bean
    @Conditional(DevelopmentIssuerOn.class)
    public DevelopmentIssuer developmentIssuer(
            @Value("${ledger.security.dev-issuer.key-file:${ledger.data-dir:./data}/" + DevelopmentIssuer.KEY_FILE_IN_DATA_DIR + "}")
            String keyFile) {
        // Tokens carry real-world times, whatever business clock the ledger runs on.
        return DevelopmentIssuer.openOrCreate(Path.of(keyFile), Clock.systemUTC());
    }

    @Bean
    public JwtDecoder jwtDecoder(Environment environment, org.springframework.beans.factory.ObjectProvider<DevelopmentIssuer> issuers) {
        String issuerUri = environment.getProperty(ISSUER_URI, "").trim();
        String jwkSetUri = environment.getProperty(JWK_SET_URI, "").trim();
        DevelopmentIssuer development = issuers.getIfAvailable();
        if (development != null) {
            LOG.warn("""

                    ************************************************************************************************
                    * SIGN-IN: THE DEVELOPMENT TOKEN ISSUER IS ON. Anyone who can read {} can sign in as anyone.
                    * Not for production: configure a real issuer ({} and ledger.security.audience)
                    * and set {}=false.
                    ************************************************************************************************""",
                    development.keyFile().toAbsolutePath(), ISSUER_URI, DEV_ISSUER_ENABLED);
            return developmentDecoder(development.publicKey());
        }
        if (issuerUri.isEmpty() && jwkSetUri.isEmpty()) {
            throw new IllegalStateException("No token issuer is configured: set " + ISSUER_URI + " (and optionally " + JWK_SET_URI
                    + ") with ledger.security.audience, or, for development only, " + DEV_ISSUER_ENABLED + "=true");
        }
        if (issuerUri.isEmpty()) {
            throw new IllegalStateException("Every token's issuer is checked: set " + ISSUER_URI + " along with " + JWK_SET_URI);
        }
        String audience = environment.getProperty("ledger.security.audience", "").trim();
        if (audience.isEmpty()) {
            throw new IllegalStateException("ledger.security.audience is required with a real issuer: tokens minted for other "
                    + "services must not be accepted here");
        }
        LOG.info("Sign-in: bearer tokens of issuer {} for audience {}; the development token issuer is off", issuerUri, audience);
        OAuth2TokenValidator<Jwt> validator = validator(issuerUri, audience);
        if (!jwkSetUri.isEmpty()) {
            // Keys are fetched on the first token, not at start: no outbound call before there is a reason for one.
            NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(jwkSetUri).build();
            decoder.setJwtValidator(validator);
            return decoder;
        }
        return new SupplierJwtDecoder(() -> {
            NimbusJwtDecoder decoder = (NimbusJwtDecoder) JwtDecoders.fromIssuerLocation(issuerUri);
            decoder.setJwtValidator(validator);
            return decoder;
        });
    }

    /** Verifies ES256 signatures by the development issuer's public key, then issuer, audience and expiry. */
    static JwtDecoder developmentDecoder(ECKey publicKey) {
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.ES256, new ImmutableJWKSet<>(new JWKSet(publicKey))));
        // Claims are checked by Spring's validators below, as for a real issuer.
        processor.setJWTClaimsSetVerifier((claims, context) -> { });
        NimbusJwtDecoder decoder = new NimbusJwtDecoder(processor);
        decoder.setJwtValidator(validator(DevelopmentIssuer.ISSUER, DevelopmentIssuer.AUDIENCE));
        return decoder;
    }

    /** Expiry and not-before (60 s skew), issuer, and an audience that includes ours. */
    static OAuth2TokenValidator<Jwt> validator(String issuer, String audience) {
        return new DelegatingOAuth2TokenValidator<>(JwtValidators.createDefaultWithIssuer(issuer),
                new JwtClaimValidator<List<String>>(JwtClaimNames.AUD, audiences -> audiences != null && audiences.contains(audience)));
    }

    /** The case lookup's rate limit, after Spring Security's chain (it reads nothing of the caller but its address). */
    @Bean
    public FilterRegistrationBean<CaseLookupRateLimitFilter> caseLookupRateLimitFilter(
            @Value("${ledger.security.case-lookup.requests-per-minute:10}") int requestsPerMinute,
            @Value("${ledger.security.case-lookup.clients-max:10000}") int clientsMax, ObjectMapper objectMapper) {
        FilterRegistrationBean<CaseLookupRateLimitFilter> registration = new FilterRegistrationBean<>(
                new CaseLookupRateLimitFilter(requestsPerMinute, clientsMax, Clock.systemUTC(), objectMapper));
        registration.setOrder(SecurityProperties.DEFAULT_FILTER_ORDER + 5);
        registration.addUrlPatterns(CaseLookupRateLimitFilter.LOOKUP_PATH);
        return registration;
    }

    /** {@code ledger.security.dev-issuer.enabled=true} and neither an issuer URI nor a JWK set URI is configured. */
    static final class DevelopmentIssuerOn implements Condition {

        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            Environment environment = context.getEnvironment();
            return environment.getProperty(DEV_ISSUER_ENABLED, Boolean.class, false)
                    && environment.getProperty(ISSUER_URI, "").isBlank()
                    && environment.getProperty(JWK_SET_URI, "").isBlank();
        }
    }
}
