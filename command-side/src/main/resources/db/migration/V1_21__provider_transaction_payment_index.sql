-- Reconciliation looks a settlement file's transactions up by payment id, hundreds at a time (IN lists): without
-- this index a database scans the provider's rows for every chunk, which makes a big file quadratic.
CREATE INDEX cmd_provider_transaction_payment_idx ON cmd_provider_transaction (payment_id);
