package org.civicledger.projections.paymentsdashboard;

import java.time.LocalDate;
import java.util.List;

/**
 * An agency's (or, with no agency, the city's) payment figures for the days {@code from} to {@code to}
 * (inclusive, in the city's zone), with the bills still owed on {@code today}. Amounts are minor units of
 * {@code currency}; rates are basis points (10,000 is 100 %), integers like every figure here.
 */
public record PaymentsDashboard(String agencyCode, LocalDate from, LocalDate to, LocalDate today, List<RevenueDay> revenue,
                                List<ProviderChannel> payments, List<ReturnDay> returns, List<OwedBills> bills, long position) {

    /**
     * Money collected for one fee class on one day: {@code collectedMinor} as the providers took it, of which
     * {@code overpaidMinor} paid no bill (owed back); {@code revenueMinor} is the rest. Refunds and chargebacks
     * are shown per day beside, in {@link ReturnDay}.
     */
    public record RevenueDay(LocalDate day, String agencyCode, String feeClassCode, String currency, long bills, long collectedMinor,
                             long overpaidMinor, long revenueMinor) {
    }

    /**
     * The payments initiated in the period through one provider's channel, by outcome. {@code succeeded}
     * counts those where the provider took money (the right amount or not); the success rate is succeeded
     * over finished (succeeded, failed, expired), in basis points; null when none has finished.
     */
    public record ProviderChannel(String providerCode, String channel, String currency, long initiated, long pending, long succeeded,
                                  long failed, long expired, long amountMismatched, long succeededMinor, Integer successRateBasisPoints,
                                  Integer failureRateBasisPoints) {
    }

    /** Refunds or chargebacks of one agency on one day. */
    public record ReturnDay(LocalDate day, String agencyCode, String kind, String currency, long count, long amountMinor) {
    }

    /** Bills still owed to one agency for one fee class: open or overdue, and of those overdue (due date passed). */
    public record OwedBills(String agencyCode, String feeClassCode, String currency, long outstanding, long outstandingMinor, long overdue,
                            long overdueMinor) {
    }
}
