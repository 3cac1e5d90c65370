package org.civicledger.events.cases;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class WhenACasePasswordIsHashed {

    private static final byte[] SALT = "sixteen-byte-slt".getBytes(StandardCharsets.UTF_8);
    private static final String STORED = CasePasswordHash.hash("lantern-river-42", SALT);

    @Test
    void the_password_matches_its_own_hash() {
        assertThat(CasePasswordHash.matches("lantern-river-42", STORED)).isTrue();
    }

    @Test
    void another_password_does_not_match() {
        assertThat(CasePasswordHash.matches("lantern-river-43", STORED)).isFalse();
        assertThat(CasePasswordHash.matches("", STORED)).isFalse();
        assertThat(CasePasswordHash.matches(null, STORED)).isFalse();
    }

    @Test
    void the_same_password_with_another_salt_gives_another_hash() {
        String otherSalt = CasePasswordHash.hash("lantern-river-42", "another-16-bytes".getBytes(StandardCharsets.UTF_8));
        assertThat(otherSalt).isNotEqualTo(STORED);
        assertThat(CasePasswordHash.matches("lantern-river-42", otherSalt)).isTrue();
    }

    @Test
    void the_stored_form_names_its_algorithm_iterations_and_salt() {
        // 16 salt bytes and 32 hash bytes in unpadded base64 are 22 and 43 characters.
        assertThat(STORED).matches("pbkdf2-sha256\\$10000\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}");
        assertThat(CasePasswordHash.hash("lantern-river-42", SALT)).as("deterministic for a given salt").isEqualTo(STORED);
    }

    @Test
    void a_hash_stored_with_the_former_120000_iterations_still_verifies() {
        String former = CasePasswordHash.hash("lantern-river-42", SALT, 120_000);
        assertThat(former).startsWith("pbkdf2-sha256$120000$");
        assertThat(CasePasswordHash.matches("lantern-river-42", former)).isTrue();
        assertThat(CasePasswordHash.matches("lantern-river-43", former)).isFalse();
    }

    @Test
    void a_hash_made_with_fewer_iterations_still_verifies_because_the_format_carries_them() {
        String older = CasePasswordHash.hash("lantern-river-42", SALT, 1_000);
        assertThat(older).startsWith("pbkdf2-sha256$1000$");
        assertThat(CasePasswordHash.matches("lantern-river-42", older)).isTrue();
    }

    @Test
    void a_stored_value_of_another_format_never_matches() {
        assertThat(CasePasswordHash.matches("lantern-river-42", null)).isFalse();
        assertThat(CasePasswordHash.matches("lantern-river-42", "lantern-river-42")).isFalse();
        assertThat(CasePasswordHash.matches("lantern-river-42", STORED.replace("pbkdf2-sha256", "md5"))).isFalse();
        assertThat(CasePasswordHash.matches("lantern-river-42", "pbkdf2-sha256$many$c2FsdA$aGFzaA")).isFalse();
        assertThat(CasePasswordHash.matches("lantern-river-42", "pbkdf2-sha256$1000$not*base64$aGFzaA")).isFalse();
    }
}
