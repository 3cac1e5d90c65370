package org.civicledger.query.payments;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.civicledger.events.common.Actor;
import org.civicledger.events.common.Money;
import org.civicledger.events.payments.PaymentCommands.RecordChargeback;
import org.civicledger.events.settlements.SettlementCommands;
import org.civicledger.events.settlements.SettlementCommands.ImportSettlementFile;
import org.civicledger.query.http.InvalidRequestException;
import org.civicledger.query.write.CommandContext;
import org.civicledger.query.write.CommandSender;
import org.civicledger.query.write.CommandSender.Sent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Imports a provider's settlement file: the import command, then the chargebacks the file names recorded on their
 * payments. Used by the HTTP endpoint and by {@code ledger settle}.
 *
 * <p>The settlement's id is derived from the provider and the file's bytes, so the same file again lands on the
 * same settlement and changes nothing; its chargebacks are sent again all the same, under ids derived from the
 * provider's transaction ids, so an import interrupted between the two steps is finished by importing again.
 */
@Component
public class SettlementImports {

    private static final Logger LOG = LoggerFactory.getLogger(SettlementImports.class);
    private static final CommandSender.Target PAYMENT = new CommandSender.Target("payment", "paymentId", "PaymentIsKnown");

    private final CommandSender sender;
    private final ObjectMapper objectMapper;

    public SettlementImports(CommandSender sender, ObjectMapper objectMapper) {
        this.sender = sender;
        this.objectMapper = objectMapper;
    }

    /** What an import answers: the reconciliation's counts, the chargebacks recorded, where the report is. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record SettlementAnswer(String settlementId, String providerCode, LocalDate settlementDate, int lines, int matched,
                                   int missingInSettlement, int unexpectedInSettlement, int amountMismatches, int chargebacksRecorded,
                                   List<String> chargebacksRefused, boolean duplicate, Long position, String report) {

        public int discrepancies() {
            return missingInSettlement + unexpectedInSettlement + amountMismatches;
        }
    }

    public SettlementAnswer importFile(String providerCode, byte[] file, CommandContext context) {
        String text = utf8(file);
        String settlementId = SettlementCommands.settlementId(providerCode, file);
        Sent sent = sender.send(new ImportSettlementFile(settlementId, providerCode, text, context.commandId(), context.actor()), context,
                settlementId, SettlementController.SETTLEMENT);
        ImportResult result = objectMapper.convertValue(sent.result(), ImportResult.class);
        int recorded = 0;
        List<String> refused = new ArrayList<>();
        for (ChargebackToRecord chargeback : result.chargebacks()) {
            // The provider's notice is the file: the ledger itself records it, as it records a verified callback.
            Actor ledger = Actor.system("settlement:" + providerCode);
            String commandId = "chargeback:" + chargeback.chargebackId();
            try {
                sender.send(new RecordChargeback(chargeback.paymentId(), chargeback.chargebackId(), chargeback.amount(),
                        "chargeback in " + providerCode + "'s settlement of " + result.settlementDate() + " ("
                                + chargeback.providerTransactionId() + ")", commandId, ledger),
                        new CommandContext(ledger, "api", commandId), chargeback.paymentId(), PAYMENT);
                recorded++;
            } catch (RuntimeException refusal) {
                // The file's line stays matched in its events; the payment refused it (it holds less than that): for an operator.
                LOG.warn("Chargeback {} of settlement {} was refused by payment {}: {}", chargeback.chargebackId(), settlementId,
                        chargeback.paymentId(), refusal.getMessage());
                refused.add(chargeback.providerTransactionId() + ": " + refusal.getMessage());
            }
        }
        return new SettlementAnswer(settlementId, providerCode, result.settlementDate(), result.lines(), result.matched(),
                result.missingInSettlement(), result.unexpectedInSettlement(), result.amountMismatches(), recorded,
                refused.isEmpty() ? null : refused, result.duplicate(), sent.position(),
                "/api/v1/providers/" + providerCode + "/reconciliation/" + result.settlementDate());
    }

    private static String utf8(byte[] file) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(file)).toString();
        } catch (CharacterCodingException notUtf8) {
            throw new InvalidRequestException("file", "the settlement file is UTF-8 text");
        }
    }

    /** The command side's answer, read by property name: the query side does not depend on the command side's classes. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record ImportResult(String settlementId, String providerCode, LocalDate settlementDate, int lines, int matched, int missingInSettlement,
                        int unexpectedInSettlement, int amountMismatches, List<ChargebackToRecord> chargebacks, boolean duplicate) {
        ImportResult {
            chargebacks = chargebacks == null ? List.of() : chargebacks;
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record ChargebackToRecord(String paymentId, String chargebackId, Money amount, String providerTransactionId) {
    }
}
