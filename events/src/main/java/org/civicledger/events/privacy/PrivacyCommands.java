package org.civicledger.events.privacy;

import org.civicledger.events.common.Actor;
import org.civicledger.events.common.LedgerCommand;
import org.civicledger.events.common.NationalId;

/** Commands about citizens' personal data as such, rather than about a case or a bill. */
public final class PrivacyCommands {

    private PrivacyCommands() {
    }

    /**
     * Erase the personal data the ledger holds about the citizen with this national ID: their data
     * key is destroyed, so every sealed value of theirs reads as erased from then on. Only an
     * operator (or the ledger itself) may send it. The reason is stored in clear in the event, so it
     * must not contain personal data (a request number, not the citizen's name).
     *
     * <p>No aggregate identifier here: the target is the citizen's subject reference, a keyed hash of
     * the national ID that only the command side can compute.
     */
    public record EraseCitizenData(NationalId nationalId, String reason, String commandId, Actor actor)
            implements LedgerCommand {

        @Override
        public String toString() {
            return "EraseCitizenData[" + commandId + "]";
        }
    }
}
