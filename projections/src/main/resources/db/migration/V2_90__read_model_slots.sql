-- Blue/green rebuild of read models (docs/architecture.md, "Replay and rebuild"). One script for PostgreSQL and H2.
--
-- Each read model has two table sets ("slots"): slot a is the tables of V2_0..V2_50 under their own names, slot b
-- the copies below, named with the suffix _b (same columns, keys and indexes). Readers read the active slot; a
-- blue/green rebuild fills the other one with a second processor ("<group>.b" for slot b), then switches.
-- A read model added later adds its own _b copies in its own migration (ReadModelSlotsTest checks that every table
-- of ProjectionsModule.TABLES has one with the same columns and primary key).

-- One row per read model (processing group); no row means slot a is active and nothing is building.
CREATE TABLE projection_slot (
    projection        VARCHAR(64) NOT NULL,
    -- 'a' or 'b': the slot readers read.
    active_slot       VARCHAR(1)  NOT NULL,
    -- The slot a blue/green rebuild is filling, or NULL.
    building_slot     VARCHAR(1),
    -- Head of the event store (highest global index) when the build began: the switch waits at least for it.
    build_head        BIGINT,
    build_started_at  TIMESTAMP WITH TIME ZONE,
    switched_at       TIMESTAMP WITH TIME ZONE,
    -- The slot readers read before the last switch; emptied once no node can still be reading it, then NULL.
    retired_slot      VARCHAR(1),
    CONSTRAINT projection_slot_pk PRIMARY KEY (projection),
    CONSTRAINT projection_slot_active_ck CHECK (active_slot IN ('a', 'b')),
    CONSTRAINT projection_slot_building_ck CHECK (building_slot IS NULL OR (building_slot IN ('a', 'b') AND building_slot <> active_slot))
);

-- Slot b of every read model of V2_0..V2_50.
CREATE TABLE case_status_b (
    case_id                  VARCHAR(64)  NOT NULL,
    case_number              VARCHAR(64),
    case_password_hash       VARCHAR(255),
    case_type_code           VARCHAR(64)  NOT NULL,
    agency_code              VARCHAR(64)  NOT NULL,
    status                   VARCHAR(32)  NOT NULL,
    applicant_subject        VARCHAR(128),
    statutory_days           INT          NOT NULL,
    submitted_at             TIMESTAMP WITH TIME ZONE NOT NULL,
    accepted_on              DATE,
    deadline                 DATE,
    paused                   BOOLEAN      NOT NULL,
    extended                 BOOLEAN      NOT NULL,
    overdue                  BOOLEAN      NOT NULL,
    decided_on               DATE,
    decision                 VARCHAR(32),
    working_days_taken       INT,
    decided_within_deadline  BOOLEAN,
    appeal_window_ends_on    DATE,
    withdrawn_on             DATE,
    closed_on                DATE,
    last_position            BIGINT       NOT NULL,
    updated_at               TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT case_status_pk_b PRIMARY KEY (case_id),
    CONSTRAINT case_status_case_number_uk_b UNIQUE (case_number)
);

CREATE INDEX case_status_agency_status_idx_b ON case_status_b (agency_code, status, deadline);

CREATE INDEX case_status_applicant_idx_b ON case_status_b (applicant_subject, submitted_at);

CREATE TABLE case_step_b (
    case_id        VARCHAR(64)  NOT NULL,
    step_no        BIGINT       NOT NULL,
    step           VARCHAR(64)  NOT NULL,
    status         VARCHAR(32)  NOT NULL,
    occurred_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    detail         VARCHAR(1000),
    actor_role     VARCHAR(32)  NOT NULL,
    position       BIGINT       NOT NULL,
    CONSTRAINT case_step_pk_b PRIMARY KEY (case_id, step_no)
);

CREATE TABLE citizen_case_b (
    case_id            VARCHAR(64)  NOT NULL,
    citizen_subject    VARCHAR(128) NOT NULL,
    last_position      BIGINT       NOT NULL,
    CONSTRAINT citizen_case_pk_b PRIMARY KEY (case_id)
);

CREATE TABLE citizen_timeline_b (
    citizen_subject    VARCHAR(128) NOT NULL,
    position           BIGINT       NOT NULL,
    occurred_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    kind               VARCHAR(64)  NOT NULL,
    case_id            VARCHAR(64),
    summary            VARCHAR(1000) NOT NULL,
    CONSTRAINT citizen_timeline_pk_b PRIMARY KEY (citizen_subject, position)
);

CREATE TABLE ref_agency_b (
    agency_code        VARCHAR(64)  NOT NULL,
    name               VARCHAR(200) NOT NULL,
    registered_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    last_position      BIGINT       NOT NULL,
    updated_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT ref_agency_pk_b PRIMARY KEY (agency_code)
);

CREATE TABLE ref_case_type_b (
    case_type_code     VARCHAR(64)  NOT NULL,
    agency_code        VARCHAR(64)  NOT NULL,
    name               VARCHAR(200) NOT NULL,
    required_documents VARCHAR(4000) NOT NULL,
    fee_minor          BIGINT       NOT NULL,
    fee_currency       VARCHAR(3)   NOT NULL,
    statutory_days     INT          NOT NULL,
    revision_no        INT          NOT NULL,
    last_position      BIGINT       NOT NULL,
    updated_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT ref_case_type_pk_b PRIMARY KEY (case_type_code)
);

CREATE INDEX ref_case_type_agency_idx_b ON ref_case_type_b (agency_code, case_type_code);

CREATE TABLE ref_case_type_revision_b (
    case_type_code     VARCHAR(64)  NOT NULL,
    revision_no        INT          NOT NULL,
    effective_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    name               VARCHAR(200) NOT NULL,
    fee_minor          BIGINT       NOT NULL,
    fee_currency       VARCHAR(3)   NOT NULL,
    statutory_days     INT          NOT NULL,
    reason             VARCHAR(1000),
    position           BIGINT       NOT NULL,
    CONSTRAINT ref_case_type_revision_pk_b PRIMARY KEY (case_type_code, revision_no)
);

CREATE TABLE ref_calendar_year_b (
    calendar_year      INT          NOT NULL,
    source             VARCHAR(500),
    last_position      BIGINT       NOT NULL,
    CONSTRAINT ref_calendar_year_pk_b PRIMARY KEY (calendar_year)
);

CREATE TABLE ref_holiday_b (
    day_on             DATE         NOT NULL,
    calendar_year      INT          NOT NULL,
    kind               VARCHAR(16)  NOT NULL,
    name               VARCHAR(200),
    last_position      BIGINT       NOT NULL,
    CONSTRAINT ref_holiday_pk_b PRIMARY KEY (day_on)
);

CREATE INDEX ref_holiday_year_idx_b ON ref_holiday_b (calendar_year, day_on);

CREATE TABLE audit_event_b (
    global_index          BIGINT       NOT NULL,
    event_identifier      VARCHAR(64)  NOT NULL,
    aggregate_type        VARCHAR(128),
    aggregate_identifier  VARCHAR(128),
    sequence_number       BIGINT,
    payload_type          VARCHAR(128) NOT NULL,
    recorded_at           TIMESTAMP WITH TIME ZONE NOT NULL,
    actor_subject         VARCHAR(128),
    actor_role            VARCHAR(32),
    actor_agency          VARCHAR(64),
    channel               VARCHAR(32),
    command_id            VARCHAR(128),
    correlation_id        VARCHAR(128),
    causation_id          VARCHAR(128),
    CONSTRAINT pk_audit_event_b PRIMARY KEY (global_index)
);

CREATE INDEX ix_audit_event_aggregate_b ON audit_event_b (aggregate_identifier, global_index);

CREATE INDEX ix_audit_event_actor_b ON audit_event_b (actor_subject, global_index);

CREATE INDEX ix_audit_event_agency_b ON audit_event_b (actor_agency, global_index);

CREATE INDEX ix_audit_event_recorded_b ON audit_event_b (recorded_at, global_index);

CREATE INDEX ix_audit_event_correlation_b ON audit_event_b (correlation_id, global_index);

CREATE INDEX ix_audit_event_identifier_b ON audit_event_b (event_identifier);

CREATE TABLE citizen_bill_b (
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
    CONSTRAINT citizen_bill_pk_b PRIMARY KEY (bill_id)
);

CREATE INDEX citizen_bill_subject_idx_b ON citizen_bill_b (citizen_subject, issued_on);

CREATE TABLE citizen_payment_b (
    payment_id          VARCHAR(64)  NOT NULL,
    citizen_subject     VARCHAR(128),
    provider_code       VARCHAR(64)  NOT NULL,
    channel             VARCHAR(64)  NOT NULL,
    status              VARCHAR(24)  NOT NULL,
    amount_minor        BIGINT       NOT NULL,
    currency            VARCHAR(3)   NOT NULL,
    received_minor      BIGINT       NOT NULL,
    refunded_minor      BIGINT       NOT NULL,
    charged_back_minor  BIGINT       NOT NULL,
    overpaid_minor      BIGINT       NOT NULL,
    initiated_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    finished_at         TIMESTAMP WITH TIME ZONE,
    last_position       BIGINT       NOT NULL,
    updated_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT citizen_payment_pk_b PRIMARY KEY (payment_id)
);

CREATE INDEX citizen_payment_subject_idx_b ON citizen_payment_b (citizen_subject, initiated_at);

CREATE TABLE citizen_payment_bill_b (
    payment_id  VARCHAR(64) NOT NULL,
    bill_id     VARCHAR(64) NOT NULL,
    CONSTRAINT citizen_payment_bill_pk_b PRIMARY KEY (payment_id, bill_id)
);

CREATE TABLE journal_line_b (
    entry_id       VARCHAR(200) NOT NULL,
    line_number    INTEGER      NOT NULL,
    payment_id     VARCHAR(128) NOT NULL,
    cause          VARCHAR(64)  NOT NULL,
    booked_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    account        VARCHAR(200) NOT NULL,
    agency_code    VARCHAR(64),
    debit_minor    BIGINT       NOT NULL,
    credit_minor   BIGINT       NOT NULL,
    currency       VARCHAR(3)   NOT NULL,
    event_position BIGINT       NOT NULL,
    CONSTRAINT journal_line_pk_b PRIMARY KEY (entry_id, line_number)
);

CREATE INDEX journal_line_booked_idx_b ON journal_line_b (booked_at);

CREATE INDEX journal_line_agency_idx_b ON journal_line_b (agency_code, booked_at);
