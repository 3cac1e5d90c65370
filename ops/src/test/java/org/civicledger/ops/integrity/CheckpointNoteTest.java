package org.civicledger.ops.integrity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import org.civicledger.projections.integrity.CheckpointSigner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The signed note: C2SP key id, verifier key string, JDK Ed25519 signature over the body. */
class CheckpointNoteTest {

    @TempDir
    Path dir;

    /** The example of Go's golang.org/x/mod/sumdb/note package (also in the C2SP implementations' docs). */
    @Test
    void the_go_sumdb_note_example_gives_the_same_key_id_verifier_key_and_signature() {
        String verifierKey = "example.com/foo+530d903a+AekyeRrm56hApGFkyQR4ZCbV54Id2LKaANYcrnKv3U2k";
        byte[] typed = Base64.getDecoder().decode("AekyeRrm56hApGFkyQR4ZCbV54Id2LKaANYcrnKv3U2k");
        byte[] publicKey = Arrays.copyOfRange(typed, 1, 33);
        assertThat(HexFormat.of().formatHex(CheckpointSigner.keyId("example.com/foo", publicKey))).isEqualTo("530d903a");
        assertThat(CheckpointSigner.verifierKey("example.com/foo", publicKey)).isEqualTo(verifierKey);
        byte[] signature = Base64.getDecoder().decode(
                "Uw2QOkn8srV1yJGh2VYRlL1Tnagv1YEq6TfXppzi2ONncAlTgK7Ztg1ERYNZXsYjOBH3mFXmRKuwHjG1Yu72IneyaQM=");
        assertThat(HexFormat.of().formatHex(Arrays.copyOf(signature, 4))).isEqualTo("530d903a");
        assertThat(CheckpointSigner.verify(publicKey, "This is an example message.\n".getBytes(StandardCharsets.UTF_8),
                Arrays.copyOfRange(signature, 4, 68))).isTrue();
        assertThat(CheckpointSigner.verify(publicKey, "This is an example message!\n".getBytes(StandardCharsets.UTF_8),
                Arrays.copyOfRange(signature, 4, 68))).isFalse();
        new ProofVerifier(verifierKey);
    }

    @Test
    void the_note_is_a_c2sp_checkpoint_signed_by_the_ledger_key() throws Exception {
        Path file = dir.resolve("keys/checkpoint-ed25519.key");
        CheckpointSigner signer = CheckpointSigner.fromFile("civic-ledger.example/ledger", file, true);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        byte[] root = new byte[32];
        Arrays.fill(root, (byte) 7);
        String note = signer.signCheckpoint("civic-ledger.example/ledger", 42, root);

        String body = "civic-ledger.example/ledger\n42\n" + Base64.getEncoder().encodeToString(root) + "\n";
        assertThat(note).startsWith(body + "\n\u2014 civic-ledger.example/ledger ").endsWith("\n");
        // key id = SHA-256(name || 0x0A || 0x01 || pubkey)[0:4], computed here from the spec
        byte[] expectedId = Arrays.copyOf(ProofVerifier.sha256(ProofVerifier.concat(
                "civic-ledger.example/ledger".getBytes(StandardCharsets.UTF_8), new byte[] {0x0A, 0x01}, signer.publicKey())), 4);
        byte[] signature = Base64.getDecoder().decode(note.substring(note.lastIndexOf(' ') + 1).trim());
        assertThat(signature).hasSize(68);
        assertThat(Arrays.copyOf(signature, 4)).isEqualTo(expectedId);
        assertThat(signer.verifierKey()).isEqualTo("civic-ledger.example/ledger+" + HexFormat.of().formatHex(expectedId) + "+"
                + Base64.getEncoder().encodeToString(ProofVerifier.concat(new byte[] {0x01}, signer.publicKey())));

        ProofVerifier verifier = new ProofVerifier(signer.verifierKey());
        ProofVerifier.Note opened = verifier.open(note);
        assertThat(opened.treeSize()).isEqualTo(42);
        assertThat(opened.rootHash()).isEqualTo(root);
        assertThatThrownBy(() -> verifier.open(note.replace("\n42\n", "\n43\n"))).isInstanceOf(SecurityException.class);

        // the same file gives the same key on the next start
        assertThat(CheckpointSigner.fromFile("civic-ledger.example/ledger", file, false).publicKey()).isEqualTo(signer.publicKey());
        assertThatThrownBy(() -> CheckpointSigner.fromFile("x", dir.resolve("missing.key"), false)).isInstanceOf(IllegalStateException.class);
    }
}
