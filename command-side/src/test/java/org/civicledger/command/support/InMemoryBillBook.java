package org.civicledger.command.support;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.civicledger.command.bills.BillBook;
import org.civicledger.command.bills.BillFacts;

/** Bills as a payment test needs them, without their event streams. */
public final class InMemoryBillBook implements BillBook {

    private final Map<String, BillFacts> bills = new HashMap<>();

    public InMemoryBillBook with(BillFacts... facts) {
        for (BillFacts bill : facts) {
            bills.put(bill.billId(), bill);
        }
        return this;
    }

    @Override
    public Optional<BillFacts> bill(String billId) {
        return Optional.ofNullable(bills.get(billId));
    }
}
