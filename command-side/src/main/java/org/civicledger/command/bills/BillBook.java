package org.civicledger.command.bills;

import java.util.Optional;

/**
 * Reads bills for the payment rules (pay-all: all open, one payer, one currency). A read, not a lock:
 * a bill paid or cancelled after it was read is caught when the payment settles it (the bill refuses,
 * the payment records an overpayment).
 */
public interface BillBook {

    Optional<BillFacts> bill(String billId);
}
