package io.tollgate.ops;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * The subcommands every definition has: {@code list}, {@code get ID} and {@code delete ID} as they are, and the
 * bases of {@code create} and {@code update}, which each kind extends with its own options.
 */
final class DefinitionCommands {

    private DefinitionCommands() {
    }

    /** {@code list}: {@code GET} the collection, as a table. */
    @Command(name = "list", description = "List them, as a table.")
    static final class ListCommand implements Callable<Integer> {

        @ParentCommand
        private ResourceCommand parent;

        @Override
        public Integer call() {
            return parent.list();
        }
    }

    /** A subcommand about one definition, named by its id; {@code parent} is the kind's command. */
    abstract static class ById<P extends ResourceCommand> implements Callable<Integer> {

        @ParentCommand
        P parent;

        @Parameters(paramLabel = "ID", description = "Its id.")
        String id;
    }

    /** {@code get ID}: {@code GET} one. */
    @Command(name = "get", description = "Show one.")
    static final class GetCommand extends ById<ResourceCommand> {

        @Override
        public Integer call() {
            return parent.get(id);
        }
    }

    /** {@code delete ID}: {@code DELETE} one. */
    @Command(name = "delete", description = "Delete one.")
    static final class DeleteCommand extends ById<ResourceCommand> {

        @Override
        public Integer call() {
            return parent.delete(id);
        }
    }

    /** {@code create}: {@code POST} the name, the budgets and the kind's own fields. */
    abstract static class Create<P extends ResourceCommand> implements Callable<Integer> {

        @ParentCommand
        P parent;

        @Mixin
        private OwnerOptions owner;

        /** Adds the kind's own options to the body. */
        abstract void addFields(ObjectNode body);

        @Override
        public Integer call() {
            ObjectNode body = owner.body();
            addFields(body);
            return parent.create(body);
        }
    }

    /** {@code update ID}: {@code PUT} only the fields given, and {@code reset_budget_usage} when asked. */
    abstract static class Update<P extends ResourceCommand> extends ById<P> {

        @Mixin
        private OwnerOptions owner;

        @Option(names = "--reset-usage", description = "Set its budget usage to zero.")
        private boolean resetUsage;

        /** Adds the kind's own options to the body. */
        abstract void addFields(ObjectNode body);

        @Override
        public Integer call() {
            ObjectNode body = owner.body();
            addFields(body);
            if (resetUsage) {
                body.put("reset_budget_usage", true);
            }
            return parent.update(id, body);
        }
    }
}
