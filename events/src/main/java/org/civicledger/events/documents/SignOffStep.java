package org.civicledger.events.documents;

import java.util.List;

/** One step of a sign-off chain: every signer of it must sign, in any order, before the next step opens. */
public record SignOffStep(List<Party> signers) {

    public SignOffStep {
        signers = signers == null ? List.of() : List.copyOf(signers);
    }
}
