-- Tamper evidence (docs/integrity.md). One script for PostgreSQL and H2 in PostgreSQL mode.

-- Each aggregate's hash chain: one row per event, written in the transaction that stores the event.
-- event_hash = SHA-256 of the event's canonical bytes (which end with previous_hash).
CREATE TABLE event_chain (
    global_index         BIGINT       NOT NULL,
    aggregate_identifier VARCHAR(255) NOT NULL,
    sequence_number      BIGINT       NOT NULL,
    event_hash           BYTEA        NOT NULL,
    previous_hash        BYTEA        NOT NULL,
    CONSTRAINT event_chain_pk PRIMARY KEY (global_index),
    CONSTRAINT event_chain_aggregate_sequence_uk UNIQUE (aggregate_identifier, sequence_number)
);

-- The Merkle tree's leaves: leaf n is the n-th event in global order over the gap-free prefix
-- (rolled-back global indexes are skipped, so leaf_index is dense and global_index is not).
CREATE TABLE merkle_leaf (
    leaf_index   BIGINT NOT NULL,
    global_index BIGINT NOT NULL,
    leaf_hash    BYTEA  NOT NULL,
    CONSTRAINT merkle_leaf_pk PRIMARY KEY (leaf_index),
    CONSTRAINT merkle_leaf_global_uk UNIQUE (global_index)
);

-- Signed checkpoints (C2SP tlog-checkpoint notes), one per published tree size.
CREATE TABLE checkpoint (
    tree_size BIGINT        NOT NULL,
    root_hash BYTEA         NOT NULL,
    note_text VARCHAR(4000) NOT NULL,
    signed_at VARCHAR(64)   NOT NULL,
    CONSTRAINT checkpoint_pk PRIMARY KEY (tree_size)
);

-- One row; the checkpointer locks it (SELECT ... FOR UPDATE) so that one node at a time extends the tree.
CREATE TABLE integrity_lock (
    lock_name VARCHAR(64) NOT NULL,
    CONSTRAINT integrity_lock_pk PRIMARY KEY (lock_name)
);
INSERT INTO integrity_lock (lock_name) VALUES ('checkpointer');
