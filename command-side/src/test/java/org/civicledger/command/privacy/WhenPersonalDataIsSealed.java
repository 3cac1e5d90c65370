package org.civicledger.command.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.civicledger.events.cases.Applicant;
import org.civicledger.events.cases.CaseEvent.ApplicationSubmitted;
import org.civicledger.events.common.DocumentReference;
import org.civicledger.events.common.Money;
import org.civicledger.events.common.NationalId;
import org.junit.jupiter.api.Test;

/**
 * The sealed form of personal data in stored events: what it looks like, that it opens with the
 * subject's key only, that it reads as erased once the key is gone, and that it is bound to its subject.
 */
class WhenPersonalDataIsSealed {

    static final String NATIONAL_ID = "A123456789";
    static final String NAME = "Lin Mei";
    static final String EMAIL = "lin.mei@example.org";
    static final String PHONE = "+886912345678";

    private static final Path APPROVED = Path.of("src", "test", "resources", "approved", "ApplicationSubmitted.sealed.json");
    private static final Path RECEIVED = Path.of("target", "received-json", "ApplicationSubmitted.sealed.json");

    private final SubjectHasher hasher = new SubjectHasher(MasterKey.of(new byte[32]));
    private final InMemoryKeyring keys = new InMemoryKeyring(1);
    private final ApplicationSubmitted event = new ApplicationSubmitted("case-2025-0001", "RESIDENCE-CERTIFICATE",
            "CIVIL-AFFAIRS", new Applicant("citizen-lin-mei", new NationalId(NATIONAL_ID), NAME, EMAIL, PHONE),
            List.of(new DocumentReference("id-card", "mydoc://documents/id-card-1")), 5, Money.twd(15),
            Instant.parse("2025-10-01T01:00:00Z"));
    private final String subjectRef = hasher.refFor(new NationalId(NATIONAL_ID));

    /** Configured as the assembly configures Axon's mapper, with the module; nonces count up from 1. */
    static ObjectMapper axonMapper(SubjectHasher hasher, DataKeyring keys) {
        AtomicInteger counter = new AtomicInteger();
        NonceSource counting = () -> {
            byte[] nonce = new byte[NonceSource.NONCE_BYTES];
            nonce[NonceSource.NONCE_BYTES - 1] = (byte) counter.incrementAndGet();
            return nonce;
        };
        return JsonMapper.builder()
                .findAndAddModules()
                .addModule(new PersonalDataModule(hasher, keys, counting))
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .build();
    }

    @Test
    void the_stored_json_holds_an_envelope_and_no_plaintext() throws Exception {
        String json = axonMapper(hasher, keys).writeValueAsString(event);

        assertThat(json).doesNotContain(NATIONAL_ID, NAME, EMAIL, PHONE, "912345678");
        ObjectNode applicant = (ObjectNode) new ObjectMapper().readTree(json).get("applicant");
        assertThat(applicant.fieldNames()).toIterable()
                .containsExactly("sealed", "subject", "keyVersion", "clear", "nonce", "ciphertext");
        assertThat(applicant.get("sealed").asText()).isEqualTo(PersonalDataModule.FORMAT);
        assertThat(applicant.get("subject").asText()).isEqualTo(subjectRef).hasSize(43);
        assertThat(applicant.get("clear").toString()).isEqualTo("{\"citizenSubject\":\"citizen-lin-mei\",\"name\":\"[erased]\"}");
    }

    @Test
    void the_envelope_of_an_application_is_as_approved() throws Exception {
        String received = axonMapper(hasher, keys).writerWithDefaultPrettyPrinter().writeValueAsString(event) + "\n";
        if (!Files.exists(APPROVED) || !Files.readString(APPROVED, StandardCharsets.UTF_8).equals(received)) {
            Files.createDirectories(RECEIVED.getParent());
            Files.writeString(RECEIVED, received, StandardCharsets.UTF_8);
        }
        assertThat(APPROVED).as("approved sealed JSON; review " + RECEIVED.toAbsolutePath()).exists();
        assertThat(received).isEqualTo(Files.readString(APPROVED, StandardCharsets.UTF_8));
        // And the approved bytes still open into the same event.
        assertThat(axonMapper(hasher, keys).readValue(Files.readString(APPROVED, StandardCharsets.UTF_8),
                ApplicationSubmitted.class)).isEqualTo(event);
    }

    @Test
    void with_the_subjects_key_it_opens_into_the_same_event() throws Exception {
        ObjectMapper mapper = axonMapper(hasher, keys);
        assertThat(mapper.readValue(mapper.writeValueAsBytes(event), ApplicationSubmitted.class)).isEqualTo(event);
    }

    @Test
    void once_the_key_is_destroyed_it_reads_as_the_erased_applicant_and_everything_else_unchanged() throws Exception {
        ObjectMapper mapper = axonMapper(hasher, keys);
        byte[] stored = mapper.writeValueAsBytes(event);
        keys.destroy(subjectRef);

        ApplicationSubmitted loaded = mapper.readValue(stored, ApplicationSubmitted.class);

        assertThat(loaded.applicant()).isEqualTo(Applicant.erased("citizen-lin-mei"));
        assertThat(loaded.applicant().isErased()).isTrue();
        assertThat(loaded).usingRecursiveComparison().ignoringFields("applicant").isEqualTo(event);
        assertThat(loaded.fee()).isEqualTo(Money.twd(15));
    }

    @Test
    void under_another_key_it_does_not_open_and_the_failure_shows_no_plaintext() throws Exception {
        byte[] stored = axonMapper(hasher, keys).writeValueAsBytes(event);
        InMemoryKeyring otherKeys = new InMemoryKeyring(2);
        otherKeys.give(subjectRef, InMemoryKeyring.fixedKey(2));

        assertThatThrownBy(() -> axonMapper(hasher, otherKeys).readValue(stored, ApplicationSubmitted.class))
                .hasRootCauseInstanceOf(SealedDataException.class)
                .satisfies(failure -> assertThat(allMessages(failure)).doesNotContain(NATIONAL_ID, NAME, EMAIL, PHONE));
    }

    @Test
    void ciphertext_moved_to_another_subject_does_not_open_even_under_the_same_key_bytes() throws Exception {
        ObjectMapper mapper = axonMapper(hasher, keys);
        String otherRef = hasher.refFor(new NationalId("B123456780"));
        keys.give(otherRef, InMemoryKeyring.fixedKey(1));
        ObjectNode tree = (ObjectNode) mapper.readTree(mapper.writeValueAsBytes(event));
        ((ObjectNode) tree.get("applicant")).put("subject", otherRef);

        assertThatThrownBy(() -> mapper.treeToValue(tree, ApplicationSubmitted.class))
                .hasRootCauseInstanceOf(SealedDataException.class);
    }

    @Test
    void events_stored_before_sealing_existed_still_load_as_they_are() throws Exception {
        ObjectMapper plain = new ObjectMapper().findAndRegisterModules()
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        byte[] legacy = plain.writeValueAsBytes(event);
        assertThat(axonMapper(hasher, keys).readValue(legacy, ApplicationSubmitted.class)).isEqualTo(event);
    }

    @Test
    void an_erased_applicant_written_again_stays_plain_and_reads_back_erased() throws Exception {
        ObjectMapper mapper = axonMapper(hasher, keys);
        ApplicationSubmitted erased = new ApplicationSubmitted(event.caseId(), event.caseTypeCode(), event.agencyCode(),
                Applicant.erased("citizen-lin-mei"), event.documents(), 5, Money.twd(15), event.submittedAt());
        String json = mapper.writeValueAsString(erased);
        assertThat(json).doesNotContain("sealed");
        assertThat(mapper.readValue(json, ApplicationSubmitted.class)).isEqualTo(erased);
    }

    @Test
    void the_same_national_id_always_gives_the_same_reference_and_other_master_keys_other_ones() {
        assertThat(hasher.refFor(new NationalId(NATIONAL_ID))).isEqualTo(subjectRef);
        byte[] other = new byte[32];
        other[0] = 1;
        assertThat(new SubjectHasher(MasterKey.of(other)).refFor(new NationalId(NATIONAL_ID))).isNotEqualTo(subjectRef);
        assertThat(subjectRef).doesNotContain(NATIONAL_ID);
    }

    static String allMessages(Throwable failure) {
        StringBuilder messages = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            messages.append(t).append('\n');
        }
        return messages.toString();
    }
}
