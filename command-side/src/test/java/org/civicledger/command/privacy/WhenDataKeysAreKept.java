package org.civicledger.command.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.civicledger.events.common.Actor;
import org.civicledger.events.common.RuleViolation;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** The vault on H2 in PostgreSQL mode, migrated by the real scripts. */
class WhenDataKeysAreKept {

    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static final Actor OPERATOR = new Actor("operator-1", org.civicledger.events.common.Role.OPERATOR, null);

    private final JdbcDataSource dataSource = new JdbcDataSource();
    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final MasterKey master = MasterKey.of(new byte[32]);
    private final PersonalDataVault vault;

    WhenDataKeysAreKept() {
        dataSource.setURL("jdbc:h2:mem:vault" + DATABASES.incrementAndGet()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1;NON_KEYWORDS=DAY,YEAR");
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        jdbc = new JdbcTemplate(dataSource);
        transaction = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        vault = new PersonalDataVault(jdbc, master, Duration.ofMinutes(1), 100);
    }

    @Test
    void a_citizen_keeps_one_key_until_it_is_erased() {
        DataKeyring.DataKey first = transaction.execute(status -> vault.sealingKey("ref-1"));
        DataKeyring.DataKey again = transaction.execute(status -> vault.sealingKey("ref-1"));

        assertThat(again.version()).isEqualTo(1);
        assertThat(again.key().getEncoded()).isEqualTo(first.key().getEncoded());
        assertThat(vault.openingKey("ref-1", 1)).get().extracting(key -> key.getEncoded()).isEqualTo(first.key().getEncoded());
        assertThat(vault.liveKeyVersion("ref-1")).hasValue(1);
    }

    @Test
    void the_key_is_stored_wrapped_never_in_clear() {
        DataKeyring.DataKey key = transaction.execute(status -> vault.sealingKey("ref-1"));
        byte[] stored = jdbc.queryForObject("SELECT wrapped_key FROM personal_data_key WHERE subject_ref = 'ref-1'", byte[].class);
        assertThat(stored).hasSize(12 + 32 + 16);
        assertThat(new String(stored, java.nio.charset.StandardCharsets.ISO_8859_1))
                .doesNotContain(new String(key.key().getEncoded(), java.nio.charset.StandardCharsets.ISO_8859_1));
    }

    @Test
    void an_erased_key_is_gone_its_tombstone_says_who_why_and_when_and_a_returning_citizen_gets_a_new_one() {
        DataKeyring.DataKey first = transaction.execute(status -> vault.sealingKey("ref-1"));
        vault.openingKey("ref-1", 1);  // cached on this node
        transaction.executeWithoutResult(status ->
                vault.destroy("ref-1", 1, OPERATOR, "request ER-1", Instant.parse("2025-12-01T02:00:00Z")));

        assertThat(vault.openingKey("ref-1", 1)).isEmpty();
        assertThat(vault.liveKeyVersion("ref-1")).isEmpty();
        Map<String, Object> tombstone = jdbc.queryForMap("SELECT * FROM personal_data_key WHERE subject_ref = 'ref-1'");
        assertThat(tombstone.get("wrapped_key")).isNull();
        assertThat(tombstone.get("erased_by")).isEqualTo("OPERATOR operator-1");
        assertThat(tombstone.get("erase_reason")).isEqualTo("request ER-1");
        assertThat(tombstone.get("erased_at")).isNotNull();

        DataKeyring.DataKey second = transaction.execute(status -> vault.sealingKey("ref-1"));
        assertThat(second.version()).isEqualTo(2);
        assertThat(second.key().getEncoded()).isNotEqualTo(first.key().getEncoded());
        assertThat(vault.openingKey("ref-1", 1)).isEmpty();
    }

    @Test
    void a_key_erased_twice_is_a_conflict() {
        transaction.execute(status -> vault.sealingKey("ref-1"));
        vault.destroy("ref-1", 1, OPERATOR, "first", Instant.now());
        assertThatThrownBy(() -> vault.destroy("ref-1", 1, OPERATOR, "second", Instant.now()))
                .isInstanceOf(RuleViolation.class)
                .satisfies(failure -> assertThat(((RuleViolation) failure).kind()).isEqualTo(RuleViolation.Kind.CONFLICT));
    }

    @Test
    void under_another_master_key_a_key_does_not_unwrap() {
        transaction.execute(status -> vault.sealingKey("ref-1"));
        byte[] other = new byte[32];
        other[31] = 7;
        PersonalDataVault wrongVault = new PersonalDataVault(jdbc, MasterKey.of(other), Duration.ofMinutes(1), 100);
        assertThatThrownBy(() -> wrongVault.openingKey("ref-1", 1)).isInstanceOf(SealedDataException.class);
    }

    @Test
    void a_key_row_moved_to_another_subject_does_not_unwrap() {
        transaction.execute(status -> vault.sealingKey("ref-1"));
        jdbc.update("INSERT INTO personal_data_key (subject_ref, key_version, wrapped_key, created_at) "
                + "SELECT 'ref-2', key_version, wrapped_key, created_at FROM personal_data_key WHERE subject_ref = 'ref-1'");
        assertThatThrownBy(() -> vault.openingKey("ref-2", 1)).isInstanceOf(SealedDataException.class);
    }

    @Test
    void a_key_that_never_existed_is_an_error_not_an_erasure() {
        assertThatThrownBy(() -> vault.openingKey("ref-unknown", 1)).isInstanceOf(SealedDataException.class);
    }
}
