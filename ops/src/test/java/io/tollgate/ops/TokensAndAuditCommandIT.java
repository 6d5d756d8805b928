package io.tollgate.ops;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TokensAndAuditCommandIT extends FakeNodeTestBase {

    @Test
    void shouldCreateAScopedTokenAndPrintItsValueOnceOnItsOwnLine() {
        node.reply("POST", "/api/tokens", 201, """
                {"message":"admin token created","admin_token":{"id":"tok_1","name":"acme ops","role":"operator",
                 "scope":{"kind":"customer","id":"cust_a"},"created_at":"2026-11-30T10:00:00Z","created_by":"bootstrap",
                 "revoked_at":null,"active":true,"value":"tga-abc"}}""");

        Cli.Result result = run("tokens", "create", "acme ops", "--role", "operator", "--customer", "cust_a");

        assertThat(result.exitCode()).isZero();
        assertThat(Json.parse(node.request().body())).isEqualTo(Json.parse("""
                {"name":"acme ops","role":"operator","customer_id":"cust_a"}"""));
        assertThat(result.out().lines()).containsExactly(
                "Created admin token tok_1 (operator). Its value, shown only now:", "tga-abc");
    }

    @Test
    void shouldListTokensWithTheirScopeAndStatus() {
        node.reply("GET", "/api/tokens", 200, """
                {"admin_tokens":[{"id":"tok_1","name":"ci","role":"viewer","scope":null,
                  "created_at":"2026-11-30T10:00:00Z","created_by":"bootstrap","revoked_at":null,"active":true},
                 {"id":"tok_2","name":"old","role":"operator","scope":{"kind":"team","id":"team_s"},
                  "created_at":"2026-11-29T10:00:00Z","created_by":"tok_9","revoked_at":"2026-11-30T09:00:00Z",
                  "active":false}],"count":2}""");

        Cli.Result listed = run("tokens", "list");

        assertThat(listed.out().lines()).containsExactly(
                "ID     NAME  ROLE      SCOPE        CREATED               STATUS",
                "tok_1  ci    viewer    all          2026-11-30T10:00:00Z  active",
                "tok_2  old   operator  team team_s  2026-11-29T10:00:00Z  revoked 2026-11-30T09:00:00Z");
    }

    @Test
    void shouldRevokeATokenById() {
        node.reply("DELETE", "/api/tokens/tok_1", 200, """
                {"admin_token":{"id":"tok_1","active":false}}""");
        Cli.Result revoked = run("tokens", "revoke", "tok_1");
        assertThat(node.request().method()).isEqualTo("DELETE");
        assertThat(revoked.out()).isEqualTo("Revoked admin token tok_1.\n");
    }

    @Test
    void shouldShowAuditRowsWithTheFiltersAsked() {
        node.reply("GET", "/api/audit", 200, """
                {"audit":[{"id":7,"time":"2026-11-30T10:00:00Z","actor_id":"tok_1","actor_role":"operator",
                  "actor_name":"ops","client_address":"10.0.0.7","node":"http://10.0.0.2:8080",
                  "action":"virtual_key.update","entity_type":"virtual_key","entity_id":"vk_1",
                  "before":{"name":"a"},"after":{"name":"b"}}],"count":1,"next_cursor":null}""");

        Cli.Result result = run("audit", "--type", "virtual_key", "--actor", "tok_1", "--limit", "5");

        assertThat(node.request().query()).isEqualTo("entity_type=virtual_key&actor=tok_1&limit=5");
        assertThat(result.out().lines()).containsExactly(
                "TIME                  ACTOR        ROLE      FROM      ACTION              ENTITY  NODE",
                "2026-11-30T10:00:00Z  ops (tok_1)  operator  10.0.0.7  virtual_key.update  vk_1    "
                        + "http://10.0.0.2:8080");
    }
}
