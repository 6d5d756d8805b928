package io.tollgate.ops;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code customer}: customers over {@code /api/governance/customers}. */
@Command(name = "customer", description = "Manage customers.",
        subcommands = {DefinitionCommands.ListCommand.class, DefinitionCommands.GetCommand.class,
                CustomerCommand.Create.class, CustomerCommand.Update.class, DefinitionCommands.DeleteCommand.class})
final class CustomerCommand extends ResourceCommand {

    @Override
    Resource resource() {
        return Resource.CUSTOMER;
    }

    /** {@code customer create}. */
    @Command(name = "create", description = "Create a customer.")
    static final class Create implements Callable<Integer> {

        @ParentCommand
        private CustomerCommand parent;

        @Mixin
        private OwnerOptions owner;

        @Override
        public Integer call() {
            ObjectNode body = Json.object();
            owner.addTo(body);
            return parent.create(body);
        }
    }

    /** {@code customer update ID}. */
    @Command(name = "update", description = "Change a customer; only the given options change.")
    static final class Update implements Callable<Integer> {

        @ParentCommand
        private CustomerCommand parent;

        @Parameters(paramLabel = "ID", description = "The customer's id.")
        private String id;

        @Mixin
        private OwnerOptions owner;

        @Option(names = "--reset-usage", description = "Set the customer's budget usage to zero.")
        private boolean resetUsage;

        @Override
        public Integer call() {
            ObjectNode body = Json.object();
            owner.addTo(body);
            if (resetUsage) {
                body.put("reset_budget_usage", true);
            }
            return parent.update(id, body);
        }
    }
}
