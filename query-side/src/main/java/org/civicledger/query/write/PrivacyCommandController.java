package org.civicledger.query.write;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.civicledger.events.common.NationalId;
import org.civicledger.events.privacy.PrivacyCommands.EraseCitizenData;
import org.civicledger.query.write.CommandSender.Target;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Erasure of a citizen's personal data over HTTP. The ledger lets only operators (and itself) erase;
 * it destroys the citizen's data key and records who, why and when. The answer names the citizen by
 * subject reference only, never by national ID.
 */
@RestController
@RequestMapping("/api/v1/privacy")
@Tag(name = "Privacy commands", description = "Erasure of a citizen's personal data")
public class PrivacyCommandController {

    public static final int REASON_LENGTH_MAX = 500;
    private static final Target CITIZEN = new Target("citizen", "nationalId", "PersonalDataIsHeld");

    private final CommandSender sender;
    private final EventPositions positions;

    public PrivacyCommandController(CommandSender sender, EventPositions positions) {
        this.sender = sender;
        this.positions = positions;
    }

    /** The citizen to erase, and why (a request number, say: the reason is kept in clear, so no personal data in it). */
    public record EraseCitizenDataBody(
            @NotNull @ValidNationalId String nationalId,
            @NotBlank @Size(max = REASON_LENGTH_MAX) String reason) {

        @Override
        public String toString() {
            return "EraseCitizenDataBody[]";
        }
    }

    /** What an erasure answers: the citizen's subject reference and the position of the erasure event. */
    public record ErasureAnswer(
            @Schema(description = "keyed hash of the national ID under which the ledger knows the citizen") String subjectRef,
            @Schema(description = "global index of the erasure event") Long position) {
    }

    @PostMapping("/erasures")
    @Operation(summary = "Erase a citizen's personal data",
            description = "Destroys the citizen's data key: their national ID, name and contacts read as erased in every "
                    + "event from now on; events, amounts and counts stay. Operators only; a second erasure is a conflict.")
    public ErasureAnswer erase(@Valid @RequestBody EraseCitizenDataBody body, @Parameter(hidden = true) CommandContext context) {
        CommandSender.Sent sent = sender.send(new EraseCitizenData(new NationalId(body.nationalId()), body.reason(),
                context.commandId(), context.actor()), context, "citizen", CITIZEN);
        String subjectRef = (String) sent.result();
        return new ErasureAnswer(subjectRef, positions.lastOf(subjectRef));
    }
}
