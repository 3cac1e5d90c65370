package org.civicledger.events.reference;

import java.util.List;
import org.axonframework.serialization.Revision;

/**
 * What happened to a payment provider: a bank, e-payment scheme, wallet or telecom through which
 * citizens pay bills.
 *
 * <p>{@code callbackSecretRef} names the provider's callback signing secret in the ledger's secret
 * store (configuration supplied to every node, like the master key); it is never the secret itself,
 * because events are kept for ever and shown to auditors. Rotating a secret is a revision to a new
 * reference.
 */
public sealed interface PaymentProviderEvent {

    String providerCode();

    @Revision("1")
    record PaymentProviderRegistered(
            String providerCode,
            String name,
            ProviderKind kind,
            List<String> channels,
            String callbackSecretRef) implements PaymentProviderEvent {
    }

    @Revision("1")
    record PaymentProviderRevised(
            String providerCode,
            String name,
            List<String> channels,
            String callbackSecretRef,
            List<String> previousChannels,
            String previousCallbackSecretRef,
            String reason) implements PaymentProviderEvent {
    }
}
