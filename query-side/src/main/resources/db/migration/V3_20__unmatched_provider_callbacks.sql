-- Signed provider callbacks the ledger could not apply: the payment they name is not known, or belongs
-- to another provider. Kept, never dropped, so that an auditor can list them and the city can settle
-- with the provider by hand; the provider is answered 202 and stops retrying. One row per provider
-- event id: a retried callback adds nothing. One script for PostgreSQL and H2 (PostgreSQL mode).
CREATE TABLE unmatched_provider_callback (
    provider_code     VARCHAR(64)   NOT NULL,
    provider_event_id VARCHAR(128)  NOT NULL,
    payment_id        VARCHAR(128)  NOT NULL,
    outcome           VARCHAR(16)   NOT NULL,
    amount_minor      BIGINT,
    currency          VARCHAR(3),
    occurred_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    received_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    reason            VARCHAR(200)  NOT NULL,
    -- SHA-256, in hex, of the signed body as received: what the provider sent can be matched later.
    body_sha256       VARCHAR(64)   NOT NULL,
    CONSTRAINT unmatched_provider_callback_pk PRIMARY KEY (provider_code, provider_event_id)
);
CREATE INDEX unmatched_provider_callback_received_idx ON unmatched_provider_callback (provider_code, received_at);
