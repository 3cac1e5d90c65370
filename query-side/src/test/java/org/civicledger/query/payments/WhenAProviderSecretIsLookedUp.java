package org.civicledger.query.payments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.mock.env.MockEnvironment;

class WhenAProviderSecretIsLookedUp {

    private static final byte[] SECRET = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final String BASE64 = Base64.getEncoder().encodeToString(SECRET);

    @TempDir
    Path folder;

    @Test
    void a_secret_in_configuration_is_found_by_its_reference_slashes_and_all() {
        MockEnvironment environment = new MockEnvironment()
                .withProperty("ledger.payments.provider-secrets[provider-secret/TAIPEI-BANK/2025]", BASE64);
        ProviderSecrets secrets = new ProviderSecrets(environment, folder.toString(), false);

        assertThat(secrets.secret("provider-secret/TAIPEI-BANK/2025")).contains(SECRET);
        assertThat(secrets.secret("provider-secret/TAIPEI-BANK/2024")).isEmpty();
    }

    @Test
    void a_secret_in_a_file_under_the_folder_is_found_and_nothing_outside_it() throws Exception {
        Files.createDirectories(folder.resolve("secrets/provider-secret"));
        Files.writeString(folder.resolve("secrets/provider-secret/BANK"), BASE64 + "\n");
        Files.writeString(folder.resolve("outside"), BASE64);
        ProviderSecrets secrets = new ProviderSecrets(new MockEnvironment(), folder.resolve("secrets").toString(), true);

        assertThat(secrets.secret("provider-secret/BANK")).contains(SECRET);
        assertThat(secrets.secret("../outside")).isEmpty();
        assertThat(secrets.secret("provider-secret/../../outside")).isEmpty();
        assertThat(secrets.secret("/etc/passwd")).isEmpty();
    }

    @Test
    void the_embedded_default_generates_a_secret_once_and_keeps_it_in_the_folder() throws Exception {
        ProviderSecrets secrets = new ProviderSecrets(new MockEnvironment(), folder.toString(), true);

        byte[] generated = secrets.secret("provider-secret/DEMO-BANK").orElseThrow();
        byte[] again = new ProviderSecrets(new MockEnvironment(), folder.toString(), true).secret("provider-secret/DEMO-BANK").orElseThrow();

        assertThat(generated).hasSize(ProviderSecrets.SECRET_BYTES_MIN);
        assertThat(again).isEqualTo(generated);
        assertThat(Base64.getDecoder().decode(Files.readString(folder.resolve("provider-secret/DEMO-BANK")).trim())).isEqualTo(generated);
    }

    @Test
    void production_never_invents_a_secret() {
        ProviderSecrets secrets = new ProviderSecrets(new MockEnvironment(), folder.toString(), false);

        assertThat(secrets.secret("provider-secret/DEMO-BANK")).isEmpty();
        assertThat(Files.exists(folder.resolve("provider-secret/DEMO-BANK"))).isFalse();
    }

    @Test
    void a_short_or_garbled_secret_is_a_configuration_error_not_a_weak_key() {
        ProviderSecrets secrets = new ProviderSecrets(new MockEnvironment()
                .withProperty("ledger.payments.provider-secrets[short]", Base64.getEncoder().encodeToString(new byte[16]))
                .withProperty("ledger.payments.provider-secrets[garbled]", "not base64 !"), folder.toString(), false);

        assertThatThrownBy(() -> secrets.secret("short")).hasMessageContaining("shorter than 32 bytes");
        assertThatThrownBy(() -> secrets.secret("garbled")).hasMessageContaining("not base64");
    }
}
