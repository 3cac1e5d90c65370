-- Late commits (docs/integrity.md "Late commits"). One script for PostgreSQL and H2 in PostgreSQL mode.

-- Global indexes the Merkle tree gave up as rolled back (missing, and a later event older than the gap
-- timeout). An event stored at one of them afterwards committed too late to be a leaf: the checkpointer looks
-- for such events here only, so its check costs an index range scan per skipped range, not a scan of the log.
CREATE TABLE integrity_skipped_range (
    first_index BIGINT NOT NULL,
    last_index  BIGINT NOT NULL,
    CONSTRAINT integrity_skipped_range_pk PRIMARY KEY (first_index)
);

-- Ranges skipped before this table existed are read off the holes between leaves by the checkpointer's first run
-- (IntegrityLog), not here: this module's migrations also run on test schemas without the command side's tables.

-- Events found stored at a skipped index: never a leaf, so never covered by a checkpoint. Kept for the auditor.
CREATE TABLE integrity_late_event (
    global_index         BIGINT       NOT NULL,
    aggregate_identifier VARCHAR(255) NOT NULL,
    sequence_number      BIGINT       NOT NULL,
    event_identifier     VARCHAR(255) NOT NULL,
    detected_at          VARCHAR(64)  NOT NULL,
    CONSTRAINT integrity_late_event_pk PRIMARY KEY (global_index)
);
