-- Which persistent deadline (db-scheduler task instance) belongs to which aggregate, so that an aggregate cancels its
-- own deadlines by id. Axon's DbSchedulerDeadlineManager cancels "all deadlines of this name within this scope" by
-- reading and deserializing every scheduled execution of the deadline task, in the command's transaction: a cost
-- that grows with every open bill, case and payment of the city (ops/.../axon/IndexedDeadlineManager).
-- One script for PostgreSQL and H2 (PostgreSQL mode).
CREATE TABLE deadline_schedule (
    schedule_id    VARCHAR(100)  NOT NULL PRIMARY KEY,
    deadline_name  VARCHAR(200)  NOT NULL,
    scope_key      VARCHAR(1000) NOT NULL,
    trigger_at     TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX deadline_schedule_scope_idx ON deadline_schedule (deadline_name, scope_key);
CREATE INDEX deadline_schedule_trigger_idx ON deadline_schedule (trigger_at);
