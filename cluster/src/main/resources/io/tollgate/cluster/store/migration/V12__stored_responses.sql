-- Stored Responses (issue 14): every Response created through POST /v1/responses with store not false, so that only
-- the virtual key that created it may read, list the input items of, or delete it. A native one (OpenAI keeps it)
-- records the provider key that holds it; a translated one (the provider has no Responses API) also keeps the
-- Response object and its input items as JSON text, which the gateway answers from. format 1 = these columns.
-- IF NOT EXISTS: H2 commits DDL at once. text is unbounded on both databases. Same text on both databases.
CREATE TABLE IF NOT EXISTS stored_response (
    id varchar(256) NOT NULL PRIMARY KEY,
    format integer NOT NULL,
    provider varchar(128) NOT NULL,
    key_name varchar(128) NOT NULL,
    virtual_key_id varchar(64),
    model varchar(256) NOT NULL,
    created_at timestamp with time zone NOT NULL,
    response_json text,
    input_json text
);
CREATE INDEX IF NOT EXISTS stored_response_time ON stored_response (created_at);
