package io.tollgate.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * The parent of a definition's subcommands ({@code vk}, {@code team}, {@code customer}): the requests and the
 * printing they share. Not thread-safe: one instance per invocation.
 */
abstract class ResourceCommand implements Runnable {

    @ParentCommand
    private OpsCommand ops;

    @Spec
    private CommandSpec spec;

    /** Which definitions this command manages. */
    abstract Resource resource();

    OpsCommand ops() {
        return ops;
    }

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "missing command: "
                + String.join(", ", spec.subcommands().keySet()));
    }

    int list() {
        JsonNode answer = ops.client().get(resource().path());
        ops.answer(answer, () -> DefinitionViews.table(resource(), answer.path(resource().listField())));
        return 0;
    }

    int get(String id) {
        JsonNode answer = ops.client().get(resource().path(id));
        ops.answer(answer, () -> DefinitionViews.details(resource(), answer.path(resource().field()), ops.now()));
        return 0;
    }

    int create(ObjectNode body) {
        if (!body.hasNonNull("name")) {
            throw OpsException.usage("--name is required to create a " + resource().label());
        }
        JsonNode answer = ops.client().post(resource().path(), body);
        JsonNode item = answer.path(resource().field());
        ops.answer(answer, () -> resource().title() + " " + Json.text(item, "id").orElse("?") + " created.\n"
                + DefinitionViews.details(resource(), item, ops.now()));
        showValueOnce(item);
        return 0;
    }

    int update(String id, ObjectNode body) {
        if (body.isEmpty()) {
            throw OpsException.usage("nothing to change for " + resource().label() + " " + id
                    + ": give at least one option (see --help)");
        }
        JsonNode answer = ops.client().put(resource().path(id), body);
        ops.answer(answer, () -> resource().title() + " " + id + " updated.\n"
                + DefinitionViews.details(resource(), answer.path(resource().field()), ops.now()));
        return 0;
    }

    int delete(String id) {
        JsonNode answer = ops.client().delete(resource().path(id));
        ops.answer(answer, () -> Json.text(answer, "message").orElse(resource().title() + " " + id + " deleted."));
        return 0;
    }

    /** Prints a key's new value (from a create or rotate answer) and that it is shown only this once. */
    void showValueOnce(JsonNode item) {
        Json.text(item, "value").ifPresent(value -> {
            String note = "This value is shown once and cannot be shown again: store it now.";
            if (ops.json()) {
                ops.note(note);
            } else {
                ops.print("");
                ops.print("value: " + value);
                ops.print(note);
            }
        });
    }
}
