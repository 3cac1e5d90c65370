package org.civicledger.ops.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.civicledger.events.common.Actor;
import org.civicledger.events.reference.ReferenceCommands.PublishCalendarYear;
import org.civicledger.ops.LedgerApplication;
import org.civicledger.ops.support.TestClockConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;

/** The demo's documents: the signed contract verifies, its tampered copy is unknown, the case's certificate verifies. */
@SpringBootTest(classes = LedgerApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:demo-documents;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
        "ledger.notices.dispatch.enabled=false"})
@Import(TestClockConfiguration.class)
class DemoDocumentsOnH2Test {

    @LocalServerPort
    int port;
    @Autowired
    ConfigurableApplicationContext context;
    @Autowired
    CommandGateway commands;
    @TempDir
    Path dataDir;

    final HttpClient http = HttpClient.newHttpClient();

    int verify(Path file) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/documents/verify"))
                .header("Content-Type", "application/octet-stream").POST(HttpRequest.BodyPublishers.ofFile(file)).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    String verdict(Path file) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/documents/verify"))
                .POST(HttpRequest.BodyPublishers.ofFile(file)).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    @Test
    void a_contract_signed_in_order_verifies_its_tampered_copy_does_not_and_the_certificate_does() throws Exception {
        // The demo city publishes calendars; here the case's deadline needs this year's.
        commands.sendAndWait(new PublishCalendarYear(2026, List.of(), List.of(), "test", "demo-docs-cal", Actor.system("test-loader")));
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        DemoDocuments.prepareAndPrint(context, dataDir, new PrintStream(printed, true, StandardCharsets.UTF_8));
        Path folder = dataDir.resolve("demo-documents");
        assertThat(printed.toString(StandardCharsets.UTF_8)).doesNotContain("not available");
        assertThat(folder.resolve("contract.txt")).exists();
        assertThat(folder.resolve("certificate.txt")).exists();
        assertThat(printed.toString(StandardCharsets.UTF_8)).contains("/api/v1/documents/verify", "document-verify", "certificate.txt");

        await("the contract in the read model").atMost(Duration.ofSeconds(30))
                .until(() -> verdict(folder.resolve("contract.txt")).contains("\"signOff\":\"EXECUTED\""));
        assertThat(verdict(folder.resolve("contract.txt"))).contains("\"verification\":\"valid\"", "\"role\":\"OFFICER\"", "\"role\":\"VENDOR\"");
        assertThat(verify(folder.resolve("tampered-contract.txt"))).isEqualTo(404);
        assertThat(verdict(folder.resolve("certificate.txt"))).contains("\"verification\":\"valid\"", "\"role\":\"AGENCY\"");
        assertThat(Files.readString(folder.resolve("certificate.txt"))).doesNotContain("Chen Wei", "F131104093", "chen.wei@example.org");

        // A second run on the same store changes nothing and prints the same commands.
        DemoDocuments.prepareAndPrint(context, dataDir, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        assertThat(Files.readAllLines(folder.resolve("ids.txt"))).hasSize(2);
    }
}
