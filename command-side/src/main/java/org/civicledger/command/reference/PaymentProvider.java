package org.civicledger.command.reference;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.util.HashSet;
import java.util.List;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.civicledger.command.rules.Require;
import org.civicledger.events.common.RuleViolation;
import org.civicledger.events.reference.PaymentProviderEvent.PaymentProviderRegistered;
import org.civicledger.events.reference.PaymentProviderEvent.PaymentProviderRevised;
import org.civicledger.events.reference.PaymentReferenceCommands.RegisterPaymentProvider;
import org.civicledger.events.reference.PaymentReferenceCommands.RevisePaymentProvider;

/**
 * A payment provider: a bank, e-payment scheme, wallet or telecom the city accepts payments through,
 * with the channels it offers and the reference of its callback secret. Identity: its code.
 */
public class PaymentProvider {

    public static final int CHANNELS_MAX = 20;
    /** Secret references are names such as {@code provider-secret/TAIPEI-BANK/2025}. */
    private static final String SECRET_REF = "[A-Za-z0-9][A-Za-z0-9._/-]{0,127}";

    @AggregateIdentifier
    private String providerCode;
    private List<String> channels;
    private String callbackSecretRef;

    protected PaymentProvider() {
        // For Axon's event sourcing.
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.ALWAYS)
    public void handle(RegisterPaymentProvider command) {
        Require.referenceDataKeeper(command.actor());
        Require.code("providerCode", command.providerCode());
        if (command.kind() == null) {
            throw RuleViolation.invalid("ProviderKindIsGiven", "kind", "a provider is an e-payment, third-party, telecom or bank provider");
        }
        validateTerms(command.name(), command.channels(), command.callbackSecretRef());
        apply(new PaymentProviderRegistered(command.providerCode(), command.name(), command.kind(), List.copyOf(command.channels()),
                command.callbackSecretRef()));
    }

    @CommandHandler
    public void handle(RevisePaymentProvider command) {
        Require.referenceDataKeeper(command.actor());
        validateTerms(command.name(), command.channels(), command.callbackSecretRef());
        Require.text("reason", command.reason(), 500);
        apply(new PaymentProviderRevised(providerCode, command.name(), List.copyOf(command.channels()), command.callbackSecretRef(),
                channels, callbackSecretRef, command.reason()));
    }

    private static void validateTerms(String name, List<String> channels, String callbackSecretRef) {
        Require.text("name", name, 200);
        if (channels == null || channels.isEmpty() || channels.size() > CHANNELS_MAX) {
            throw RuleViolation.invalid("ChannelsAreListed", "channels", "a provider offers 1 to " + CHANNELS_MAX + " channels");
        }
        channels.forEach(channel -> Require.code("channels", channel));
        if (new HashSet<>(channels).size() != channels.size()) {
            throw RuleViolation.invalid("ChannelsAreListed", "channels", "each channel is listed once");
        }
        if (callbackSecretRef == null || !callbackSecretRef.matches(SECRET_REF)) {
            throw RuleViolation.invalid("CallbackSecretIsReferenced", "callbackSecretRef",
                    "the callback secret is named by a reference of at most 128 letters, digits, dots, dashes, underscores "
                            + "or slashes; the secret itself stays in the secret store");
        }
    }

    @EventSourcingHandler
    void on(PaymentProviderRegistered event) {
        providerCode = event.providerCode();
        channels = event.channels();
        callbackSecretRef = event.callbackSecretRef();
    }

    @EventSourcingHandler
    void on(PaymentProviderRevised event) {
        channels = event.channels();
        callbackSecretRef = event.callbackSecretRef();
    }
}
