package org.civicledger.command.reference;

import java.util.List;
import java.util.Optional;
import org.civicledger.events.common.Money;
import org.civicledger.events.reference.FeeKind;
import org.civicledger.events.reference.ProviderKind;

/**
 * What the payment rules need to know of fee classes and payment providers. Kept, like the
 * {@link ReferenceCatalog}, in the transaction that stores the reference events
 * ({@link PaymentCatalogUpdater}), so a fee class registered by one command is known to the next one.
 */
public interface PaymentCatalog {

    Optional<FeeClassTerms> feeClass(String feeClassCode);

    Optional<ProviderTerms> provider(String providerCode);

    /** The terms under which bills of a fee class are issued. {@code defaultAmount} may be null. */
    record FeeClassTerms(String feeClassCode, String name, FeeKind kind, String agencyCode, Money defaultAmount,
                         String revenueAccount) {
    }

    /** A provider as payments need it; {@code callbackSecretRef} names its secret, never holds it. */
    record ProviderTerms(String providerCode, String name, ProviderKind kind, List<String> channels, String callbackSecretRef) {
    }
}
