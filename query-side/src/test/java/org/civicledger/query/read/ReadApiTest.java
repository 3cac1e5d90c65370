package org.civicledger.query.read;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.civicledger.events.cases.Applicant;
import org.civicledger.events.cases.CaseEvent.ApplicationSubmitted;
import org.civicledger.events.cases.CaseEvent.CaseAccepted;
import org.civicledger.events.cases.CaseEvent.CaseApproved;
import org.civicledger.events.cases.CaseEvent.CaseReviewStarted;
import org.civicledger.events.cases.CasePasswordHash;
import org.civicledger.events.common.DocumentReference;
import org.civicledger.events.common.Money;
import org.civicledger.events.common.NationalId;
import org.civicledger.events.reference.AgencyEvent.AgencyRegistered;
import org.civicledger.events.reference.CalendarEvents.CalendarYearPublished;
import org.civicledger.events.reference.CalendarEvents.Holiday;
import org.civicledger.events.reference.CaseTypeEvent.CaseTypeRegistered;
import org.civicledger.projections.agencyqueue.AgencyQueueQueries;
import org.civicledger.projections.casestatus.CaseStatusProjection;
import org.civicledger.projections.casestatus.CaseStatusQueries;
import org.civicledger.projections.citizenhistory.CitizenHistoryProjection;
import org.civicledger.projections.citizenhistory.CitizenHistoryQueries;
import org.civicledger.projections.referencedata.ReferenceDataProjection;
import org.civicledger.projections.referencedata.ReferenceDataQueries;
import org.civicledger.query.http.ProblemAdvice;
import org.axonframework.eventhandling.GenericEventMessage;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.civicledger.query.security.LedgerAuthenticationConverter;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.junit.jupiter.api.Test;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.springframework.http.MediaType;
import org.springframework.http.converter.json.Jackson2ObjectMapperBuilder;
import org.springframework.http.converter.json.MappingJackson2HttpMessageConverter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

/**
 * The read API over the real query classes and read models on H2 (migrated by the projections' Flyway
 * scripts), with rows written by the projections' own handlers; nothing of ours is mocked.
 */
class ReadApiTest {

    private static final String PASSWORD = "Xk4-pQ9-tR2";
    private static final Instant T0 = Instant.parse("2025-03-03T01:00:00Z");

    private MockMvc mvc;
    private CaseStatusProjection caseStatus;
    private long position;

    /** Signs in as the request's caller, as Spring Security's chain would after verifying a token. */
    static void signIn(String subject, String role, String agency) {
        Jwt.Builder jwt = Jwt.withTokenValue("test").header("alg", "ES256").subject(subject).claim("roles", List.of(role));
        if (agency != null) {
            jwt.claim("agency", agency);
        }
        SecurityContextHolder.getContext().setAuthentication(new LedgerAuthenticationConverter().convert(jwt.build()));
    }

    @AfterEach
    void signOut() {
        SecurityContextHolder.clearContext();
    }

    @BeforeEach
    void readModelsWithACityInThem() {
        signIn("auditor-1", "auditor", null);
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:" + UUID.randomUUID()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1");
        // The event table too: read models keyed by position look an event's own global index up in it.
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration", "classpath:db/test-migration").load().migrate();
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);

        caseStatus = new CaseStatusProjection(jdbc);
        CitizenHistoryProjection history = new CitizenHistoryProjection(jdbc);
        ReferenceDataProjection reference = new ReferenceDataProjection(jdbc);
        AgencyRegistered agency = new AgencyRegistered("AG-BUILD", "Building Office");
        reference.on(agency, GenericEventMessage.asEventMessage(agency), token(), T0);
        CaseTypeRegistered caseType = new CaseTypeRegistered("BP", "AG-BUILD", "Building permit", List.of("floor-plan"), Money.twd(250), 10, false);
        reference.on(caseType, GenericEventMessage.asEventMessage(caseType), token(), T0);
        CalendarYearPublished calendar = new CalendarYearPublished(2025, List.of(new Holiday(LocalDate.of(2025, 1, 1), "New Year")),
                List.of(LocalDate.of(2025, 2, 8)), "DGPA 2025");
        reference.on(calendar, GenericEventMessage.asEventMessage(calendar), token());

        ApplicationSubmitted submitted = new ApplicationSubmitted("case-1", "BP", "AG-BUILD",
                new Applicant("citizen-1", NationalId.withCheckDigit("A12345678"), "Lin Mei-hua", "mei@example.org", null),
                List.of(new DocumentReference("floor-plan", "doc://plans/1")), 10, Money.twd(250), T0);
        CaseAccepted accepted = new CaseAccepted("case-1", "CN-2025-000001", CasePasswordHash.hash(PASSWORD, new byte[16]),
                LocalDate.of(2025, 3, 4), 10, LocalDate.of(2025, 3, 18));
        CaseReviewStarted review = new CaseReviewStarted("case-1", "officer-7");
        CaseApproved approved = new CaseApproved("case-1", "complete", LocalDate.of(2025, 3, 10), 4, true, LocalDate.of(2025, 4, 9));
        GlobalSequenceTrackingToken token = token();
        caseStatus.on(submitted, GenericEventMessage.asEventMessage(submitted), token, T0, 0, "CITIZEN");
        history.on(submitted, GenericEventMessage.asEventMessage(submitted), token, T0);
        token = token();
        caseStatus.on(accepted, GenericEventMessage.asEventMessage(accepted), token, T0, 1, "OFFICER");
        history.on(accepted, GenericEventMessage.asEventMessage(accepted), token, T0);
        token = token();
        caseStatus.on(review, GenericEventMessage.asEventMessage(review), token, T0, 2, "OFFICER");
        history.on(review, GenericEventMessage.asEventMessage(review), token, T0);
        token = token();
        caseStatus.on(approved, GenericEventMessage.asEventMessage(approved), token, T0, 3, "OFFICER");
        history.on(approved, GenericEventMessage.asEventMessage(approved), token, T0);

        CaseStatusQueries cases = new CaseStatusQueries(jdbc);
        Clock april = Clock.fixed(Instant.parse("2025-04-01T02:00:00Z"), ZoneId.of("Asia/Taipei"));
        mvc = MockMvcBuilders.standaloneSetup(
                        new CaseReadController(cases),
                        new CitizenReadController(cases, new CitizenHistoryQueries(jdbc)),
                        new AgencyReadController(new AgencyQueueQueries(jdbc), april),
                        new ReferenceDataController(new ReferenceDataQueries(jdbc)))
                .setControllerAdvice(new ProblemAdvice())
                // As Spring Boot configures it (spring.jackson.serialization.write-dates-as-timestamps: false).
                .setMessageConverters(new MappingJackson2HttpMessageConverter(Jackson2ObjectMapperBuilder.json()
                        .featuresToDisable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).build()))
                .build();
    }

    @Test
    void a_case_is_read_with_its_steps_and_its_position() throws Exception {
        mvc.perform(get("/api/v1/cases/case-1"))
                .andExpect(status().isOk())
                .andExpect(header().string(CaseReadController.POSITION_HEADER, Long.toString(position)))
                .andExpect(jsonPath("$.status").value("APPROVED"))
                .andExpect(jsonPath("$.deadline").value("2025-03-18"))
                .andExpect(jsonPath("$.steps", hasSize(4)))
                .andExpect(jsonPath("$.steps[0].actorRole").value("CITIZEN"))
                .andExpect(content().string(not(containsString("pbkdf2"))));
    }

    @Test
    void reading_ones_own_write_waits_for_the_position_and_says_when_it_is_not_reached() throws Exception {
        mvc.perform(get("/api/v1/cases/case-1").param("minPosition", Long.toString(position)).param("waitMs", "1000"))
                .andExpect(status().isOk())
                .andExpect(header().string(CaseReadController.CAUGHT_UP_HEADER, "true"));
        mvc.perform(get("/api/v1/cases/case-1").param("minPosition", Long.toString(position + 1)).param("waitMs", "50"))
                .andExpect(status().isOk())
                .andExpect(header().string(CaseReadController.CAUGHT_UP_HEADER, "false"));
        mvc.perform(get("/api/v1/cases/case-1").param("minPosition", "1").param("waitMs", "600000"))
                .andExpect(status().isBadRequest());
    }

    @Test
    void an_unknown_case_is_a_not_found_problem() throws Exception {
        mvc.perform(get("/api/v1/cases/case-nope"))
                .andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.status").value(404));
    }

    @Test
    void the_case_number_and_password_open_status_deadline_and_steps_only() throws Exception {
        mvc.perform(post("/api/v1/case-status/lookup").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"caseNumber\":\"CN-2025-000001\",\"casePassword\":\"" + PASSWORD + "\"}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("APPROVED"))
                .andExpect(jsonPath("$.deadline").value("2025-03-18"))
                .andExpect(jsonPath("$.steps", hasSize(4)))
                .andExpect(jsonPath("$.caseId").doesNotExist())
                .andExpect(jsonPath("$.applicantSubject").doesNotExist())
                .andExpect(jsonPath("$.agencyCode").doesNotExist());
    }

    @Test
    void a_wrong_password_and_an_unknown_number_get_the_same_answer() throws Exception {
        String wrongPassword = mvc.perform(post("/api/v1/case-status/lookup").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"caseNumber\":\"CN-2025-000001\",\"casePassword\":\"guess\"}"))
                .andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andReturn().getResponse().getContentAsString();
        String unknownNumber = mvc.perform(post("/api/v1/case-status/lookup").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"caseNumber\":\"CN-2025-999999\",\"casePassword\":\"" + PASSWORD + "\"}"))
                .andExpect(status().isNotFound())
                .andReturn().getResponse().getContentAsString();

        org.assertj.core.api.Assertions.assertThat(wrongPassword.replace("CN-2025-000001", ""))
                .isEqualTo(unknownNumber.replace("CN-2025-999999", ""));
        mvc.perform(post("/api/v1/case-status/lookup").contentType(MediaType.APPLICATION_JSON).content("{\"caseNumber\":\"x\"}"))
                .andExpect(status().isBadRequest());
    }

    @Test
    void a_citizen_reads_their_cases_and_their_history() throws Exception {
        mvc.perform(get("/api/v1/citizens/citizen-1/cases"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.items", hasSize(1)))
                .andExpect(jsonPath("$.items[0].caseNumber").value("CN-2025-000001"))
                .andExpect(jsonPath("$.hasMore").value(false));
        mvc.perform(get("/api/v1/citizens/citizen-1/history").param("size", "2"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.items", hasSize(2)))
                .andExpect(jsonPath("$.items[0].kind").value("CaseApproved"))
                .andExpect(jsonPath("$.items[0].category").value("case"))
                .andExpect(jsonPath("$.hasMore").value(true));
        mvc.perform(get("/api/v1/citizens/citizen-1/history").param("category", "case"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.items", hasSize(4)));
        mvc.perform(get("/api/v1/citizens/citizen-1/history").param("category", "payment"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.items", hasSize(0)));
        mvc.perform(get("/api/v1/citizens/citizen-1/history").param("category", "gossip"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("category"));
        mvc.perform(get("/api/v1/citizens/citizen-1/history").param("size", "201"))
                .andExpect(status().isBadRequest());
    }

    @Test
    void an_agency_reads_its_queue_and_dashboard_and_the_city_its_own() throws Exception {
        mvc.perform(get("/api/v1/agencies/AG-BUILD/queue").param("status", "approved"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.items", hasSize(1)));
        mvc.perform(get("/api/v1/agencies/AG-BUILD/queue").param("status", "LOST"))
                .andExpect(status().isBadRequest());
        mvc.perform(get("/api/v1/agencies/AG-BUILD/dashboard"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.asOf").value("2025-04-01"))
                .andExpect(jsonPath("$.casesByStatus.APPROVED").value(1))
                .andExpect(jsonPath("$.medianProcessingWorkingDays").value(4.0))
                .andExpect(jsonPath("$.decidedWithinDeadlinePercent").value(100.0));
        mvc.perform(get("/api/v1/dashboard"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.city.total").value(1))
                .andExpect(jsonPath("$.agencies[0].agencyCode").value("AG-BUILD"));
    }

    @Test
    void reference_data_lists_agencies_case_types_and_the_calendar() throws Exception {
        mvc.perform(get("/api/v1/reference/agencies"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.items[0].name").value("Building Office"));
        mvc.perform(get("/api/v1/reference/case-types").param("agency", "AG-BUILD"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.items[0].fee.amountMinor").value(250));
        mvc.perform(get("/api/v1/reference/case-types/BP"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.revisions", hasSize(1)))
                .andExpect(jsonPath("$.requiredDocuments[0]").value("floor-plan"));
        mvc.perform(get("/api/v1/reference/case-types/NOPE")).andExpect(status().isNotFound());
        mvc.perform(get("/api/v1/reference/calendar/2025"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.holidays[0].date").value("2025-01-01"))
                .andExpect(jsonPath("$.makeUpWorkdays[0]").value("2025-02-08"));
        mvc.perform(get("/api/v1/reference/calendar/2026")).andExpect(status().isNotFound());
        mvc.perform(get("/api/v1/reference/calendar/3000")).andExpect(status().isBadRequest());
    }

    private GlobalSequenceTrackingToken token() {
        return new GlobalSequenceTrackingToken(++position);
    }

    @Test
    void a_citizen_reads_their_own_case_and_is_told_404_for_another_citizens() throws Exception {
        signIn("citizen-1", "citizen", null);
        mvc.perform(get("/api/v1/cases/case-1")).andExpect(status().isOk());
        mvc.perform(get("/api/v1/citizens/citizen-1/cases")).andExpect(status().isOk());
        signIn("citizen-2", "citizen", null);
        mvc.perform(get("/api/v1/cases/case-1")).andExpect(status().isNotFound())
                .andExpect(content().string(not(containsString("citizen-1"))));
        mvc.perform(get("/api/v1/citizens/citizen-1/cases")).andExpect(status().isForbidden());
        mvc.perform(get("/api/v1/citizens/citizen-1/history")).andExpect(status().isForbidden());
    }

    @Test
    void an_officer_reads_their_own_agencys_cases_queue_and_dashboard_only() throws Exception {
        signIn("officer-1", "officer", "AG-BUILD");
        mvc.perform(get("/api/v1/cases/case-1")).andExpect(status().isOk());
        mvc.perform(get("/api/v1/agencies/AG-BUILD/queue")).andExpect(status().isOk());
        mvc.perform(get("/api/v1/agencies/AG-BUILD/dashboard")).andExpect(status().isOk());
        signIn("officer-2", "officer", "AG-OTHER");
        mvc.perform(get("/api/v1/cases/case-1")).andExpect(status().isForbidden());
        mvc.perform(get("/api/v1/agencies/AG-BUILD/queue")).andExpect(status().isForbidden());
        mvc.perform(get("/api/v1/agencies/AG-BUILD/dashboard")).andExpect(status().isForbidden());
        mvc.perform(get("/api/v1/dashboard")).andExpect(status().isForbidden());
        mvc.perform(get("/api/v1/citizens/citizen-1/cases")).andExpect(status().isForbidden());
    }

    @Test
    void an_operator_reads_dashboards_and_no_personal_data() throws Exception {
        signIn("operator-1", "operator", null);
        mvc.perform(get("/api/v1/dashboard")).andExpect(status().isOk());
        mvc.perform(get("/api/v1/agencies/AG-BUILD/dashboard")).andExpect(status().isOk());
        mvc.perform(get("/api/v1/cases/case-1")).andExpect(status().isForbidden());
        mvc.perform(get("/api/v1/agencies/AG-BUILD/queue")).andExpect(status().isForbidden());
        mvc.perform(get("/api/v1/citizens/citizen-1/history")).andExpect(status().isForbidden());
    }

    @Test
    void without_a_signed_in_actor_only_the_lookup_answers() throws Exception {
        SecurityContextHolder.clearContext();
        mvc.perform(get("/api/v1/reference/agencies")).andExpect(status().isForbidden());
        mvc.perform(get("/api/v1/cases/case-1")).andExpect(status().isForbidden());
        mvc.perform(post("/api/v1/case-status/lookup").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"caseNumber\":\"nope\",\"casePassword\":\"nope\"}"))
                .andExpect(status().isNotFound());
    }

    @Test
    void bad_parameters_are_400_problems_naming_the_parameter() throws Exception {
        String[][] cases = {
                {"/api/v1/agencies/AG-BUILD/queue?page=-1", "page"},
                {"/api/v1/agencies/AG-BUILD/queue?page=abc", "page"},
                {"/api/v1/agencies/AG-BUILD/queue?page=99999999999", "page"},
                {"/api/v1/agencies/AG-BUILD/queue?size=0", "size"},
                {"/api/v1/agencies/AG-BUILD/queue?size=1.5", "size"},
                {"/api/v1/agencies/AG-BUILD/queue?status=LOST", "status"},
                {"/api/v1/cases/case-1?minPosition=-5", "minPosition"},
                {"/api/v1/cases/case-1?minPosition=x", "minPosition"},
                {"/api/v1/cases/case-1?minPosition=1&waitMs=600000", "waitMs"},
                {"/api/v1/cases/case-1?minPosition=1&waitMs=-1", "waitMs"},
                {"/api/v1/reference/calendar/abc", "year"},
                {"/api/v1/reference/calendar/3000", "year"},
                {"/api/v1/citizens/" + "s".repeat(129) + "/cases", "subject"},
                {"/api/v1/citizens/a%09b/history", "subject"},
        };
        for (String[] bad : cases) {
            mvc.perform(get(java.net.URI.create(bad[0])))
                    .andExpect(status().isBadRequest())
                    .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                    .andExpect(jsonPath("$.field").value(bad[1]));
        }
    }
}
