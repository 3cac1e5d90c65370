package org.civicledger.query.write;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.LocalDate;

/**
 * What a case command answers: the case, the status the command left it in, the statutory deadline
 * in force and the position of the case's last event in the ledger's global order.
 *
 * <p>{@code caseNumber} and {@code casePassword} appear only in the answer to acceptance; the case
 * password is shown this once (and sent to the applicant), never again by any read, nor by a replay
 * of the same request: it is not stored with the idempotency record.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CaseAnswer(
        String caseId,
        @Schema(example = "ACCEPTED") String status,
        LocalDate deadline,
        @Schema(description = "global index of the case's last event; read models that reached it show this write") Long position,
        String caseNumber,
        String casePassword) {

    /** The same answer without the case password: what is kept for an idempotent replay. */
    CaseAnswer withoutPassword() {
        return new CaseAnswer(caseId, status, deadline, position, caseNumber, null);
    }

    /**
     * Reads the command handler's result by its property names. The query side may not depend on the
     * command side, so the result is taken as JSON properties rather than as its class.
     */
    static CaseAnswer of(String caseId, Object handlerResult, Long position, ObjectMapper objectMapper) {
        HandlerResult result = handlerResult == null ? new HandlerResult(null, null, null, null, null)
                : objectMapper.convertValue(handlerResult, HandlerResult.class);
        return new CaseAnswer(caseId, result.status(), result.deadline(), position, result.caseNumber(), result.casePassword());
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record HandlerResult(String caseId, String status, LocalDate deadline, String caseNumber, String casePassword) {
    }
}
