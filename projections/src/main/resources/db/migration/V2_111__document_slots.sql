-- Slot b (blue/green rebuild, V2_90) of the documents read model (V2_110): the same columns, keys and indexes
-- under the suffix _b. One script for PostgreSQL and H2.

CREATE TABLE document_view_b (
    document_id     VARCHAR(64)  NOT NULL,
    sha256          VARCHAR(64)  NOT NULL,
    size_bytes      BIGINT       NOT NULL,
    kind            VARCHAR(24)  NOT NULL,
    title           VARCHAR(200) NOT NULL,
    agency_code     VARCHAR(64)  NOT NULL,
    expires_on      DATE,
    status          VARCHAR(24)  NOT NULL,
    registered_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    executed_at     TIMESTAMP WITH TIME ZONE,
    revoked_at      TIMESTAMP WITH TIME ZONE,
    revoke_reason   VARCHAR(500),
    last_position   BIGINT       NOT NULL,
    CONSTRAINT document_view_pk_b PRIMARY KEY (document_id)
);
CREATE INDEX document_view_sha256_idx_b ON document_view_b (sha256);
CREATE TABLE document_recipient_b (
    document_id     VARCHAR(64)  NOT NULL,
    subject         VARCHAR(128) NOT NULL,
    party_role      VARCHAR(16)  NOT NULL,
    agency_code     VARCHAR(64),
    delivered_at    TIMESTAMP WITH TIME ZONE,
    CONSTRAINT document_recipient_pk_b PRIMARY KEY (document_id, subject)
);
CREATE INDEX document_recipient_subject_idx_b ON document_recipient_b (subject);
CREATE TABLE document_signer_b (
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
    CONSTRAINT document_signer_pk_b PRIMARY KEY (document_id, subject)
);
CREATE INDEX document_signer_subject_idx_b ON document_signer_b (subject);
CREATE TABLE signing_key_b (
    signer_subject  VARCHAR(128) NOT NULL,
    key_id          VARCHAR(32)  NOT NULL,
    party_role      VARCHAR(16)  NOT NULL,
    agency_code     VARCHAR(64),
    algorithm       VARCHAR(16)  NOT NULL,
    public_key      VARCHAR(1024) NOT NULL,
    registered_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    retired_at      TIMESTAMP WITH TIME ZONE,
    revoked_at      TIMESTAMP WITH TIME ZONE,
    CONSTRAINT signing_key_pk_b PRIMARY KEY (signer_subject, key_id)
);
