-- Batches (issue 14): the batch input files and batches submitted through the gateway, with what each reserved,
-- so that a batch is settled at batch prices when it ends, by whichever node sees it first, exactly once. IF NOT
-- EXISTS: H2 commits DDL at once. Same text on both databases.
CREATE TABLE IF NOT EXISTS batch_file (
    id varchar(256) NOT NULL PRIMARY KEY,
    provider varchar(128) NOT NULL,
    key_name varchar(128) NOT NULL,
    virtual_key_id varchar(64),
    endpoint varchar(64) NOT NULL,
    model varchar(256) NOT NULL,
    line_count integer NOT NULL,
    worst_nanos bigint NOT NULL,
    input_tokens bigint NOT NULL,
    output_tokens bigint NOT NULL,
    created_at timestamp with time zone NOT NULL
);
CREATE TABLE IF NOT EXISTS batch_job (
    id varchar(256) NOT NULL PRIMARY KEY,
    format varchar(16) NOT NULL,
    provider varchar(128) NOT NULL,
    key_name varchar(128) NOT NULL,
    virtual_key_id varchar(64),
    team_id varchar(64),
    customer_id varchar(64),
    model varchar(256) NOT NULL,
    endpoint varchar(64) NOT NULL,
    line_count integer NOT NULL,
    reserved_nanos bigint NOT NULL,
    reservations varchar(4000) NOT NULL,
    dimensions varchar(4000) NOT NULL,
    input_file_id varchar(256),
    output_file_id varchar(256),
    error_file_id varchar(256),
    state varchar(16) NOT NULL,
    created_at timestamp with time zone NOT NULL,
    expires_at timestamp with time zone NOT NULL,
    claimed_by varchar(128),
    claimed_until timestamp with time zone,
    settled_at timestamp with time zone,
    cost_nanos bigint,
    settled_lines integer
);
CREATE INDEX IF NOT EXISTS batch_job_state ON batch_job (state, created_at);
