-- The audit log is append-only: every UPDATE and DELETE of its rows is refused, on H2 by a Java trigger
-- (io.tollgate.cluster.access.AppendOnlyTrigger).
CREATE TRIGGER IF NOT EXISTS audit_log_append_only BEFORE UPDATE, DELETE ON audit_log FOR EACH ROW CALL 'io.tollgate.cluster.access.AppendOnlyTrigger';
