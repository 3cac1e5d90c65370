package org.civicledger.query.payments;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.civicledger.events.common.Actor;
import org.civicledger.events.common.Role;
import org.civicledger.projections.citizenpayments.BillView;
import org.civicledger.projections.citizenpayments.CitizenPaymentsQueries;
import org.civicledger.projections.citizenpayments.PaymentView;
import org.civicledger.projections.support.Page;
import org.civicledger.query.security.LedgerAuthentication;
import org.civicledger.query.security.ReadAccess;
import org.civicledger.query.security.SecurityEvents;
import org.civicledger.query.read.ReadRequests;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * Reads of bills and payments from the citizen-payments read model: a citizen's own bills and payments
 * (the citizen and auditors), and one payment's status (its payer, officers of an agency it paid, auditors).
 * A citizen asking for another's payment is told what an unknown payment id gets: 404.
 */
@RestController
@Tag(name = "Bills and payments (reads)")
public class PaymentReadController {

    private final CitizenPaymentsQueries payments;

    public PaymentReadController(CitizenPaymentsQueries payments) {
        this.payments = payments;
    }

    @GetMapping("/api/v1/citizens/{subject}/bills")
    @Operation(summary = "A citizen's bills, newest first")
    public Page<BillView> bills(@PathVariable String subject, @RequestParam(required = false) Integer page,
                                @RequestParam(required = false) Integer size) {
        ReadAccess.requireCitizenReadable(subject);
        return payments.bills(subject, ReadRequests.page(page, size));
    }

    @GetMapping("/api/v1/citizens/{subject}/payments")
    @Operation(summary = "A citizen's payments, newest first, with what was refunded, charged back and is owed back")
    public Page<PaymentView> payments(@PathVariable String subject, @RequestParam(required = false) Integer page,
                                      @RequestParam(required = false) Integer size) {
        ReadAccess.requireCitizenReadable(subject);
        return payments.payments(subject, ReadRequests.page(page, size));
    }

    @GetMapping("/api/v1/payments/{paymentId}")
    @Operation(summary = "One payment's status", description = "Its payer, officers of an agency whose bill it paid, auditors")
    public PaymentView payment(@PathVariable String paymentId, HttpServletRequest request) {
        PaymentCommandController.id("paymentId", paymentId);
        PaymentView payment = payments.payment(paymentId).orElse(null);
        Actor actor = LedgerAuthentication.current().orElseThrow(() -> new ResponseStatusException(HttpStatus.FORBIDDEN,
                "this needs a signed-in citizen, officer or auditor"));
        boolean allowed = switch (actor.role()) {
            case AUDITOR -> true;
            case CITIZEN -> payment != null && actor.subject().equals(payment.citizenSubject());
            case OFFICER -> payment == null || payment.billIds().stream().map(payments::bill)
                    .anyMatch(bill -> bill.map(BillView::agencyCode).filter(actor::isOfficerOf).isPresent());
            default -> false;
        };
        if (actor.role() == Role.CITIZEN && !allowed) {
            if (payment != null) {
                SecurityEvents.denied("other_citizen", actor, request.getMethod(), request.getRequestURI());
            }
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "payment " + paymentId + " is not known");
        }
        if (!allowed) {
            SecurityEvents.denied(actor.role() == Role.OFFICER ? "other_agency" : "role", actor, request.getMethod(),
                    request.getRequestURI());
            throw new ResponseStatusException(HttpStatus.FORBIDDEN,
                    "a payment is read by its payer, officers of an agency it paid and auditors only");
        }
        if (payment == null) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "payment " + paymentId + " is not known (or not yet in the read model)");
        }
        return payment;
    }
}
