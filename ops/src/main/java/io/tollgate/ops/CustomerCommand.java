package io.tollgate.ops;

import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine.Command;

/** {@code customer}: customers over {@code /api/governance/customers}. */
@Command(name = "customer", description = "Manage customers.",
        subcommands = {DefinitionCommands.ListCommand.class, DefinitionCommands.GetCommand.class,
                CustomerCommand.Create.class, CustomerCommand.Update.class, DefinitionCommands.DeleteCommand.class})
final class CustomerCommand extends ResourceCommand {

    @Override
    Resource resource() {
        return Resource.CUSTOMER;
    }

    /** {@code customer create}: a name and budgets. */
    @Command(name = "create", description = "Create a customer.")
    static final class Create extends DefinitionCommands.Create<CustomerCommand> {

        @Override
        void addFields(ObjectNode body) {
            // a customer has only a name and budgets
        }
    }

    /** {@code customer update ID}. */
    @Command(name = "update", description = "Change a customer; only the given options change.")
    static final class Update extends DefinitionCommands.Update<CustomerCommand> {

        @Override
        void addFields(ObjectNode body) {
            // a customer has only a name and budgets
        }
    }
}
