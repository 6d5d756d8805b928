-- Unit economics (issue 10): revenue events posted by a billing system, and the idempotency keys of usage ingested
-- from outside the gateway (its rows go to request_log with route 'ingest.usage'). Money in nano-dollars.
CREATE TABLE IF NOT EXISTS revenue_event (
    idempotency_key varchar(200) NOT NULL PRIMARY KEY,
    customer_id varchar(64),
    team_id varchar(64),
    period_month date NOT NULL,
    amount_nanos bigint NOT NULL,
    description varchar(500),
    received_at timestamp with time zone NOT NULL
);
CREATE INDEX IF NOT EXISTS revenue_event_period ON revenue_event (period_month);
CREATE TABLE IF NOT EXISTS ingest_key (
    idempotency_key varchar(200) NOT NULL PRIMARY KEY,
    request_id varchar(64) NOT NULL,
    received_at timestamp with time zone NOT NULL
);
