package org.civicledger.command.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import org.civicledger.events.common.NationalId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WhenTheMasterKeyIsSupplied {

    private static final NationalId CITIZEN = new NationalId("A123456789");

    @TempDir
    Path dataDir;

    private final PrivacyConfiguration configuration = new PrivacyConfiguration();

    @Test
    void a_configured_key_is_used_as_given() {
        PrivacyProperties properties = new PrivacyProperties();
        properties.setMasterKey(Base64.getEncoder().encodeToString(new byte[32]));
        MasterKey key = configuration.masterKey(properties, dataDir);
        assertThat(new SubjectHasher(key).refFor(CITIZEN)).isEqualTo(new SubjectHasher(MasterKey.of(new byte[32])).refFor(CITIZEN));
        assertThat(key.toString()).doesNotContain("AAAA");
    }

    @Test
    void the_embedded_default_generates_one_owner_only_file_on_first_run_and_reads_it_afterwards() throws Exception {
        PrivacyProperties properties = new PrivacyProperties();
        properties.setGenerateMasterKey(true);
        MasterKey first = configuration.masterKey(properties, dataDir);
        Path file = dataDir.resolve("keys").resolve("master.key");

        assertThat(file).exists();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        MasterKey again = configuration.masterKey(properties, dataDir);
        assertThat(new SubjectHasher(again).refFor(CITIZEN)).isEqualTo(new SubjectHasher(first).refFor(CITIZEN));

        PrivacyProperties fromFile = new PrivacyProperties();
        fromFile.setMasterKeyFile(file);
        assertThat(new SubjectHasher(configuration.masterKey(fromFile, dataDir)).refFor(CITIZEN))
                .isEqualTo(new SubjectHasher(first).refFor(CITIZEN));
    }

    @Test
    void without_a_key_and_without_generation_the_ledger_refuses_to_start() {
        assertThatThrownBy(() -> configuration.masterKey(new PrivacyProperties(), dataDir))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("LEDGER_MASTER_KEY")
                .hasMessageContaining("ledger.privacy.master-key-file");
        assertThat(dataDir.resolve("keys")).doesNotExist();
    }

    @Test
    void a_key_of_the_wrong_length_or_not_base64_is_refused_without_echoing_it() {
        PrivacyProperties properties = new PrivacyProperties();
        properties.setMasterKey("c2hvcnQ=");
        assertThatThrownBy(() -> configuration.masterKey(properties, dataDir)).hasMessageNotContaining("c2hvcnQ");
        properties.setMasterKey("not base64 at all!");
        assertThatThrownBy(() -> configuration.masterKey(properties, dataDir)).hasMessageNotContaining("not base64 at all");
    }
}
