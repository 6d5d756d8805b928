-- The request log: one row per request (see io.tollgate.cluster.log). format 1 = the columns below.
-- Times are stored with microsecond precision; money in nano-dollars. Partitioned by month (logged_at): partitions
-- request_log_yYYYYmMM are created ahead by the log itself; rows outside them land in the default partition.
-- The primary key includes the partition column, as PostgreSQL requires.
CREATE TABLE IF NOT EXISTS request_log (
    request_id varchar(128) NOT NULL,
    logged_at timestamp with time zone NOT NULL,
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
    request_body text,
    response_body text,
    PRIMARY KEY (logged_at, request_id)
) PARTITION BY RANGE (logged_at);
CREATE TABLE IF NOT EXISTS request_log_default PARTITION OF request_log DEFAULT;
CREATE INDEX IF NOT EXISTS request_log_virtual_key ON request_log (virtual_key_id, logged_at);
CREATE INDEX IF NOT EXISTS request_log_team ON request_log (team_id, logged_at);
CREATE INDEX IF NOT EXISTS request_log_customer ON request_log (customer_id, logged_at);
CREATE INDEX IF NOT EXISTS request_log_provider_model ON request_log (provider, model, logged_at);
