-- Read model "audit-trail": one row per event of the ledger, with the event envelope (who, in which role
-- and agency, through which channel, in answer to which command, in which conversation, caused by which
-- message). No payload content is stored: payloads may hold personal data (sealed in the event store).
-- actor_subject of a citizen is the pseudonymous account subject, never a national ID or a name.
CREATE TABLE audit_event (
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
    CONSTRAINT pk_audit_event PRIMARY KEY (global_index)
);
CREATE INDEX ix_audit_event_aggregate ON audit_event (aggregate_identifier, global_index);
CREATE INDEX ix_audit_event_actor ON audit_event (actor_subject, global_index);
CREATE INDEX ix_audit_event_agency ON audit_event (actor_agency, global_index);
CREATE INDEX ix_audit_event_recorded ON audit_event (recorded_at, global_index);
CREATE INDEX ix_audit_event_correlation ON audit_event (correlation_id, global_index);
CREATE INDEX ix_audit_event_identifier ON audit_event (event_identifier);
