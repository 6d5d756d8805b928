-- The request log's attempts: one row per upstream call of a logged request (see io.tollgate.cluster.log.AttemptTable).
-- format 1 = the columns below. logged_at is the request's time, so attempts expire with their request.
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
    PRIMARY KEY (request_id, attempt)
);
CREATE INDEX IF NOT EXISTS request_log_attempts_time ON request_log_attempts (logged_at);
CREATE INDEX IF NOT EXISTS request_log_request ON request_log (request_id);
