-- Late commits (docs/integrity.md "Late commits"). One script for PostgreSQL and H2 in PostgreSQL mode.

-- Global indexes the Merkle tree gave up as rolled back (missing, and a later event older than the gap
-- timeout). An event stored at one of them afterwards committed too late to be a leaf: the checkpointer looks
-- for such events here only, so its check costs an index range scan per skipped range, not a scan of the log.
CREATE TABLE integrity_skipped_range (
    first_index BIGINT NOT NULL,
    last_index  BIGINT NOT NULL,
    CONSTRAINT integrity_skipped_range_pk PRIMARY KEY (first_index)
);

-- Ranges the tree skipped before this table existed, read off the holes between leaves.
INSERT INTO integrity_skipped_range (first_index, last_index)
SELECT previous_index + 1, global_index - 1
FROM (SELECT global_index, LAG(global_index, 1, 0) OVER (ORDER BY global_index) AS previous_index FROM merkle_leaf) holes
WHERE global_index > previous_index + 1;

-- Events found stored at a skipped index: never a leaf, so never covered by a checkpoint. Kept for the auditor.
CREATE TABLE integrity_late_event (
    global_index         BIGINT       NOT NULL,
    aggregate_identifier VARCHAR(255) NOT NULL,
    sequence_number      BIGINT       NOT NULL,
    event_identifier     VARCHAR(255) NOT NULL,
    detected_at          VARCHAR(64)  NOT NULL,
    CONSTRAINT integrity_late_event_pk PRIMARY KEY (global_index)
);
