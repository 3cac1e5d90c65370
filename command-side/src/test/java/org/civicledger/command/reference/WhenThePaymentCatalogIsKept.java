package org.civicledger.command.reference;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.civicledger.command.reference.PaymentCatalog.FeeClassTerms;
import org.civicledger.command.reference.PaymentCatalog.ProviderTerms;
import org.civicledger.events.common.Money;
import org.civicledger.events.reference.FeeClassEvent.FeeClassRegistered;
import org.civicledger.events.reference.FeeClassEvent.FeeClassRevised;
import org.civicledger.events.reference.FeeKind;
import org.civicledger.events.reference.PaymentProviderEvent.PaymentProviderRegistered;
import org.civicledger.events.reference.PaymentProviderEvent.PaymentProviderRevised;
import org.civicledger.events.reference.ProviderKind;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/** The catalog's tables on H2 in PostgreSQL mode, made by the real migrations, kept by the updater's handlers. */
class WhenThePaymentCatalogIsKept {

    private static final AtomicInteger DATABASES = new AtomicInteger();

    private PaymentCatalogUpdater updater;
    private JdbcPaymentCatalog catalog;

    @BeforeEach
    void setUp() {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:payment-catalog" + DATABASES.incrementAndGet()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1;NON_KEYWORDS=DAY,YEAR");
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        updater = new PaymentCatalogUpdater(jdbc);
        catalog = new JdbcPaymentCatalog(jdbc);
    }

    @Test
    void a_registered_fee_class_is_known_with_its_terms_and_a_revision_replaces_them() {
        updater.on(new FeeClassRegistered("HOUSE-TAX", "House tax", FeeKind.LOCAL_TAX, "TAX", null, "revenue:TAX:HOUSE-TAX"));
        assertThat(catalog.feeClass("HOUSE-TAX")).contains(
                new FeeClassTerms("HOUSE-TAX", "House tax", FeeKind.LOCAL_TAX, "TAX", null, "revenue:TAX:HOUSE-TAX"));

        updater.on(new FeeClassRevised("HOUSE-TAX", "House tax", Money.twd(1200), "revenue:TAX:PROPERTY", null,
                "revenue:TAX:HOUSE-TAX", "flat rate"));
        assertThat(catalog.feeClass("HOUSE-TAX")).contains(
                new FeeClassTerms("HOUSE-TAX", "House tax", FeeKind.LOCAL_TAX, "TAX", Money.twd(1200), "revenue:TAX:PROPERTY"));
        assertThat(catalog.feeClass("NO-SUCH-FEE")).isEmpty();
    }

    @Test
    void a_registered_provider_is_known_with_its_channels_and_secret_reference() {
        updater.on(new PaymentProviderRegistered("TAIPEI-BANK", "Taipei City Bank", ProviderKind.BANK, List.of("atm", "web-atm"),
                "provider-secret/TAIPEI-BANK/2025"));
        updater.on(new PaymentProviderRevised("TAIPEI-BANK", "Taipei City Bank", List.of("web-atm"), "provider-secret/TAIPEI-BANK/2026",
                List.of("atm", "web-atm"), "provider-secret/TAIPEI-BANK/2025", "rotation"));
        assertThat(catalog.provider("TAIPEI-BANK")).contains(new ProviderTerms("TAIPEI-BANK", "Taipei City Bank", ProviderKind.BANK,
                List.of("web-atm"), "provider-secret/TAIPEI-BANK/2026"));
    }

    @Test
    void registering_again_during_a_replay_leaves_one_row() {
        FeeClassRegistered registered = new FeeClassRegistered("CERT", "Certificate fee", FeeKind.GOVERNMENT_FEE, "CIVIL",
                Money.twd(15), "revenue:CIVIL:CERT");
        updater.on(registered);
        updater.on(registered);
        assertThat(catalog.feeClass("CERT")).contains(new FeeClassTerms("CERT", "Certificate fee", FeeKind.GOVERNMENT_FEE, "CIVIL",
                Money.twd(15), "revenue:CIVIL:CERT"));
    }
}
