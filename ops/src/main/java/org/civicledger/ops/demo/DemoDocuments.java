package org.civicledger.ops.demo;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.civicledger.command.documents.CaseCertificates;
import org.civicledger.command.documents.Signatures;
import org.civicledger.events.cases.Applicant;
import org.civicledger.events.cases.CaseCommands.AcceptCase;
import org.civicledger.events.cases.CaseCommands.ApproveCase;
import org.civicledger.events.cases.CaseCommands.StartReview;
import org.civicledger.events.cases.CaseCommands.SubmitApplication;
import org.civicledger.events.common.Actor;
import org.civicledger.events.common.Money;
import org.civicledger.events.common.NationalId;
import org.civicledger.events.common.Role;
import org.civicledger.events.documents.DocumentCommands;
import org.civicledger.events.documents.DocumentCommands.RegisterDocument;
import org.civicledger.events.documents.DocumentCommands.RegisterSigningKey;
import org.civicledger.events.documents.DocumentCommands.SignDocument;
import org.civicledger.events.documents.DocumentKind;
import org.civicledger.events.documents.Party;
import org.civicledger.events.documents.PartyRole;
import org.civicledger.events.documents.SignOffStep;
import org.civicledger.events.reference.ReferenceCommands.RegisterAgency;
import org.civicledger.events.reference.ReferenceCommands.RegisterCaseType;
import org.civicledger.ops.WhereToLook;
import org.civicledger.query.security.DevelopmentIssuer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The demo's documents (issue #7): a maintenance contract signed by a Public Works officer (Ed25519) and then by a
 * vendor's representative (ECDSA P-256), delivered; a tampered copy beside it; and a residence certificate the ledger
 * issues itself when a case of its certificate case type (registered with {@code issuesCertificate}) is approved. Keys are made fresh with the JDK; the files
 * to verify are written under {@code <data dir>/demo-documents}. Done once per store.
 */
public final class DemoDocuments {

    static final String AGENCY = "DEMO-PUBLIC-WORKS";
    static final String CASE_TYPE = "DEMO-RESIDENCE-CERTIFICATE";
    static final Actor OFFICER = Actor.officer("officer-demo-works", AGENCY);
    static final Actor VENDOR = Actor.citizen("vendor-demo-lights");
    static final Actor APPLICANT = Actor.citizen("citizen-demo-docs");
    private static final Actor LOADER = Actor.system("demo-loader");

    private DemoDocuments() {
    }

    public static void prepareAndPrint(ConfigurableApplicationContext context, Path dataDir, PrintStream out) {
        try {
            Path folder = dataDir.resolve("demo-documents");
            if (!Files.exists(folder.resolve("contract.txt"))) {
                prepare(context, folder);
            }
            print(context, folder, out);
        } catch (Exception failed) {
            out.println("Documents demo not available: " + failed);
        }
    }

    static void prepare(ConfigurableApplicationContext context, Path folder) throws IOException, GeneralSecurityException {
        CommandGateway gateway = context.getBean(CommandGateway.class);
        JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
        JdbcTemplate readModels = context.getBean(org.civicledger.projections.slots.ReadModelSlots.class).reader();
        Integer agencies = jdbc.queryForObject("SELECT COUNT(*) FROM cmd_agency WHERE agency_code = ?", Integer.class, AGENCY);
        if (agencies == null || agencies == 0) {
            gateway.sendAndWait(new RegisterAgency(AGENCY, "Public Works (documents demo)", "demo-docs-agency", LOADER));
            gateway.sendAndWait(new RegisterCaseType(CASE_TYPE, AGENCY, "Residence certificate", List.of(), Money.twd(0), 5,
                    true, "demo-docs-case-type", LOADER));
        }
        String run = UUID.randomUUID().toString().substring(0, 8);
        KeyPair officerKey = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
        ec.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair vendorKey = ec.generateKeyPair();
        Party officer = new Party(OFFICER.subject(), PartyRole.OFFICER, AGENCY);
        Party vendor = new Party(VENDOR.subject(), PartyRole.VENDOR, null);
        gateway.sendAndWait(new RegisterSigningKey(DocumentCommands.keyringOf(officer.subject()), officer, base64(officerKey.getPublic().getEncoded()),
                "demo-docs-key-officer-" + run, OFFICER));
        gateway.sendAndWait(new RegisterSigningKey(DocumentCommands.keyringOf(vendor.subject()), vendor, base64(vendorKey.getPublic().getEncoded()),
                "demo-docs-key-vendor-" + run, Actor.system("demo-operator")));

        byte[] contract = """
                STREET LIGHTING MAINTENANCE CONTRACT 2027
                Between: Public Works (the city) and Bright Lights Co. (the vendor)
                Scope: maintenance of 4,200 street lights in lots 1 to 7
                Price: NT$12,400,000 for the year
                """.getBytes(StandardCharsets.UTF_8);
        String contractId = "demo-contract-" + run;
        gateway.sendAndWait(new RegisterDocument(contractId, contract, DocumentKind.CONTRACT, "Street lighting maintenance 2027", AGENCY,
                List.of(vendor), java.time.LocalDate.now(context.getBean(java.time.Clock.class)).plusYears(1),
                List.of(new SignOffStep(List.of(officer)), new SignOffStep(List.of(vendor))), contractId + "/register", OFFICER));
        byte[] hash = Signatures.sha256(contract);
        gateway.sendAndWait(new SignDocument(contractId, Signatures.keyId(officerKey.getPublic().getEncoded()), sign(officerKey, "Ed25519", hash),
                contractId + "/sign-officer", OFFICER));
        gateway.sendAndWait(new SignDocument(contractId, Signatures.keyId(vendorKey.getPublic().getEncoded()),
                sign(vendorKey, "SHA256withECDSA", hash), contractId + "/sign-vendor", VENDOR));

        String caseId = UUID.nameUUIDFromBytes(("demo-docs-case-" + run).getBytes(StandardCharsets.UTF_8)).toString();
        gateway.sendAndWait(new SubmitApplication(caseId, CASE_TYPE, new Applicant(APPLICANT.subject(), new NationalId("F131104093"),
                "Chen Wei", "chen.wei@example.org", null), List.of(), "demo-docs-submit-" + run, APPLICANT));
        gateway.sendAndWait(new AcceptCase(caseId, "demo-docs-accept-" + run, OFFICER));
        gateway.sendAndWait(new StartReview(caseId, "demo-docs-review-" + run, OFFICER));
        gateway.sendAndWait(new ApproveCase(caseId, "residence confirmed", "demo-docs-approve-" + run, OFFICER));
        String certificateId = CaseCertificates.certificateIdOf(caseId);
        // The certificate's hash is in the documents read model once it has caught up: wait for it, bounded.
        byte[] certificate = null;
        for (int attempt = 0; attempt < 300 && certificate == null; attempt++) {
            // The documents read model's active slot (document_view_b after a blue/green switch); document_content is no read model.
            List<byte[]> found = readModels.query("SELECT c.content FROM document_content c JOIN document_view v ON v.sha256 = c.sha256 "
                    + "WHERE v.document_id = ?", (row, index) -> row.getBytes(1), certificateId);
            if (found.isEmpty()) {
                sleep();
            } else {
                certificate = found.get(0);
            }
        }

        Files.createDirectories(folder);
        byte[] tampered = contract.clone();
        // One byte: the price's first digit, 1 becomes 0.
        int digit = new String(contract, StandardCharsets.UTF_8).indexOf("12,400,000");
        tampered[digit] = '0';
        Files.write(folder.resolve("tampered-contract.txt"), tampered);
        Files.writeString(folder.resolve("ids.txt"), contractId + "\n" + certificateId + "\n");
        if (certificate != null) {
            Files.write(folder.resolve("certificate.txt"), certificate);
        }
        Files.write(folder.resolve("contract.txt"), contract);
    }

    static void print(ConfigurableApplicationContext context, Path folder, PrintStream out) throws IOException {
        List<String> ids = Files.readAllLines(folder.resolve("ids.txt"));
        String base = WhereToLook.baseUrl(context);
        out.println();
        out.println("Documents. A contract signed by officer " + OFFICER.subject() + " then vendor " + VENDOR.subject()
                + " (Ed25519, then ECDSA P-256), delivered when executed; a copy with one byte changed; and the certificate of an approved case:");
        String verify = "  curl -s -X POST " + base + "/api/v1/documents/verify -H 'Content-Type: application/octet-stream' --data-binary @";
        out.println(verify + folder.resolve("contract.txt") + "            # valid, 2 signatures");
        out.println(verify + folder.resolve("tampered-contract.txt") + "   # unknown");
        out.println(verify + folder.resolve("certificate.txt") + "         # valid, signed by the agency");
        DevelopmentIssuer issuer = context.getBeanProvider(DevelopmentIssuer.class).getIfAvailable();
        if (issuer != null) {
            out.println("  export VENDOR_TOKEN=" + issuer.mint(VENDOR.subject(), Role.CITIZEN, null));
            out.println("  export HOLDER_TOKEN=" + issuer.mint(APPLICANT.subject(), Role.CITIZEN, null));
        }
        out.println("Offline, no server needed once the bundle is fetched:");
        out.println("  curl -s " + base + "/api/v1/documents/" + ids.get(0) + "/bundle -H \"Authorization: Bearer $VENDOR_TOKEN\" > /tmp/contract-bundle.json");
        out.println("  ./ledger document-verify --document " + folder.resolve("contract.txt") + " --bundle /tmp/contract-bundle.json");
        out.println("  ./ledger document-verify --document " + folder.resolve("tampered-contract.txt") + " --bundle /tmp/contract-bundle.json  # exit 1");
        out.println("The certificate's holder sees it among their documents:");
        out.println("  curl -s " + base + "/api/v1/citizens/" + APPLICANT.subject() + "/documents -H \"Authorization: Bearer $HOLDER_TOKEN\"");
    }

    private static void sleep() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the certificate", interrupted);
        }
    }

    private static String base64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    private static String sign(KeyPair key, String algorithm, byte[] hash) throws GeneralSecurityException {
        Signature signer = Signature.getInstance(algorithm);
        signer.initSign(key.getPrivate());
        signer.update(hash);
        return base64(signer.sign());
    }
}
