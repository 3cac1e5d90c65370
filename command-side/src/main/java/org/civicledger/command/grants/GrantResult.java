package org.civicledger.command.grants;

import org.civicledger.events.common.Money;
import org.civicledger.events.grants.GrantStatus;

/**
 * What a grant command answers: where the grant stands and what it still holds. {@code duplicate} is
 * true when the command repeated a use already recorded (a retried request) and therefore changed nothing.
 */
public record GrantResult(String grantId, GrantStatus status, Money balance, boolean duplicate) {
}
