package io.tollgate.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code vk}: virtual keys over {@code /api/governance/virtual-keys}. A key's value is shown once, by
 * {@code create} and {@code rotate}; the node keeps only its hash.
 */
@Command(name = "vk", description = "Manage virtual keys.",
        subcommands = {DefinitionCommands.ListCommand.class, DefinitionCommands.GetCommand.class,
                VirtualKeyCommand.Create.class, VirtualKeyCommand.Update.class, VirtualKeyCommand.Rotate.class,
                VirtualKeyCommand.Disable.class, VirtualKeyCommand.Enable.class,
                DefinitionCommands.DeleteCommand.class})
final class VirtualKeyCommand extends ResourceCommand {

    @Override
    Resource resource() {
        return Resource.VIRTUAL_KEY;
    }

    private int rotate(String id) {
        JsonNode answer = ops().client().post(resource().path(id) + "/rotate", Json.object());
        ops().answer(answer, () -> "Virtual key " + id + " rotated: the old value stopped working.");
        showValueOnce(answer.path(resource().field()));
        return 0;
    }

    private int setActive(String id, boolean active) {
        JsonNode answer = ops().client().put(resource().path(id), Json.object().put("is_active", active));
        ops().answer(answer, () -> "Virtual key " + id + (active ? " enabled." : " disabled."));
        return 0;
    }

    private JsonNode currentRateLimit(String id) {
        return ops().client().get(resource().path(id)).path(resource().field()).path("rate_limit");
    }

    /** {@code vk create}: prints the new value once. */
    @Command(name = "create", description = "Create a virtual key; its value is shown once.")
    static final class Create extends DefinitionCommands.Create<VirtualKeyCommand> {

        @Mixin
        private KeyOptions key;

        @Override
        void addFields(ObjectNode body) {
            key.addTo(body, MissingNode.getInstance());
        }
    }

    /** {@code vk update ID}: with one rate limit given, reads the key first to keep the other. */
    @Command(name = "update", description = "Change a virtual key; only the given options change.")
    static final class Update extends DefinitionCommands.Update<VirtualKeyCommand> {

        @Mixin
        private KeyOptions key;

        @Override
        void addFields(ObjectNode body) {
            key.addTo(body, key.changesOneRateLimit() ? parent.currentRateLimit(id) : MissingNode.getInstance());
        }
    }

    /** {@code vk rotate ID}: a new value; the old one stops working at once. */
    @Command(name = "rotate", description = "Give a virtual key a new value (shown once); the old one stops working.")
    static final class Rotate extends DefinitionCommands.ById<VirtualKeyCommand> {

        @Override
        public Integer call() {
            return parent.rotate(id);
        }
    }

    /** {@code vk disable ID}: requests with the key are refused until it is enabled. */
    @Command(name = "disable", description = "Disable a virtual key.")
    static final class Disable extends DefinitionCommands.ById<VirtualKeyCommand> {

        @Override
        public Integer call() {
            return parent.setActive(id, false);
        }
    }

    /** {@code vk enable ID}. */
    @Command(name = "enable", description = "Enable a virtual key.")
    static final class Enable extends DefinitionCommands.ById<VirtualKeyCommand> {

        @Override
        public Integer call() {
            return parent.setActive(id, true);
        }
    }
}
