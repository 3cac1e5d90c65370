package org.civicledger.command.privacy;

import java.nio.file.Path;
import java.time.Clock;
import org.axonframework.config.ConfigurerModule;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The beans of personal data sealing and erasure. None of the classes is a component, so importing
 * this class and component-scanning {@code org.civicledger} give the same beans once.
 *
 * <p>The assembly adds {@link PersonalDataModule} to Axon's object mapper, and to no other, through
 * the {@link PersonalDataSealing} bean; the module is deliberately not a bean of Jackson's
 * {@code Module} type, which Spring Boot would add to the HTTP mapper too.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(PrivacyProperties.class)
public class PrivacyConfiguration {

    @Bean
    public MasterKey masterKey(PrivacyProperties properties, @Value("${ledger.data-dir:./data}") Path dataDir) {
        if (properties.getMasterKey() != null && !properties.getMasterKey().isBlank()) {
            return MasterKey.fromBase64(properties.getMasterKey());
        }
        if (properties.getMasterKeyFile() != null) {
            return MasterKey.fromFile(properties.getMasterKeyFile());
        }
        if (properties.isGenerateMasterKey()) {
            return MasterKey.fromFileOrGenerate(dataDir.resolve("keys").resolve("master.key"));
        }
        throw new IllegalStateException("No master key for personal data is configured. Set LEDGER_MASTER_KEY "
                + "(ledger.privacy.master-key, base64 of 32 bytes) or ledger.privacy.master-key-file. This profile never "
                + "generates one: a generated key lost with a node's disk would make every sealed value unreadable.");
    }

    @Bean
    public SubjectHasher subjectHasher(MasterKey masterKey) {
        return new SubjectHasher(masterKey);
    }

    @Bean
    public PersonalDataVault personalDataVault(JdbcTemplate jdbcTemplate, MasterKey masterKey, PrivacyProperties properties) {
        return new PersonalDataVault(jdbcTemplate, masterKey, properties.getKeyCache().getTtl(),
                properties.getKeyCache().getEntriesMax());
    }

    @Bean
    public PersonalDataSealing personalDataModule(SubjectHasher subjectHasher, PersonalDataVault personalDataVault) {
        return new PersonalDataSealing(new PersonalDataModule(subjectHasher, personalDataVault, NonceSource.secureRandom()));
    }

    @Bean
    public CitizenPrivacyCommandHandler citizenPrivacyCommandHandler(
            ObjectProvider<org.axonframework.config.Configuration> axon, SubjectHasher subjectHasher,
            PersonalDataVault personalDataVault, ObjectProvider<Clock> clock) {
        return new CitizenPrivacyCommandHandler(() -> axon.getObject().repository(CitizenPrivacy.class), subjectHasher,
                personalDataVault, clock.getIfAvailable(Clock::systemUTC));
    }

    @Bean
    public ConfigurerModule citizenPrivacyAggregate() {
        return configurer -> configurer.configureAggregate(CitizenPrivacy.class);
    }
}
