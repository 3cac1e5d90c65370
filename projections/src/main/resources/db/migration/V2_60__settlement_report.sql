-- The settlement-report read model: each imported settlement file of a provider, and one row per transaction
-- reconciled (the file's lines, and the ledger's transactions the file missed), with its discrepancy and
-- resolution. One script for PostgreSQL and H2 (PostgreSQL mode).
CREATE TABLE settlement_file (
    settlement_id       VARCHAR(64)  NOT NULL PRIMARY KEY,
    provider_code       VARCHAR(64)  NOT NULL,
    settlement_date     DATE         NOT NULL,
    file_sha256         VARCHAR(64)  NOT NULL,
    line_count          INTEGER      NOT NULL,
    settled_total_minor BIGINT       NOT NULL,
    fee_total_minor     BIGINT       NOT NULL,
    currency            VARCHAR(3)   NOT NULL,
    imported_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    event_position      BIGINT       NOT NULL
);
CREATE INDEX settlement_file_day_idx ON settlement_file (provider_code, settlement_date);
CREATE TABLE settlement_item (
    settlement_id           VARCHAR(64)  NOT NULL,
    -- "L<line number>" for a line of the file, the discrepancy id for a transaction missing in it.
    item_key                VARCHAR(32)  NOT NULL,
    provider_code           VARCHAR(64)  NOT NULL,
    settlement_date         DATE         NOT NULL,
    line_number             INTEGER,
    outcome                 VARCHAR(32)  NOT NULL,
    type                    VARCHAR(16)  NOT NULL,
    provider_transaction_id VARCHAR(128),
    payment_id              VARCHAR(128) NOT NULL,
    ledger_reference        VARCHAR(128) NOT NULL,
    settled_minor           BIGINT,
    ledger_minor            BIGINT,
    fee_minor               BIGINT,
    currency                VARCHAR(3)   NOT NULL,
    discrepancy_id          VARCHAR(16),
    resolution              VARCHAR(32),
    resolution_reason       VARCHAR(500),
    resolved_at             TIMESTAMP WITH TIME ZONE,
    CONSTRAINT settlement_item_pk PRIMARY KEY (settlement_id, item_key)
);
CREATE INDEX settlement_item_day_idx ON settlement_item (provider_code, settlement_date);
