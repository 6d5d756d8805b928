-- Every persisted grid map entry: one row per (map, key), the value in its codec's text form.
-- Portable between H2 2.x and PostgreSQL; IF NOT EXISTS because H2 commits DDL at once (see Migrations).
-- The value column is not called "value": that is a keyword in H2 2.x.
-- format 1 = the value column holds the map codec's text (which carries its own version).
CREATE TABLE IF NOT EXISTS tollgate_state (
    map_name varchar(64) NOT NULL,
    entry_key varchar(512) NOT NULL,
    entry_value varchar(1000000) NOT NULL,
    format integer NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    PRIMARY KEY (map_name, entry_key)
);
