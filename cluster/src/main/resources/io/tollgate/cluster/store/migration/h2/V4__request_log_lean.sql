-- H2 only: request_log's primary key is request_id on H2, so V3's index on request_id (which PostgreSQL needs, its
-- key being (logged_at, request_id)) only doubled every insert's work there.
DROP INDEX IF EXISTS request_log_request;
