-- Answers to API writes, kept by (Idempotency-Key, actor subject) so that a retried request gets
-- the first answer instead of doing the work twice. One script for PostgreSQL and for H2 (PostgreSQL mode).
--
-- A row is IN_PROGRESS while its request runs: the primary key makes a concurrent duplicate fail to
-- insert, and it is then told 409. When the request ends its answer is stored (DONE), or the row is
-- deleted when the failure was passing (5xx, a concurrent writer) so that the client may retry.
-- Rows are deleted once they are older than the configured lifetime (24 hours by default).
CREATE TABLE idempotency_key (
    idempotency_key VARCHAR(128)  NOT NULL,
    actor_subject   VARCHAR(128)  NOT NULL,
    -- SHA-256, in hex, of method, path and body: the same key with another request is refused.
    request_hash    VARCHAR(64)   NOT NULL,
    state           VARCHAR(16)   NOT NULL,
    status_code     INTEGER,
    response_body   BYTEA,
    content_type    VARCHAR(255),
    location        VARCHAR(1024),
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    completed_at    TIMESTAMP WITH TIME ZONE,
    CONSTRAINT idempotency_key_pk PRIMARY KEY (idempotency_key, actor_subject),
    CONSTRAINT idempotency_key_state_ck CHECK (state IN ('IN_PROGRESS', 'DONE'))
);
CREATE INDEX idempotency_key_created_idx ON idempotency_key (created_at);
