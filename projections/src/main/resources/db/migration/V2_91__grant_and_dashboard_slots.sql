-- Slot b (blue/green rebuild, V2_90) of the read models of V2_80 (citizen-grants) and V2_81 (payments-dashboard):
-- the same columns, keys and indexes under the suffix _b. One script for PostgreSQL and H2.

CREATE TABLE citizen_grant_b (
    grant_id          VARCHAR(64)  NOT NULL,
    citizen_subject   VARCHAR(128) NOT NULL,
    agency_code       VARCHAR(64)  NOT NULL,
    program_code      VARCHAR(64)  NOT NULL,
    status            VARCHAR(16)  NOT NULL,
    amount_minor      BIGINT       NOT NULL,
    per_use_cap_minor BIGINT       NOT NULL,
    balance_minor     BIGINT       NOT NULL,
    returned_minor    BIGINT       NOT NULL,
    currency          VARCHAR(3)   NOT NULL,
    uses              INTEGER      NOT NULL,
    awarded_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    ended_at          TIMESTAMP WITH TIME ZONE,
    end_reason        VARCHAR(500),
    last_position     BIGINT       NOT NULL,
    CONSTRAINT citizen_grant_pk_b PRIMARY KEY (grant_id)
);
CREATE INDEX citizen_grant_subject_idx_b ON citizen_grant_b (citizen_subject, awarded_at);
CREATE TABLE citizen_grant_use_b (
    grant_id            VARCHAR(64)  NOT NULL,
    use_id              VARCHAR(64)  NOT NULL,
    amount_minor        BIGINT       NOT NULL,
    balance_after_minor BIGINT       NOT NULL,
    currency            VARCHAR(3)   NOT NULL,
    provider_code       VARCHAR(64)  NOT NULL,
    channel             VARCHAR(64)  NOT NULL,
    purpose             VARCHAR(200) NOT NULL,
    used_at             TIMESTAMP WITH TIME ZONE NOT NULL,
    event_position      BIGINT       NOT NULL,
    CONSTRAINT citizen_grant_use_pk_b PRIMARY KEY (grant_id, use_id)
);

CREATE TABLE pay_dash_payment_b (
    payment_id     VARCHAR(64)  NOT NULL,
    provider_code  VARCHAR(64)  NOT NULL,
    channel        VARCHAR(64)  NOT NULL,
    status         VARCHAR(24)  NOT NULL,
    amount_minor   BIGINT       NOT NULL,
    currency       VARCHAR(3)   NOT NULL,
    initiated_on   DATE         NOT NULL,
    last_position  BIGINT       NOT NULL,
    CONSTRAINT pay_dash_payment_pk_b PRIMARY KEY (payment_id)
);
CREATE INDEX pay_dash_payment_day_idx_b ON pay_dash_payment_b (initiated_on);
CREATE TABLE pay_dash_payment_agency_b (
    payment_id   VARCHAR(64) NOT NULL,
    agency_code  VARCHAR(64) NOT NULL,
    CONSTRAINT pay_dash_payment_agency_pk_b PRIMARY KEY (payment_id, agency_code)
);
CREATE INDEX pay_dash_payment_agency_idx_b ON pay_dash_payment_agency_b (agency_code, payment_id);
CREATE TABLE pay_dash_collection_b (
    payment_id      VARCHAR(64) NOT NULL,
    bill_id         VARCHAR(64) NOT NULL,
    agency_code     VARCHAR(64) NOT NULL,
    fee_class_code  VARCHAR(64) NOT NULL,
    collected_on    DATE        NOT NULL,
    amount_minor    BIGINT      NOT NULL,
    overpaid_minor  BIGINT      NOT NULL,
    currency        VARCHAR(3)  NOT NULL,
    CONSTRAINT pay_dash_collection_pk_b PRIMARY KEY (payment_id, bill_id)
);
CREATE INDEX pay_dash_collection_day_idx_b ON pay_dash_collection_b (collected_on, agency_code);
CREATE TABLE pay_dash_return_b (
    entry_id       VARCHAR(200) NOT NULL,
    agency_code    VARCHAR(64)  NOT NULL,
    kind           VARCHAR(16)  NOT NULL,
    returned_on    DATE         NOT NULL,
    amount_minor   BIGINT       NOT NULL,
    currency       VARCHAR(3)   NOT NULL,
    CONSTRAINT pay_dash_return_pk_b PRIMARY KEY (entry_id, agency_code, currency)
);
CREATE INDEX pay_dash_return_day_idx_b ON pay_dash_return_b (returned_on, agency_code);
CREATE TABLE pay_dash_bill_b (
    bill_id         VARCHAR(64) NOT NULL,
    agency_code     VARCHAR(64) NOT NULL,
    fee_class_code  VARCHAR(64) NOT NULL,
    amount_minor    BIGINT      NOT NULL,
    currency        VARCHAR(3)  NOT NULL,
    due_on          DATE        NOT NULL,
    status          VARCHAR(16) NOT NULL,
    last_position   BIGINT      NOT NULL,
    CONSTRAINT pay_dash_bill_pk_b PRIMARY KEY (bill_id)
);
CREATE INDEX pay_dash_bill_agency_idx_b ON pay_dash_bill_b (agency_code, status);
