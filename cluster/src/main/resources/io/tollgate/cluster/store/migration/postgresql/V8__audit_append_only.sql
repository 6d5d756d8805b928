-- The audit log is append-only: every UPDATE and DELETE of its rows is refused, on PostgreSQL by a PL/pgSQL
-- trigger (the function is written on one line: the migration runner ends statements at a semicolon that ends a
-- line).
CREATE OR REPLACE FUNCTION tollgate_audit_append_only() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'audit_log is append-only: % refused', TG_OP; END $$ LANGUAGE plpgsql;
DROP TRIGGER IF EXISTS audit_log_append_only ON audit_log;
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log FOR EACH ROW EXECUTE FUNCTION tollgate_audit_append_only();
