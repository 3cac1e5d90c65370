-- What the command side knows of fee classes and payment providers, kept in the transaction that stores
-- their events (PaymentCatalogUpdater). One script for PostgreSQL and H2 (PostgreSQL mode).
-- A provider's callback secret is never here: callback_secret_ref only names it in the secret store.
CREATE TABLE cmd_fee_class (
    fee_class_code       VARCHAR(64)  NOT NULL PRIMARY KEY,
    name                 VARCHAR(200) NOT NULL,
    kind                 VARCHAR(20)  NOT NULL,
    agency_code          VARCHAR(64)  NOT NULL,
    default_amount_minor BIGINT,
    default_currency     VARCHAR(3),
    revenue_account      VARCHAR(200) NOT NULL
);
CREATE TABLE cmd_payment_provider (
    provider_code       VARCHAR(64)   NOT NULL PRIMARY KEY,
    name                VARCHAR(200)  NOT NULL,
    kind                VARCHAR(20)   NOT NULL,
    channels            VARCHAR(2000) NOT NULL,
    callback_secret_ref VARCHAR(128)  NOT NULL
);
