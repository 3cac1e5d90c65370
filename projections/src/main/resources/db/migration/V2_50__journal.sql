-- The journal read model: every line of every JournalEntryRecorded, for trial balances by date and agency
-- without loading payment streams. One script for PostgreSQL and H2 (PostgreSQL mode).
CREATE TABLE journal_line (
    entry_id       VARCHAR(200) NOT NULL,
    line_number    INTEGER      NOT NULL,
    payment_id     VARCHAR(128) NOT NULL,
    cause          VARCHAR(64)  NOT NULL,
    -- Business time of the movement (the entry's bookedAt): balances "as of" a date use it.
    booked_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    account        VARCHAR(200) NOT NULL,
    -- Null for city-wide lines that belong to no agency.
    agency_code    VARCHAR(64),
    debit_minor    BIGINT       NOT NULL,
    credit_minor   BIGINT       NOT NULL,
    currency       VARCHAR(3)   NOT NULL,
    event_position BIGINT       NOT NULL,
    CONSTRAINT journal_line_pk PRIMARY KEY (entry_id, line_number)
);
CREATE INDEX journal_line_booked_idx ON journal_line (booked_at);
CREATE INDEX journal_line_agency_idx ON journal_line (agency_code, booked_at);
