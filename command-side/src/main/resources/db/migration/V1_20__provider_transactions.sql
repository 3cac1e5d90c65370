-- What the command side knows of the money that went through each provider, for reconciling the providers'
-- settlement files: kept in the transaction that stores the payment's events (ProviderTransactionUpdater).
-- One script for PostgreSQL and H2 (PostgreSQL mode).
CREATE TABLE cmd_provider_transaction (
    -- PAYMENT (reference = the payment id) or REFUND (reference = the refund id).
    kind          VARCHAR(16)   NOT NULL,
    payment_id    VARCHAR(128)  NOT NULL,
    reference     VARCHAR(128)  NOT NULL,
    provider_code VARCHAR(64)   NOT NULL,
    -- INITIATED until the provider reports the money taken, then SUCCEEDED (refunds are SUCCEEDED at once).
    status        VARCHAR(16)   NOT NULL,
    amount_minor  BIGINT        NOT NULL,
    currency      VARCHAR(3)    NOT NULL,
    -- When the money moved (business time) and that moment's day in the city's zone: the settlement day.
    occurred_at   TIMESTAMP WITH TIME ZONE,
    business_date DATE,
    -- Per agency, what the transaction moved ("TCG-A01=500;TCG-B20=100"), from its journal entry.
    shares        VARCHAR(4000),
    CONSTRAINT cmd_provider_transaction_pk PRIMARY KEY (kind, payment_id, reference)
);
CREATE INDEX cmd_provider_transaction_day_idx ON cmd_provider_transaction (provider_code, business_date);
