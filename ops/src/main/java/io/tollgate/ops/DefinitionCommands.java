package io.tollgate.ops;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** The subcommands every definition has the same way: {@code list}, {@code get ID}, {@code delete ID}. */
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

    /** {@code get ID}: {@code GET} one. */
    @Command(name = "get", description = "Show one.")
    static final class GetCommand implements Callable<Integer> {

        @ParentCommand
        private ResourceCommand parent;

        @Parameters(paramLabel = "ID", description = "Its id.")
        private String id;

        @Override
        public Integer call() {
            return parent.get(id);
        }
    }

    /** {@code delete ID}: {@code DELETE} one. */
    @Command(name = "delete", description = "Delete one.")
    static final class DeleteCommand implements Callable<Integer> {

        @ParentCommand
        private ResourceCommand parent;

        @Parameters(paramLabel = "ID", description = "Its id.")
        private String id;

        @Override
        public Integer call() {
            return parent.delete(id);
        }
    }
}
