package org.civicledger.command.support;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.civicledger.command.reference.PaymentCatalog;

/** A payment catalog held in memory, filled by each test with the fee classes and providers it needs. */
public final class InMemoryPaymentCatalog implements PaymentCatalog {

    private final Map<String, FeeClassTerms> feeClasses = new HashMap<>();
    private final Map<String, ProviderTerms> providers = new HashMap<>();

    public InMemoryPaymentCatalog withFeeClass(FeeClassTerms terms) {
        feeClasses.put(terms.feeClassCode(), terms);
        return this;
    }

    public InMemoryPaymentCatalog withProvider(ProviderTerms terms) {
        providers.put(terms.providerCode(), terms);
        return this;
    }

    @Override
    public Optional<FeeClassTerms> feeClass(String feeClassCode) {
        return Optional.ofNullable(feeClasses.get(feeClassCode));
    }

    @Override
    public Optional<ProviderTerms> provider(String providerCode) {
        return Optional.ofNullable(providers.get(providerCode));
    }
}
