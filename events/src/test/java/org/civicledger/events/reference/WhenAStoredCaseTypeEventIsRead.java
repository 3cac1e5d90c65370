package org.civicledger.events.reference;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.civicledger.events.StoredEvents;
import org.civicledger.events.common.Money;
import org.civicledger.events.reference.CaseTypeEvent.CaseTypeRegistered;
import org.civicledger.events.reference.CaseTypeEvent.CaseTypeRevised;
import org.junit.jupiter.api.Test;

/** Revision 1 of the case type events had no certificate flag: the naming rule of its time decides it when read. */
class WhenAStoredCaseTypeEventIsRead {

    private static final String REGISTERED_AT_REVISION_1 = """
            {"caseTypeCode":"%s","agencyCode":"BUILDING","name":"Permit","requiredDocuments":["plan"],
             "fee":{"amountMinor":250,"currency":"TWD"},"statutoryProcessingDays":10}""";

    @Test
    void a_type_registered_at_revision_1_without_the_certificate_suffix_issues_no_certificate() {
        Object read = StoredEvents.read(CaseTypeRegistered.class, "1", REGISTERED_AT_REVISION_1.formatted("BUILDING-PERMIT"));

        assertThat(read).isEqualTo(new CaseTypeRegistered("BUILDING-PERMIT", "BUILDING", "Permit", List.of("plan"), Money.twd(250), 10,
                false));
    }

    @Test
    void a_type_registered_at_revision_1_with_a_code_ending_in_certificate_issues_one_as_it_did_then() {
        Object read = StoredEvents.read(CaseTypeRegistered.class, "1", REGISTERED_AT_REVISION_1.formatted("BUILDING-CERTIFICATE"));

        assertThat(read).isEqualTo(new CaseTypeRegistered("BUILDING-CERTIFICATE", "BUILDING", "Permit", List.of("plan"),
                Money.twd(250), 10, true));
        assertThat(StoredEvents.revisionRead(CaseTypeRegistered.class, "1", REGISTERED_AT_REVISION_1.formatted("BUILDING-CERTIFICATE")))
                .isEqualTo("2");
    }

    @Test
    void a_revision_stored_at_revision_1_kept_the_certificate_before_and_after() {
        String json = """
                {"caseTypeCode":"BUILDING-CERTIFICATE","name":"Permit","requiredDocuments":[],"fee":{"amountMinor":300,"currency":"TWD"},
                 "statutoryProcessingDays":7,"previousFee":{"amountMinor":250,"currency":"TWD"},"previousStatutoryProcessingDays":10,
                 "reason":"fee schedule of 2026"}""";

        assertThat(StoredEvents.read(CaseTypeRevised.class, "1", json)).isEqualTo(new CaseTypeRevised("BUILDING-CERTIFICATE", "Permit",
                List.of(), Money.twd(300), 7, true, Money.twd(250), 10, true, "fee schedule of 2026"));
    }

    @Test
    void a_type_registered_at_revision_2_keeps_its_own_flag_whatever_its_code_ends_with() {
        String json = """
                {"caseTypeCode":"BUILDING-CERTIFICATE","agencyCode":"BUILDING","name":"Permit","requiredDocuments":[],
                 "fee":{"amountMinor":0,"currency":"TWD"},"statutoryProcessingDays":10,"issuesCertificate":false}""";

        assertThat(StoredEvents.read(CaseTypeRegistered.class, "2", json)).isEqualTo(new CaseTypeRegistered("BUILDING-CERTIFICATE",
                "BUILDING", "Permit", List.of(), Money.twd(0), 10, false));
    }
}
