-- The request log: one row per request (see io.tollgate.cluster.log). format 1 = the columns below.
-- Times are stored with microsecond precision; money in nano-dollars. IF NOT EXISTS: H2 commits DDL at once.
CREATE TABLE IF NOT EXISTS request_log (
    request_id varchar(128) NOT NULL PRIMARY KEY,
    logged_at timestamp(6) with time zone NOT NULL,
    format smallint NOT NULL,
    node varchar(256) NOT NULL,
    virtual_key_id varchar(256),
    team_id varchar(256),
    customer_id varchar(256),
    route varchar(64) NOT NULL,
    provider varchar(128),
    model varchar(256),
    key_name varchar(256),
    status integer NOT NULL,
    error_type varchar(128),
    attempts integer NOT NULL,
    fallback_index integer NOT NULL,
    streamed boolean NOT NULL,
    cache_status varchar(16) NOT NULL,
    cache_similarity double precision NOT NULL,
    input_tokens bigint NOT NULL,
    cached_input_tokens bigint NOT NULL,
    cache_write_tokens bigint NOT NULL,
    reasoning_tokens bigint NOT NULL,
    output_tokens bigint NOT NULL,
    cost_nanos bigint NOT NULL,
    saved_nanos bigint NOT NULL,
    latency_micros bigint NOT NULL,
    ttft_micros bigint,
    upstream_micros bigint NOT NULL,
    overhead_micros bigint NOT NULL,
    request_body character large object,
    response_body character large object
);
CREATE INDEX IF NOT EXISTS request_log_time ON request_log (logged_at, request_id);
CREATE INDEX IF NOT EXISTS request_log_virtual_key ON request_log (virtual_key_id, logged_at);
CREATE INDEX IF NOT EXISTS request_log_team ON request_log (team_id, logged_at);
CREATE INDEX IF NOT EXISTS request_log_customer ON request_log (customer_id, logged_at);
CREATE INDEX IF NOT EXISTS request_log_provider_model ON request_log (provider, model, logged_at);
