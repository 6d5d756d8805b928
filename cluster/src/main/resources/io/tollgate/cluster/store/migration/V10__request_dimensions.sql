-- Request tags and end users (issue 13): request_log.tags holds ';name=value;...;' (names sorted, '%', ';' and '='
-- in values percent-encoded; see io.tollgate.cluster.log.LogDimensions), request_log.end_user the end user's id.
-- Null for requests without them and for rows written before this version. Same text on both databases (on
-- PostgreSQL the partitions of request_log take the columns too).
ALTER TABLE request_log ADD COLUMN IF NOT EXISTS tags varchar(4000);
ALTER TABLE request_log ADD COLUMN IF NOT EXISTS end_user varchar(256);
