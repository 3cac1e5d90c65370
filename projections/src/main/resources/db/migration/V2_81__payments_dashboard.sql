-- Read model "payments-dashboard": an agency's (and the city's) payment figures: revenue by fee class per
-- day, payments by provider and channel with their outcomes, refunds and chargebacks per day, outstanding
-- and overdue bills. One script for PostgreSQL and H2 (PostgreSQL mode); rebuilt from the events.
-- Days are calendar days in the city's zone (ledger.zone), computed when the event is applied.
-- No personal data: no payer, no citizen account.

-- One row per payment: its provider, channel and latest status, on the day it was initiated.
CREATE TABLE pay_dash_payment (
    payment_id     VARCHAR(64)  NOT NULL,
    provider_code  VARCHAR(64)  NOT NULL,
    channel        VARCHAR(64)  NOT NULL,
    status         VARCHAR(24)  NOT NULL,
    amount_minor   BIGINT       NOT NULL,
    currency       VARCHAR(3)   NOT NULL,
    initiated_on   DATE         NOT NULL,
    last_position  BIGINT       NOT NULL,
    CONSTRAINT pay_dash_payment_pk PRIMARY KEY (payment_id)
);
CREATE INDEX pay_dash_payment_day_idx ON pay_dash_payment (initiated_on);

-- The agencies whose bills a payment was for (a pay-all may span several): the agency filter.
CREATE TABLE pay_dash_payment_agency (
    payment_id   VARCHAR(64) NOT NULL,
    agency_code  VARCHAR(64) NOT NULL,
    CONSTRAINT pay_dash_payment_agency_pk PRIMARY KEY (payment_id, agency_code)
);
CREATE INDEX pay_dash_payment_agency_idx ON pay_dash_payment_agency (agency_code, payment_id);

-- Money collected per bill of a succeeded payment, on the day it succeeded; overpaid_minor is the part
-- that paid no bill (the bill was paid by another payment, cancelled or amended) and is owed back.
CREATE TABLE pay_dash_collection (
    payment_id      VARCHAR(64) NOT NULL,
    bill_id         VARCHAR(64) NOT NULL,
    agency_code     VARCHAR(64) NOT NULL,
    fee_class_code  VARCHAR(64) NOT NULL,
    collected_on    DATE        NOT NULL,
    amount_minor    BIGINT      NOT NULL,
    overpaid_minor  BIGINT      NOT NULL,
    currency        VARCHAR(3)  NOT NULL,
    CONSTRAINT pay_dash_collection_pk PRIMARY KEY (payment_id, bill_id)
);
CREATE INDEX pay_dash_collection_day_idx ON pay_dash_collection (collected_on, agency_code);

-- Money gone back, from the journal entries of refunds and chargebacks: one row per agency of an entry.
CREATE TABLE pay_dash_return (
    entry_id       VARCHAR(200) NOT NULL,
    agency_code    VARCHAR(64)  NOT NULL,
    kind           VARCHAR(16)  NOT NULL,
    returned_on    DATE         NOT NULL,
    amount_minor   BIGINT       NOT NULL,
    currency       VARCHAR(3)   NOT NULL,
    CONSTRAINT pay_dash_return_pk PRIMARY KEY (entry_id, agency_code, currency)
);
CREATE INDEX pay_dash_return_day_idx ON pay_dash_return (returned_on, agency_code);

-- Every bill with its latest status and due date: outstanding (open or overdue) and overdue bills.
CREATE TABLE pay_dash_bill (
    bill_id         VARCHAR(64) NOT NULL,
    agency_code     VARCHAR(64) NOT NULL,
    fee_class_code  VARCHAR(64) NOT NULL,
    amount_minor    BIGINT      NOT NULL,
    currency        VARCHAR(3)  NOT NULL,
    due_on          DATE        NOT NULL,
    status          VARCHAR(16) NOT NULL,
    last_position   BIGINT      NOT NULL,
    CONSTRAINT pay_dash_bill_pk PRIMARY KEY (bill_id)
);
CREATE INDEX pay_dash_bill_agency_idx ON pay_dash_bill (agency_code, status);
