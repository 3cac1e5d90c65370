-- Read model "documents": documents by id and by content hash, their recipients and signers, and signers' keys.
-- One script for PostgreSQL and for H2 (PostgreSQL mode). Rebuilt from the events by a replay.
-- Parties are named by account subject only; titles and reasons hold no personal data by rule.
-- last_position is the global position of the last event applied to the document row.

CREATE TABLE document_view (
    document_id     VARCHAR(64)  NOT NULL,
    sha256          VARCHAR(64)  NOT NULL,
    size_bytes      BIGINT       NOT NULL,
    kind            VARCHAR(24)  NOT NULL,
    title           VARCHAR(200) NOT NULL,
    agency_code     VARCHAR(64)  NOT NULL,
    expires_on      DATE,
    -- REGISTERED, AWAITING_SIGNATURES, EXECUTED or DECLINED; revocation is kept apart (revoked_at).
    status          VARCHAR(24)  NOT NULL,
    registered_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    executed_at     TIMESTAMP WITH TIME ZONE,
    revoked_at      TIMESTAMP WITH TIME ZONE,
    revoke_reason   VARCHAR(500),
    last_position   BIGINT       NOT NULL,
    CONSTRAINT document_view_pk PRIMARY KEY (document_id)
);
CREATE INDEX document_view_sha256_idx ON document_view (sha256);

CREATE TABLE document_recipient (
    document_id     VARCHAR(64)  NOT NULL,
    subject         VARCHAR(128) NOT NULL,
    party_role      VARCHAR(16)  NOT NULL,
    agency_code     VARCHAR(64),
    delivered_at    TIMESTAMP WITH TIME ZONE,
    CONSTRAINT document_recipient_pk PRIMARY KEY (document_id, subject)
);
CREATE INDEX document_recipient_subject_idx ON document_recipient (subject);

CREATE TABLE document_signer (
    document_id     VARCHAR(64)  NOT NULL,
    subject         VARCHAR(128) NOT NULL,
    step_no         INTEGER      NOT NULL,
    party_role      VARCHAR(16)  NOT NULL,
    agency_code     VARCHAR(64),
    key_id          VARCHAR(32),
    algorithm       VARCHAR(16),
    signature       VARCHAR(256),
    signed_at       TIMESTAMP WITH TIME ZONE,
    declined_at     TIMESTAMP WITH TIME ZONE,
    decline_reason  VARCHAR(500),
    CONSTRAINT document_signer_pk PRIMARY KEY (document_id, subject)
);
CREATE INDEX document_signer_subject_idx ON document_signer (subject);

CREATE TABLE signing_key (
    signer_subject  VARCHAR(128) NOT NULL,
    key_id          VARCHAR(32)  NOT NULL,
    party_role      VARCHAR(16)  NOT NULL,
    agency_code     VARCHAR(64),
    algorithm       VARCHAR(16)  NOT NULL,
    public_key      VARCHAR(1024) NOT NULL,
    registered_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    retired_at      TIMESTAMP WITH TIME ZONE,
    revoked_at      TIMESTAMP WITH TIME ZONE,
    CONSTRAINT signing_key_pk PRIMARY KEY (signer_subject, key_id)
);
