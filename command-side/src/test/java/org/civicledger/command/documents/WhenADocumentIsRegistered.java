package org.civicledger.command.documents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.civicledger.command.documents.DocumentScenario.*;
import static org.civicledger.command.support.RuleViolationMatcher.violates;

import java.time.LocalDate;
import java.util.List;
import org.civicledger.events.common.RuleViolation.Kind;
import org.civicledger.events.documents.AccessKind;
import org.civicledger.events.documents.DocumentCommands.DeliverDocument;
import org.civicledger.events.documents.DocumentCommands.RecordDocumentAccess;
import org.civicledger.events.documents.DocumentCommands.RegisterDocument;
import org.civicledger.events.documents.DocumentCommands.RevokeDocument;
import org.civicledger.events.documents.DocumentEvent.DocumentAccessed;
import org.civicledger.events.documents.DocumentEvent.DocumentDelivered;
import org.civicledger.events.documents.DocumentEvent.DocumentRevoked;
import org.civicledger.events.documents.DocumentKind;
import org.junit.jupiter.api.Test;

class WhenADocumentIsRegistered {

    private final InMemoryContents contents = new InMemoryContents();

    @Test
    void the_ledger_hashes_the_content_itself_and_stores_it_under_that_hash() {
        fixture(keys(), contents).givenCurrentTime(REGISTERED_AT)
                .when(register(CHEN, DocumentKind.CONTRACT, LocalDate.of(2026, 12, 31)))
                .expectEvents(registered(), new DocumentDelivered(DOCUMENT_ID, WU_SIGNS, REGISTERED_AT));
        assertThat(contents.stored.get(SHA256)).isEqualTo(CONTENT);
        assertThat(SHA256).isEqualTo(java.util.HexFormat.of().formatHex(Signatures.sha256(CONTENT))).hasSize(64);
    }

    @Test
    void registered_with_a_chain_it_waits_for_its_signatures_before_delivery() {
        org.civicledger.events.documents.DocumentCommands.RegisterDocument withChain = new RegisterDocument(DOCUMENT_ID, CONTENT,
                DocumentKind.CONTRACT, "Street lighting maintenance 2026", CIVIL, List.of(WU_SIGNS), LocalDate.of(2026, 12, 31),
                chainRequested().steps(), "cmd-register", CHEN);
        fixture(keys(), contents).givenCurrentTime(REGISTERED_AT)
                .when(withChain)
                .expectEvents(registered(), new org.civicledger.events.documents.DocumentEvent.SignOffRequested(DOCUMENT_ID,
                        chainRequested().steps(), REGISTERED_AT));
    }

    @Test
    void a_notice_has_no_expiry_date_and_nothing_is_stored_for_a_refused_registration() {
        fixture(keys(), contents).givenCurrentTime(REGISTERED_AT)
                .when(register(CHEN, DocumentKind.NOTICE, LocalDate.of(2026, 12, 31)))
                .expectException(violates(Kind.INVALID, "ExpiryWhereTheKindHasOne"));
        assertThat(contents.writes).isEmpty();
    }

    @Test
    void an_expiry_date_in_the_past_is_refused() {
        fixture(keys(), contents).givenCurrentTime(REGISTERED_AT)
                .when(register(CHEN, DocumentKind.CERTIFICATE, LocalDate.of(2025, 11, 3)))
                .expectException(violates(Kind.INVALID, "ExpiryIsAhead"));
    }

    @Test
    void an_officer_of_another_agency_does_not_issue_for_this_one() {
        fixture(keys(), contents).givenCurrentTime(REGISTERED_AT)
                .when(register(OFFICER_ELSEWHERE, DocumentKind.CONTRACT, null))
                .expectException(violates(Kind.FORBIDDEN, "IssuerIsAnOfficerOfTheAgency"));
    }

    @Test
    void a_document_without_content_is_refused() {
        fixture(keys(), contents).givenCurrentTime(REGISTERED_AT)
                .when(new RegisterDocument(DOCUMENT_ID, new byte[0], DocumentKind.NOTICE, "Empty", CIVIL, List.of(), null, null, "cmd", CHEN))
                .expectException(violates(Kind.INVALID, "ContentIsGiven"));
    }

    @Test
    void delivery_reaches_each_recipient_once() {
        fixture(keys(), contents).givenCurrentTime(REGISTERED_AT)
                .andGiven(registered(), new DocumentDelivered(DOCUMENT_ID, WU_SIGNS, REGISTERED_AT))
                .when(new DeliverDocument(DOCUMENT_ID, "cmd-deliver", CHEN))
                .expectNoEvents();
        fixture(keys(), contents).givenCurrentTime(REGISTERED_AT)
                .andGiven(registered())
                .when(new DeliverDocument(DOCUMENT_ID, "cmd-deliver", CHEN))
                .expectEvents(new DocumentDelivered(DOCUMENT_ID, WU_SIGNS, REGISTERED_AT));
    }

    @Test
    void a_recipient_downloading_it_is_recorded_and_a_stranger_is_refused() {
        fixture(keys(), contents).givenCurrentTime(SIGNING_AT)
                .andGiven(registered())
                .when(new RecordDocumentAccess(DOCUMENT_ID, AccessKind.DOWNLOAD, "cmd-get", WU))
                .expectEvents(new DocumentAccessed(DOCUMENT_ID, WU.subject(), WU.role(), AccessKind.DOWNLOAD, SIGNING_AT));
        fixture(keys(), contents).givenCurrentTime(SIGNING_AT)
                .andGiven(registered())
                .when(new RecordDocumentAccess(DOCUMENT_ID, AccessKind.VIEW, "cmd-get", OFFICER_ELSEWHERE))
                .expectException(violates(Kind.FORBIDDEN, "OnlyPartiesSeeADocument"));
    }

    @Test
    void a_revoked_document_is_not_delivered() {
        fixture(keys(), contents).givenCurrentTime(SIGNING_AT)
                .andGiven(registered(), new DocumentRevoked(DOCUMENT_ID, "wrong lot", REGISTERED_AT))
                .when(new DeliverDocument(DOCUMENT_ID, "cmd-deliver", CHEN))
                .expectException(violates(Kind.CONFLICT, "RevokedDocumentsAreNotDelivered"));
    }

    @Test
    void the_issuer_revokes_it_with_a_reason() {
        fixture(keys(), contents).givenCurrentTime(SIGNING_AT)
                .andGiven(registered())
                .when(new RevokeDocument(DOCUMENT_ID, "issued with the wrong lot number", "cmd-revoke", CHEN))
                .expectEvents(new DocumentRevoked(DOCUMENT_ID, "issued with the wrong lot number", SIGNING_AT));
        fixture(keys(), contents).givenCurrentTime(SIGNING_AT)
                .andGiven(registered())
                .when(new RevokeDocument(DOCUMENT_ID, " ", "cmd-revoke", CHEN))
                .expectException(violates(Kind.INVALID, "TextIsGiven"));
    }
}
