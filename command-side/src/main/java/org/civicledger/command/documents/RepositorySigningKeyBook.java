package org.civicledger.command.documents;

import java.util.Optional;
import java.util.function.Supplier;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.Repository;
import org.civicledger.events.documents.DocumentCommands;

/** The key book over the signers' keyrings themselves: each lookup loads the keyring from its events. */
public class RepositorySigningKeyBook implements SigningKeyBook {

    private final Supplier<Repository<SigningKeyring>> repository;

    public RepositorySigningKeyBook(Supplier<Repository<SigningKeyring>> repository) {
        this.repository = repository;
    }

    @Override
    public Optional<SigningKeyFacts> key(String signerSubject, String keyId) {
        if (signerSubject == null || keyId == null) {
            return Optional.empty();
        }
        try {
            return repository.get().load(DocumentCommands.keyringOf(signerSubject)).invoke(keyring -> keyring.key(keyId));
        } catch (AggregateNotFoundException unknown) {
            return Optional.empty();
        }
    }
}
