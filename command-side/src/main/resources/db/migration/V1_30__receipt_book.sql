-- The command side's receipt book (docs/receipts.md). One script for PostgreSQL and H2 (PostgreSQL mode).
--
-- receipt_counter: the last number handed out per issuing agency and year. It is incremented by an UPDATE in the
-- transaction that appends the receipt's ReceiptIssued event, so the row stays locked until that commit: concurrent
-- issuers of one agency (on any node sharing the database) wait their turn, and a rolled-back append gives its number
-- back. That is what makes the book gapless; a sequence would not (it never gives a number back).
CREATE TABLE receipt_counter (
    agency_code    VARCHAR(64) NOT NULL,
    receipt_year   INTEGER     NOT NULL,
    last_sequence  BIGINT      NOT NULL,
    CONSTRAINT receipt_counter_pk PRIMARY KEY (agency_code, receipt_year)
);

-- receipt_register: every number handed out, written in the same transaction. Its keys make a duplicate number,
-- a second receipt id or a second receipt of one bill impossible even for a writer that bypassed the counter.
-- payer_ref is the payer's subject reference (keyed hash of the national ID, as personal_data_key has it), so a
-- citizen who enrolls later finds their earlier receipts; no national ID or name is stored here.
CREATE TABLE receipt_register (
    receipt_id       VARCHAR(80)  NOT NULL,
    agency_code      VARCHAR(64)  NOT NULL,
    receipt_year     INTEGER      NOT NULL,
    sequence_no      BIGINT       NOT NULL,
    bill_id          VARCHAR(64),
    payer_ref        VARCHAR(64),
    citizen_subject  VARCHAR(128),
    CONSTRAINT receipt_register_pk PRIMARY KEY (receipt_id),
    CONSTRAINT receipt_register_number_uq UNIQUE (agency_code, receipt_year, sequence_no),
    CONSTRAINT receipt_register_bill_uq UNIQUE (bill_id)
);
CREATE INDEX receipt_register_payer_idx ON receipt_register (payer_ref);

-- Which citizen account a subject reference signs in as (CitizenAccountEnrolled), kept with its event.
CREATE TABLE cmd_citizen_account (
    subject_ref      VARCHAR(64)  NOT NULL,
    citizen_subject  VARCHAR(128) NOT NULL,
    CONSTRAINT cmd_citizen_account_pk PRIMARY KEY (subject_ref),
    CONSTRAINT cmd_citizen_account_subject_uq UNIQUE (citizen_subject)
);
