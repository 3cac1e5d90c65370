package org.civicledger.command.receipts;

/**
 * What a receipt command answers: the receipt it is about, its printed number, whether it stands, and whether the
 * command repeated one already applied (the same bill's receipt, the same counter receipt id).
 */
public record ReceiptResult(String receiptId, String number, String status, boolean duplicate, String replacedBy) {
}
