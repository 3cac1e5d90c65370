-- Read model "citizen-payments": a citizen's bills and payments, refunds and chargebacks included.
-- One script for PostgreSQL and for H2 (PostgreSQL mode). Rebuilt from the events by a replay.
-- No national ID or name of a payer is stored: rows name the payer by citizen account subject only
-- (empty when the agency billed someone without an account, whose bills then appear in no history).
-- last_position is the global position of the last event applied to the row: amounts that add up
-- (refunded, charged back, overpaid) are added only by an event past it, so a redelivery adds nothing.

CREATE TABLE citizen_bill (
    bill_id          VARCHAR(64)  NOT NULL,
    citizen_subject  VARCHAR(128),
    agency_code      VARCHAR(64)  NOT NULL,
    fee_class_code   VARCHAR(64)  NOT NULL,
    reference_kind   VARCHAR(16)  NOT NULL,
    reference_id     VARCHAR(64)  NOT NULL,
    amount_minor     BIGINT       NOT NULL,
    currency         VARCHAR(3)   NOT NULL,
    due_on           DATE         NOT NULL,
    status           VARCHAR(16)  NOT NULL,
    issued_on        DATE         NOT NULL,
    paid_by          VARCHAR(64),
    paid_on          DATE,
    last_position    BIGINT       NOT NULL,
    updated_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT citizen_bill_pk PRIMARY KEY (bill_id)
);
CREATE INDEX citizen_bill_subject_idx ON citizen_bill (citizen_subject, issued_on);

CREATE TABLE citizen_payment (
    payment_id          VARCHAR(64)  NOT NULL,
    citizen_subject     VARCHAR(128),
    provider_code       VARCHAR(64)  NOT NULL,
    channel             VARCHAR(64)  NOT NULL,
    status              VARCHAR(24)  NOT NULL,
    amount_minor        BIGINT       NOT NULL,
    currency            VARCHAR(3)   NOT NULL,
    -- What the provider took: the amount on success, the reported amount on a mismatch, else 0.
    received_minor      BIGINT       NOT NULL,
    refunded_minor      BIGINT       NOT NULL,
    charged_back_minor  BIGINT       NOT NULL,
    overpaid_minor      BIGINT       NOT NULL,
    initiated_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    finished_at         TIMESTAMP WITH TIME ZONE,
    last_position       BIGINT       NOT NULL,
    updated_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT citizen_payment_pk PRIMARY KEY (payment_id)
);
CREATE INDEX citizen_payment_subject_idx ON citizen_payment (citizen_subject, initiated_at);

-- Which bills a payment was for (pay-all pays several).
CREATE TABLE citizen_payment_bill (
    payment_id  VARCHAR(64) NOT NULL,
    bill_id     VARCHAR(64) NOT NULL,
    CONSTRAINT citizen_payment_bill_pk PRIMARY KEY (payment_id, bill_id)
);
