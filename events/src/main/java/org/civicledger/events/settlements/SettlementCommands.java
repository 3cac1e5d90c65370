package org.civicledger.events.settlements;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.civicledger.events.common.Actor;
import org.civicledger.events.common.LedgerCommand;

/** Commands on a provider's settlement: importing its file, resolving what did not reconcile. */
public final class SettlementCommands {

    private SettlementCommands() {
    }

    /**
     * A provider's settlement file, as the provider sent it (UTF-8 CSV, see docs/payments.md); the command side
     * reads it. {@code settlementId} is {@link #settlementId(String, byte[])} of the provider and the file's bytes,
     * so the same file again lands on the same settlement and changes nothing.
     */
    public record ImportSettlementFile(
            @TargetAggregateIdentifier String settlementId,
            String providerCode,
            String file,
            String commandId,
            Actor actor) implements LedgerCommand {

        @Override
        public String toString() {
            // The file may be megabytes: logs and failures name it by size, not content.
            return "ImportSettlementFile[" + settlementId + ", " + providerCode + ", " + (file == null ? 0 : file.length()) + " chars, "
                    + commandId + "]";
        }
    }

    /** The SHA-256 of a file's bytes, 64 lowercase hex digits: the file's identity. */
    public static String fileSha256(byte[] file) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(file));
        } catch (NoSuchAlgorithmException unavailable) {
            throw new IllegalStateException(unavailable);
        }
    }

    /** The settlement of a provider's file: derived from both, so the same bytes from another provider are another settlement. */
    public static String settlementId(String providerCode, byte[] file) {
        return "stl-" + fileSha256((providerCode + ":" + fileSha256(file)).getBytes(StandardCharsets.UTF_8)).substring(0, 40);
    }

    /** {@code providerCode} names the provider the settlement is expected to be of (another provider's is not found). */
    public record ResolveSettlementDiscrepancy(
            @TargetAggregateIdentifier String settlementId,
            String providerCode,
            String discrepancyId,
            DiscrepancyResolution resolution,
            String reason,
            String commandId,
            Actor actor) implements LedgerCommand {
    }
}
