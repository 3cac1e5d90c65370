-- Axon's JDBC dead-letter queue stores a failure's message whole (its JPA queue truncates it to 1023
-- characters, the width its table factory gives the column). A database error quoting its statement
-- is longer than that, and then the event could not even be dead-lettered: the processor stopped on
-- it. Wide enough for any exception message the ledger produces.
ALTER TABLE deadletterentry ALTER COLUMN causemessage SET DATA TYPE VARCHAR(100000);
