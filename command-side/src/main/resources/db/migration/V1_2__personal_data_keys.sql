-- Citizens' data keys (crypto-shredding). One script for PostgreSQL and for H2 (PostgreSQL mode).
--
-- subject_ref is the keyed hash (HMAC-SHA256, base64url) of the citizen's national ID, never the ID.
-- wrapped_key is the AES-256 data key sealed with AES-GCM under a key derived from the master key
-- (12-byte nonce, then ciphertext and tag; the row's subject_ref and key_version are its AAD).
-- Erasure sets wrapped_key to NULL and records who, why and when; the row stays as a tombstone so
-- that version is never created again. A citizen who comes back after an erasure gets the next
-- key_version under the same subject_ref. At most one version per subject has a wrapped key.
CREATE TABLE personal_data_key (
    subject_ref  VARCHAR(64)  NOT NULL,
    key_version  INT          NOT NULL,
    wrapped_key  BYTEA,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    erased_at    TIMESTAMP WITH TIME ZONE,
    erased_by    VARCHAR(160),
    erase_reason VARCHAR(500),
    CONSTRAINT personal_data_key_pk PRIMARY KEY (subject_ref, key_version),
    CONSTRAINT personal_data_key_erased_ck CHECK ((wrapped_key IS NULL) = (erased_at IS NOT NULL))
);
