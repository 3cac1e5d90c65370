package org.civicledger.projections.audit;

import java.time.Instant;

/**
 * Which audit events a reader asks for; every part is optional and they combine with AND: the aggregate
 * identifier, the actor's subject, the actor's agency, recorded at or after {@code from}, before {@code to}.
 */
public record AuditFilter(String aggregate, String actor, String agency, Instant from, Instant to) {

    public static AuditFilter all() {
        return new AuditFilter(null, null, null, null, null);
    }
}
