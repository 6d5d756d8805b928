-- The request log's attempts: one row per upstream call of a logged request (see io.tollgate.cluster.log.AttemptTable).
-- format 1 = the columns below. Partitioned by month on the request's time (logged_at) like request_log: partitions
-- request_log_attempts_yYYYYmMM are created ahead and dropped by the log itself, with those of request_log.
CREATE TABLE IF NOT EXISTS request_log_attempts (
    request_id varchar(128) NOT NULL,
    attempt integer NOT NULL,
    logged_at timestamp(6) with time zone NOT NULL,
    format smallint NOT NULL,
    fallback_index integer NOT NULL,
    started_at timestamp(6) with time zone NOT NULL,
    provider varchar(256) NOT NULL,
    model varchar(256) NOT NULL,
    key_name varchar(256) NOT NULL,
    status integer NOT NULL,
    error_type varchar(256),
    upstream_micros bigint NOT NULL,
    PRIMARY KEY (logged_at, request_id, attempt)
) PARTITION BY RANGE (logged_at);
CREATE TABLE IF NOT EXISTS request_log_attempts_default PARTITION OF request_log_attempts DEFAULT;
CREATE INDEX IF NOT EXISTS request_log_attempts_request ON request_log_attempts (request_id);
CREATE INDEX IF NOT EXISTS request_log_request ON request_log (request_id);
