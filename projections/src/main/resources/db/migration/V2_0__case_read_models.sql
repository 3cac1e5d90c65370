-- Read models of cases, citizens' timelines and reference data, built by the projections module.
-- One script for PostgreSQL and for H2 (run in PostgreSQL mode): only types both understand.
--
-- Every row records last_position: the global position (event store global index) of the last
-- event applied to it. The HTTP API uses it for read-your-own-write (wait until a case row has
-- caught up with the position a command returned). These tables are rebuilt from the events by a
-- replay: nothing here is a source of truth, and no table reads another projection's table.
-- No national ID, name or contact of an applicant is stored here.

-- Read model "case-status": one row per case, as the applicant and the agency see it.
CREATE TABLE case_status (
    case_id                  VARCHAR(64)  NOT NULL,
    case_number              VARCHAR(64),
    -- Salted PBKDF2 hash (CasePasswordHash format); never returned by a query.
    case_password_hash       VARCHAR(255),
    case_type_code           VARCHAR(64)  NOT NULL,
    agency_code              VARCHAR(64)  NOT NULL,
    status                   VARCHAR(32)  NOT NULL,
    -- Citizen account subject of the applicant; empty for counter applications without an account.
    applicant_subject        VARCHAR(128),
    statutory_days           INT          NOT NULL,
    submitted_at             TIMESTAMP WITH TIME ZONE NOT NULL,
    accepted_on              DATE,
    deadline                 DATE,
    -- True while a supplement is awaited: the statutory clock does not run.
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
    -- Recorded time of the last applied event (not the wall clock: a rebuild gives the same rows).
    updated_at               TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT case_status_pk PRIMARY KEY (case_id),
    CONSTRAINT case_status_case_number_uk UNIQUE (case_number)
);
CREATE INDEX case_status_agency_status_idx ON case_status (agency_code, status, deadline);
CREATE INDEX case_status_applicant_idx ON case_status (applicant_subject, submitted_at);

-- The history of steps of a case; step_no is the aggregate sequence number of the event, which
-- makes a re-delivered event recognisable and keeps the steps in the order the case took them.
CREATE TABLE case_step (
    case_id        VARCHAR(64)  NOT NULL,
    step_no        BIGINT       NOT NULL,
    step           VARCHAR(64)  NOT NULL,
    status         VARCHAR(32)  NOT NULL,
    occurred_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    -- Structured facts only (dates, codes, day counts); never free text written about a person.
    detail         VARCHAR(1000),
    actor_role     VARCHAR(32)  NOT NULL,
    position       BIGINT       NOT NULL,
    CONSTRAINT case_step_pk PRIMARY KEY (case_id, step_no)
);

-- Read model "citizen-history": which citizen a case concerns (its own copy, so that a rebuild
-- of this read model never depends on the progress of another), and one timeline per citizen.
CREATE TABLE citizen_case (
    case_id            VARCHAR(64)  NOT NULL,
    citizen_subject    VARCHAR(128) NOT NULL,
    last_position      BIGINT       NOT NULL,
    CONSTRAINT citizen_case_pk PRIMARY KEY (case_id)
);

CREATE TABLE citizen_timeline (
    citizen_subject    VARCHAR(128) NOT NULL,
    position           BIGINT       NOT NULL,
    occurred_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    kind               VARCHAR(64)  NOT NULL,
    case_id            VARCHAR(64),
    summary            VARCHAR(1000) NOT NULL,
    CONSTRAINT citizen_timeline_pk PRIMARY KEY (citizen_subject, position)
);

-- Read model "reference-data": agencies, case types (with their revisions) and the calendar.
CREATE TABLE ref_agency (
    agency_code        VARCHAR(64)  NOT NULL,
    name               VARCHAR(200) NOT NULL,
    registered_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    last_position      BIGINT       NOT NULL,
    updated_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT ref_agency_pk PRIMARY KEY (agency_code)
);

CREATE TABLE ref_case_type (
    case_type_code     VARCHAR(64)  NOT NULL,
    agency_code        VARCHAR(64)  NOT NULL,
    name               VARCHAR(200) NOT NULL,
    -- Document kind codes, comma separated, in the order the case type lists them.
    required_documents VARCHAR(4000) NOT NULL,
    fee_minor          BIGINT       NOT NULL,
    fee_currency       VARCHAR(3)   NOT NULL,
    statutory_days     INT          NOT NULL,
    revision_no        INT          NOT NULL,
    last_position      BIGINT       NOT NULL,
    updated_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT ref_case_type_pk PRIMARY KEY (case_type_code)
);
CREATE INDEX ref_case_type_agency_idx ON ref_case_type (agency_code, case_type_code);

-- Every set of terms a case type has had: revision 1 is the registration.
CREATE TABLE ref_case_type_revision (
    case_type_code     VARCHAR(64)  NOT NULL,
    revision_no        INT          NOT NULL,
    effective_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    name               VARCHAR(200) NOT NULL,
    fee_minor          BIGINT       NOT NULL,
    fee_currency       VARCHAR(3)   NOT NULL,
    statutory_days     INT          NOT NULL,
    reason             VARCHAR(1000),
    position           BIGINT       NOT NULL,
    CONSTRAINT ref_case_type_revision_pk PRIMARY KEY (case_type_code, revision_no)
);

CREATE TABLE ref_calendar_year (
    calendar_year      INT          NOT NULL,
    source             VARCHAR(500),
    last_position      BIGINT       NOT NULL,
    CONSTRAINT ref_calendar_year_pk PRIMARY KEY (calendar_year)
);

-- Days off (holidays) and make-up working days (Saturdays worked), by year.
CREATE TABLE ref_holiday (
    day_on             DATE         NOT NULL,
    calendar_year      INT          NOT NULL,
    kind               VARCHAR(16)  NOT NULL,
    name               VARCHAR(200),
    last_position      BIGINT       NOT NULL,
    CONSTRAINT ref_holiday_pk PRIMARY KEY (day_on)
);
CREATE INDEX ref_holiday_year_idx ON ref_holiday (calendar_year, day_on);
