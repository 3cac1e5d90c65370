package org.civicledger.query.write;

import io.swagger.v3.oas.annotations.media.Schema;

/** What a reference data command answers: what it changed, and the position of that thing's last event. */
public record ReferenceAnswer(
        @Schema(description = "agency code, case type code or calendar year") String id,
        @Schema(description = "global index of the last event of what changed") Long position) {
}
