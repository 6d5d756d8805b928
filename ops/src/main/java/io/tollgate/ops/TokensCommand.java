package io.tollgate.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code tokens}: the management API's admin tokens ({@code /api/tokens}): list them, create one (its value is
 * printed once, on its own line, so a script can capture it) or revoke one. Needs an unscoped admin token.
 */
@Command(name = "tokens", description = "List, create and revoke admin API tokens.",
        subcommands = {TokensCommand.ListTokens.class, TokensCommand.Create.class, TokensCommand.Revoke.class})
final class TokensCommand implements Runnable {

    @ParentCommand
    private OpsCommand ops;

    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "missing command: "
                + String.join(", ", spec.subcommands().keySet()));
    }

    static String render(JsonNode answer) {
        Table table = Table.create().left("ID").left("NAME").left("ROLE").left("SCOPE").left("CREATED")
                .left("STATUS");
        for (JsonNode token : answer.path("admin_tokens")) {
            table.row(row(token));
        }
        return table.render();
    }

    private static String[] row(JsonNode token) {
        JsonNode scope = token.path("scope");
        return new String[] {Json.text(token, "id").orElse("-"), Json.text(token, "name").orElse("-"),
            Json.text(token, "role").orElse("-"),
            scope.isObject() ? Json.text(scope, "kind").orElse("") + " " + Json.text(scope, "id").orElse("") : "all",
            Json.text(token, "created_at").orElse("-"),
            token.path("active").asBoolean() ? "active" : "revoked " + Json.text(token, "revoked_at").orElse("")};
    }

    /** {@code tokens list}. */
    @Command(name = "list", description = "List every admin token (never their values).")
    static final class ListTokens implements Callable<Integer> {

        @ParentCommand
        private TokensCommand tokens;

        @Override
        public Integer call() {
            JsonNode answer = tokens.ops.client().get("/api/tokens");
            tokens.ops.answer(answer, () -> render(answer));
            return 0;
        }
    }

    /** {@code tokens create NAME --role R [--customer ID | --team ID]}. */
    @Command(name = "create", description = "Create an admin token; its value is shown once.")
    static final class Create implements Callable<Integer> {

        @ParentCommand
        private TokensCommand tokens;

        @Parameters(paramLabel = "NAME", description = "What to call it.")
        private String name;

        @Option(names = "--role", required = true, paramLabel = "viewer|operator|admin",
                description = "What it may do.")
        private String role;

        @Option(names = "--customer", paramLabel = "ID", description = "Limit it to this customer.")
        private String customer;

        @Option(names = "--team", paramLabel = "ID", description = "Limit it to this team.")
        private String team;

        @Override
        public Integer call() {
            ObjectNode body = Json.object().put("name", name).put("role", role);
            if (customer != null) {
                body.put("customer_id", customer);
            }
            if (team != null) {
                body.put("team_id", team);
            }
            JsonNode answer = tokens.ops.client().post("/api/tokens", body);
            JsonNode token = answer.path("admin_token");
            tokens.ops.answer(answer, () -> "Created admin token " + Json.text(token, "id").orElse("-") + " ("
                    + Json.text(token, "role").orElse("-") + "). Its value, shown only now:\n"
                    + Json.text(token, "value").orElse("-"));
            return 0;
        }
    }

    /** {@code tokens revoke ID}. */
    @Command(name = "revoke", description = "Revoke an admin token; every node refuses it at once.")
    static final class Revoke implements Callable<Integer> {

        @ParentCommand
        private TokensCommand tokens;

        @Parameters(paramLabel = "ID", description = "The token's id (tok_...).")
        private String id;

        @Override
        public Integer call() {
            JsonNode answer = tokens.ops.client().delete("/api/tokens/" + ManagementClient.segment(id));
            tokens.ops.answer(answer, () -> "Revoked admin token " + id + ".");
            return 0;
        }
    }
}
