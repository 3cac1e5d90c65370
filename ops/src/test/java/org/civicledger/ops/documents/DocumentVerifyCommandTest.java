package org.civicledger.ops.documents;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import org.civicledger.command.documents.Signatures;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code ledger document-verify} on real Ed25519 and P-256 signatures made here with the JDK: exit 0, 1 or 2. */
class DocumentVerifyCommandTest {

    static final byte[] CONTENT = "Bridge repair contract 2027, lot 4".getBytes(StandardCharsets.UTF_8);
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path folder;
    KeyPair officer;
    KeyPair vendor;
    Path document;

    @BeforeEach
    void keysAndDocument() throws Exception {
        officer = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
        ec.initialize(new ECGenParameterSpec("secp256r1"));
        vendor = ec.generateKeyPair();
        document = Files.write(folder.resolve("contract.txt"), CONTENT);
    }

    static String sign(KeyPair key, byte[] content) throws Exception {
        Signature signer = Signature.getInstance(key.getPrivate().getAlgorithm().equals("EC") ? "SHA256withECDSA" : "Ed25519");
        signer.initSign(key.getPrivate());
        signer.update(Signatures.sha256(content));
        return Base64.getEncoder().encodeToString(signer.sign());
    }

    /** A bundle as the API exports it; {@code officerRevokedAt} null while the officer's key is good. */
    ObjectNode bundle(String officerRevokedAt) throws Exception {
        ObjectNode bundle = JSON.createObjectNode().put("format", "civic-ledger-document-bundle/1").put("sha256", Signatures.sha256Hex(CONTENT));
        ArrayNode signatures = bundle.putArray("signatures");
        signatures.addObject().put("step", 1).put("role", "OFFICER").put("agencyCode", "WORKS").put("keyId", keyId(officer))
                .put("algorithm", "ED25519").put("signature", sign(officer, CONTENT)).put("signedAt", "2026-12-07T02:00:00Z");
        signatures.addObject().put("step", 2).put("role", "VENDOR").put("keyId", keyId(vendor)).put("algorithm", "ECDSA_P256")
                .put("signature", sign(vendor, CONTENT)).put("signedAt", "2026-12-07T03:00:00Z");
        ArrayNode keys = bundle.putArray("keys");
        ObjectNode officerKey = keys.addObject().put("keyId", keyId(officer)).put("role", "OFFICER").put("algorithm", "ED25519")
                .put("publicKey", Base64.getEncoder().encodeToString(officer.getPublic().getEncoded()));
        if (officerRevokedAt != null) {
            officerKey.put("revokedAt", officerRevokedAt);
        }
        keys.addObject().put("keyId", keyId(vendor)).put("role", "VENDOR").put("algorithm", "ECDSA_P256")
                .put("publicKey", Base64.getEncoder().encodeToString(vendor.getPublic().getEncoded()));
        return bundle;
    }

    static String keyId(KeyPair key) {
        return Signatures.keyId(key.getPublic().getEncoded());
    }

    Path write(String name, Object json) throws Exception {
        return Files.writeString(folder.resolve(name), JSON.writeValueAsString(json));
    }

    static int run(String... args) {
        return new CommandLine(new DocumentVerifyCommand()).execute(args);
    }

    @Test
    void a_genuine_document_with_its_bundle_is_valid() throws Exception {
        assertThat(run("--document", document.toString(), "--bundle", write("bundle.json", bundle(null)).toString())).isZero();
    }

    @Test
    void signatures_and_keys_in_two_files_check_the_same() throws Exception {
        ObjectNode bundle = bundle(null);
        ObjectNode keys = JSON.createObjectNode().set("keys", bundle.remove("keys"));
        assertThat(run("--document", document.toString(), "--signatures", write("s.json", bundle).toString(), "--keys",
                write("k.json", keys).toString())).isZero();
    }

    @Test
    void a_copy_with_one_byte_changed_is_not_valid() throws Exception {
        byte[] tampered = CONTENT.clone();
        tampered[5] ^= 0x01;
        Path copy = Files.write(folder.resolve("tampered.txt"), tampered);
        assertThat(run("--document", copy.toString(), "--bundle", write("bundle.json", bundle(null)).toString())).isEqualTo(1);
        // Even with the hash left out of the bundle, the signatures do not verify over other bytes.
        ObjectNode withoutHash = bundle(null);
        withoutHash.remove("sha256");
        assertThat(run("--document", copy.toString(), "--bundle", write("nohash.json", withoutHash).toString())).isEqualTo(1);
    }

    @Test
    void a_signature_made_after_its_key_was_revoked_is_not_valid_and_one_made_before_is() throws Exception {
        assertThat(run("--document", document.toString(), "--bundle", write("late.json", bundle("2026-12-07T01:00:00Z")).toString()))
                .isEqualTo(1);
        assertThat(run("--document", document.toString(), "--bundle", write("early.json", bundle("2026-12-08T00:00:00Z")).toString()))
                .isZero();
    }

    @Test
    void a_signature_by_a_key_not_in_the_bundle_is_not_valid() throws Exception {
        ObjectNode bundle = bundle(null);
        ((ArrayNode) bundle.get("keys")).remove(1);
        assertThat(run("--document", document.toString(), "--bundle", write("bundle.json", bundle).toString())).isEqualTo(1);
    }

    @Test
    void missing_files_or_options_exit_2() throws Exception {
        assertThat(run("--document", folder.resolve("nope.txt").toString(), "--bundle", write("bundle.json", bundle(null)).toString()))
                .isEqualTo(2);
        assertThat(run("--document", document.toString(), "--signatures", write("s.json", bundle(null)).toString())).isEqualTo(2);
        Path notJson = Files.writeString(folder.resolve("bad.json"), "{not json");
        assertThat(run("--document", document.toString(), "--bundle", notJson.toString())).isEqualTo(2);
    }
}
