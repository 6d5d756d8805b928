-- Log shipping (issue 13, see io.tollgate.cluster.log.JdbcLogExport). stored_at: when the row was stored, by the
-- database's clock (CURRENT_TIMESTAMP is the inserting transaction's start); rows are exported in
-- (stored_at, request_id, logged_at) order, so a row stored late with an early logged_at (a slow request, a
-- backlog, ingested usage) still comes after the cursor. Rows stored before this migration all take its time.
-- A default that is not volatile: PostgreSQL adds the column without rewriting the table. Same text on both
-- databases; IF NOT EXISTS because H2 commits DDL at once.
ALTER TABLE request_log ADD COLUMN IF NOT EXISTS stored_at timestamp(6) with time zone
    DEFAULT CURRENT_TIMESTAMP NOT NULL;
CREATE INDEX IF NOT EXISTS request_log_stored ON request_log (stored_at, request_id, logged_at);
-- One row per sink (a bucket and prefix): the cursor (the last row exported), the batch being written (planned
-- before any object is written, so a retry writes the same objects), a lease that keeps one node at it, and
-- counters. revision changes with the cursor and the plan: every change is a compare-and-set on it.
-- format 1 = the columns below.
CREATE TABLE IF NOT EXISTS log_export (
    sink varchar(512) NOT NULL PRIMARY KEY,
    format smallint NOT NULL,
    revision bigint NOT NULL,
    cursor_stored_at timestamp(6) with time zone,
    cursor_request_id varchar(128),
    cursor_logged_at timestamp(6) with time zone,
    pending_stored_at timestamp(6) with time zone,
    pending_request_id varchar(128),
    pending_logged_at timestamp(6) with time zone,
    pending_rows integer,
    lease_owner varchar(256),
    lease_until timestamp(6) with time zone,
    exported_rows bigint NOT NULL,
    exported_objects bigint NOT NULL,
    last_object varchar(1024),
    updated_at timestamp(6) with time zone NOT NULL
);
