-- Read model "citizen-grants": grants (benefit wallets) and their uses, for the grant's page and the
-- beneficiary's history. One script for PostgreSQL and H2 (PostgreSQL mode); rebuilt from the events.
-- No national ID or name of a beneficiary is stored: rows name the beneficiary by citizen account subject.
-- last_position is the global position of the last event applied to the grant: an event at or before it
-- is a redelivery and changes nothing (a use counted twice would lower the balance twice).
CREATE TABLE citizen_grant (
    grant_id          VARCHAR(64)  NOT NULL,
    citizen_subject   VARCHAR(128) NOT NULL,
    agency_code       VARCHAR(64)  NOT NULL,
    program_code      VARCHAR(64)  NOT NULL,
    status            VARCHAR(16)  NOT NULL,
    amount_minor      BIGINT       NOT NULL,
    per_use_cap_minor BIGINT       NOT NULL,
    balance_minor     BIGINT       NOT NULL,
    -- Returned to the agency when the grant expired or was revoked (0 while active).
    returned_minor    BIGINT       NOT NULL,
    currency          VARCHAR(3)   NOT NULL,
    uses              INTEGER      NOT NULL,
    awarded_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    ended_at          TIMESTAMP WITH TIME ZONE,
    end_reason        VARCHAR(500),
    last_position     BIGINT       NOT NULL,
    CONSTRAINT citizen_grant_pk PRIMARY KEY (grant_id)
);
CREATE INDEX citizen_grant_subject_idx ON citizen_grant (citizen_subject, awarded_at);

CREATE TABLE citizen_grant_use (
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
    CONSTRAINT citizen_grant_use_pk PRIMARY KEY (grant_id, use_id)
);
