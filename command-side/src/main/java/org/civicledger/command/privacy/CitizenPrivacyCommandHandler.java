package org.civicledger.command.privacy;

import java.time.Clock;
import java.util.function.Supplier;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.modelling.command.Repository;
import org.civicledger.events.common.RuleViolation;
import org.civicledger.events.privacy.PrivacyCommands.EraseCitizenData;

/**
 * Routes privacy commands, which name a citizen by national ID, to the {@link CitizenPrivacy}
 * aggregate of their subject reference. An aggregate cannot do this itself: its identifier is a
 * keyed hash only the command side can compute, so the command cannot carry it.
 *
 * <p>Answers the subject reference of the erased citizen.
 */
public class CitizenPrivacyCommandHandler {

    private final Supplier<Repository<CitizenPrivacy>> repository;
    private final SubjectHasher hasher;
    private final SubjectKeys keys;
    private final Clock clock;

    public CitizenPrivacyCommandHandler(Supplier<Repository<CitizenPrivacy>> repository, SubjectHasher hasher,
                                        SubjectKeys keys, Clock clock) {
        this.repository = repository;
        this.hasher = hasher;
        this.keys = keys;
        this.clock = clock;
    }

    @CommandHandler
    public String handle(EraseCitizenData command) throws Exception {
        if (command.nationalId() == null) {
            throw RuleViolation.invalid("CitizenIsNamed", "nationalId", "the national ID of the citizen is required");
        }
        String subjectRef = hasher.refFor(command.nationalId());
        repository.get().loadOrCreate(subjectRef, CitizenPrivacy::new)
                .execute(privacy -> privacy.erase(command, subjectRef, keys, clock));
        return subjectRef;
    }
}
