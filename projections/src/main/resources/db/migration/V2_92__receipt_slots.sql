-- Slot b (blue/green rebuild, V2_90) of the receipts read model (V2_70): the same columns, keys and indexes under
-- the suffix _b. One script for PostgreSQL and H2.

CREATE TABLE receipt_b (
    receipt_id         VARCHAR(80)  NOT NULL,
    agency_code        VARCHAR(64)  NOT NULL,
    receipt_year       INTEGER      NOT NULL,
    sequence_no        BIGINT       NOT NULL,
    number_text        VARCHAR(90)  NOT NULL,
    status             VARCHAR(16)  NOT NULL,
    fee_class_code     VARCHAR(64)  NOT NULL,
    amount_minor       BIGINT       NOT NULL,
    currency           VARCHAR(3)   NOT NULL,
    payment_reference  VARCHAR(64)  NOT NULL,
    bill_id            VARCHAR(64),
    citizen_subject    VARCHAR(128),
    code_sha256        VARCHAR(64)  NOT NULL,
    issued_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    issued_on          DATE         NOT NULL,
    reissue_of         VARCHAR(80),
    reissued_as        VARCHAR(80),
    voided_at          TIMESTAMP WITH TIME ZONE,
    void_reason        VARCHAR(500),
    issued_position    BIGINT       NOT NULL,
    last_position      BIGINT       NOT NULL,
    CONSTRAINT receipt_pk_b PRIMARY KEY (receipt_id),
    CONSTRAINT receipt_number_uq_b UNIQUE (agency_code, receipt_year, sequence_no)
);
CREATE INDEX receipt_citizen_idx_b ON receipt_b (citizen_subject, issued_at);
CREATE INDEX receipt_number_text_idx_b ON receipt_b (number_text);
CREATE TABLE receipt_history_b (
    receipt_id   VARCHAR(80)   NOT NULL,
    position     BIGINT        NOT NULL,
    kind         VARCHAR(32)   NOT NULL,
    occurred_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    summary      VARCHAR(1000) NOT NULL,
    CONSTRAINT receipt_history_pk_b PRIMARY KEY (receipt_id, position)
);
