-- Documents' bytes, by the SHA-256 the ledger records in DocumentRegistered (lower-case hex).
-- Written in the transaction of the registering command, so a refused registration leaves nothing here.
-- BYTEA, never a large object (see docs/architecture.md); the upload limit keeps rows at most a few MiB.
CREATE TABLE document_content (
    sha256      VARCHAR(64) NOT NULL,
    size_bytes  BIGINT      NOT NULL,
    content     BYTEA       NOT NULL,
    stored_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT document_content_pk PRIMARY KEY (sha256)
);
