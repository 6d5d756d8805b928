package io.tollgate.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

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

    private int setActive(String id, boolean active) {
        JsonNode answer = ops().client().put(resource().path(id), Json.object().put("is_active", active));
        ops().answer(answer, () -> "Virtual key " + id + (active ? " enabled." : " disabled."));
        return 0;
    }

    /** {@code vk create}: {@code POST}; prints the new value once. */
    @Command(name = "create", description = "Create a virtual key; its value is shown once.")
    static final class Create implements Callable<Integer> {

        @ParentCommand
        private VirtualKeyCommand parent;

        @Mixin
        private OwnerOptions owner;

        @Mixin
        private KeyOptions key;

        @Override
        public Integer call() {
            ObjectNode body = Json.object();
            owner.addTo(body);
            key.addTo(body, MissingNode.getInstance());
            return parent.create(body);
        }
    }

    /** {@code vk update ID}: {@code PUT} the changed fields. */
    @Command(name = "update", description = "Change a virtual key; only the given options change.")
    static final class Update implements Callable<Integer> {

        @ParentCommand
        private VirtualKeyCommand parent;

        @Parameters(paramLabel = "ID", description = "The key's id.")
        private String id;

        @Mixin
        private OwnerOptions owner;

        @Mixin
        private KeyOptions key;

        @Option(names = "--reset-usage", description = "Set the key's budget usage to zero.")
        private boolean resetUsage;

        @Override
        public Integer call() {
            ObjectNode body = Json.object();
            owner.addTo(body);
            JsonNode current = key.changesOneRateLimit()
                    ? parent.ops().client().get(parent.resource().path(id)).path("virtual_key").path("rate_limit")
                    : MissingNode.getInstance();
            key.addTo(body, current);
            if (resetUsage) {
                body.put("reset_budget_usage", true);
            }
            return parent.update(id, body);
        }
    }

    /** {@code vk rotate ID}: a new value; the old one stops working at once. */
    @Command(name = "rotate", description = "Give a virtual key a new value (shown once); the old one stops working.")
    static final class Rotate implements Callable<Integer> {

        @ParentCommand
        private VirtualKeyCommand parent;

        @Parameters(paramLabel = "ID", description = "The key's id.")
        private String id;

        @Override
        public Integer call() {
            JsonNode answer = parent.ops().client().post(parent.resource().path(id) + "/rotate", Json.object());
            parent.ops().answer(answer, () -> "Virtual key " + id + " rotated: the old value stopped working.");
            parent.showValueOnce(answer.path("virtual_key"));
            return 0;
        }
    }

    /** {@code vk disable ID}: requests with the key are refused until it is enabled. */
    @Command(name = "disable", description = "Disable a virtual key.")
    static final class Disable implements Callable<Integer> {

        @ParentCommand
        private VirtualKeyCommand parent;

        @Parameters(paramLabel = "ID", description = "The key's id.")
        private String id;

        @Override
        public Integer call() {
            return parent.setActive(id, false);
        }
    }

    /** {@code vk enable ID}. */
    @Command(name = "enable", description = "Enable a virtual key.")
    static final class Enable implements Callable<Integer> {

        @ParentCommand
        private VirtualKeyCommand parent;

        @Parameters(paramLabel = "ID", description = "The key's id.")
        private String id;

        @Override
        public Integer call() {
            return parent.setActive(id, true);
        }
    }
}
