package org.civicledger.command.privacy;

import com.fasterxml.jackson.databind.Module;

/**
 * Hands the assembly the {@link PersonalDataModule} for Axon's object mapper. A holder rather than
 * the module itself as a bean: Spring Boot adds every Jackson {@code Module} bean to the HTTP mapper,
 * where personal data must stay plain.
 */
public record PersonalDataSealing(PersonalDataModule module) {

    public Module jacksonModule() {
        return module;
    }
}
