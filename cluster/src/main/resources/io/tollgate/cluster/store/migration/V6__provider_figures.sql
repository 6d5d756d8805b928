-- The providers' own usage and cost figures, imported for reconciliation (see io.tollgate.cluster.reconcile).
-- One row per (provider as configured, UTC day, model, source); source is openai_api, anthropic_api or
-- csv:<upload id>. Token and per-type cost columns are null where the report does not give them. Money in
-- nano-dollars. format 1 = the columns below. IF NOT EXISTS: H2 commits DDL at once. Same text on both databases.
CREATE TABLE IF NOT EXISTS provider_figures (
    provider varchar(128) NOT NULL,
    usage_day date NOT NULL,
    model varchar(256) NOT NULL,
    source varchar(128) NOT NULL,
    format smallint NOT NULL,
    requests bigint,
    input_tokens bigint,
    cached_input_tokens bigint,
    cache_write_tokens bigint,
    output_tokens bigint,
    cost_nanos bigint NOT NULL,
    input_cost_nanos bigint,
    cached_input_cost_nanos bigint,
    cache_write_cost_nanos bigint,
    output_cost_nanos bigint,
    imported_at timestamp with time zone NOT NULL,
    PRIMARY KEY (provider, usage_day, model, source)
);
