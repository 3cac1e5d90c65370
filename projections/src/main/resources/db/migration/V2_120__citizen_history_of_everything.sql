-- Read model "citizen-history" (V2_0) grows from cases to everything that concerns a citizen: bills,
-- payments, refunds and chargebacks, grants, receipts and documents. One script for PostgreSQL and H2
-- (PostgreSQL mode), for both slots of the blue/green rebuild (V2_90).
--
-- A timeline entry now says what it is about: category (case, bill, payment, grant, receipt, document)
-- and item_id (the case, bill, payment, grant, receipt or document id); case_id stays the case an entry
-- belongs to (a case's events, and the fee bill of a case).
--
-- Entries written before this script are case entries. Entries of the new kinds exist only for events
-- handled after it: `ledger rebuild citizen-history` (or --blue-green) writes them for the older events.

ALTER TABLE citizen_timeline ADD COLUMN category VARCHAR(16) DEFAULT 'case' NOT NULL;
ALTER TABLE citizen_timeline ADD COLUMN item_id VARCHAR(80);
UPDATE citizen_timeline SET item_id = case_id;
ALTER TABLE citizen_timeline_b ADD COLUMN category VARCHAR(16) DEFAULT 'case' NOT NULL;
ALTER TABLE citizen_timeline_b ADD COLUMN item_id VARCHAR(80);
UPDATE citizen_timeline_b SET item_id = case_id;

-- Which citizen accounts a bill, payment, grant, receipt or document concerns (a document may concern
-- several: its citizen recipients and signers). This read model's own copy, as citizen_case is for cases.
CREATE TABLE citizen_party (
    item_id          VARCHAR(80)  NOT NULL,
    citizen_subject  VARCHAR(128) NOT NULL,
    CONSTRAINT citizen_party_pk PRIMARY KEY (item_id, citizen_subject)
);
CREATE TABLE citizen_party_b (
    item_id          VARCHAR(80)  NOT NULL,
    citizen_subject  VARCHAR(128) NOT NULL,
    CONSTRAINT citizen_party_pk_b PRIMARY KEY (item_id, citizen_subject)
);

-- Entries of a receipt issued to someone without a citizen account: they wait here, and move into the
-- citizen's timeline, at their own positions, when the receipt is attributed to the account enrolled later.
CREATE TABLE citizen_pending_entry (
    item_id      VARCHAR(80)   NOT NULL,
    position     BIGINT        NOT NULL,
    occurred_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    kind         VARCHAR(64)   NOT NULL,
    category     VARCHAR(16)   NOT NULL,
    summary      VARCHAR(1000) NOT NULL,
    CONSTRAINT citizen_pending_entry_pk PRIMARY KEY (item_id, position)
);
CREATE TABLE citizen_pending_entry_b (
    item_id      VARCHAR(80)   NOT NULL,
    position     BIGINT        NOT NULL,
    occurred_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    kind         VARCHAR(64)   NOT NULL,
    category     VARCHAR(16)   NOT NULL,
    summary      VARCHAR(1000) NOT NULL,
    CONSTRAINT citizen_pending_entry_pk_b PRIMARY KEY (item_id, position)
);
