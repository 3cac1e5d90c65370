-- Read model "receipts": every receipt with its status, its corrections and attributions (docs/receipts.md).
-- One script for PostgreSQL and for H2 (PostgreSQL mode). Rebuilt from the events by a replay.
-- No national ID or name of a payer is stored; the verification code only as its SHA-256 (hex), which is all the
-- public check needs. issued_position is the global index of the ReceiptIssued event (for its inclusion proof).
CREATE TABLE receipt (
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
    CONSTRAINT receipt_pk PRIMARY KEY (receipt_id),
    CONSTRAINT receipt_number_uq UNIQUE (agency_code, receipt_year, sequence_no)
);
CREATE INDEX receipt_citizen_idx ON receipt (citizen_subject, issued_at);
CREATE INDEX receipt_number_text_idx ON receipt (number_text);

-- What happened to each receipt, in order: issued, voided, attributed (a citizen's receipt history).
CREATE TABLE receipt_history (
    receipt_id   VARCHAR(80)   NOT NULL,
    position     BIGINT        NOT NULL,
    kind         VARCHAR(32)   NOT NULL,
    occurred_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    summary      VARCHAR(1000) NOT NULL,
    CONSTRAINT receipt_history_pk PRIMARY KEY (receipt_id, position)
);
