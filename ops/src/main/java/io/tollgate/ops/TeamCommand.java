package io.tollgate.ops;

import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code team}: teams over {@code /api/governance/teams}. */
@Command(name = "team", description = "Manage teams.",
        subcommands = {DefinitionCommands.ListCommand.class, DefinitionCommands.GetCommand.class,
                TeamCommand.Create.class, TeamCommand.Update.class, DefinitionCommands.DeleteCommand.class})
final class TeamCommand extends ResourceCommand {

    @Override
    Resource resource() {
        return Resource.TEAM;
    }

    /** {@code --customer} of a team. */
    static final class CustomerOption {

        @Option(names = "--customer", paramLabel = "CUSTOMER_ID",
                description = "The customer it belongs to ('' for none).")
        private String customer;

        void addTo(ObjectNode body) {
            if (customer != null) {
                OwnerOptions.putOrClear(body, "customer_id", customer);
            }
        }
    }

    /** {@code team create}. */
    @Command(name = "create", description = "Create a team.")
    static final class Create extends DefinitionCommands.Create<TeamCommand> {

        @Mixin
        private CustomerOption customer;

        @Override
        void addFields(ObjectNode body) {
            customer.addTo(body);
        }
    }

    /** {@code team update ID}. */
    @Command(name = "update", description = "Change a team; only the given options change.")
    static final class Update extends DefinitionCommands.Update<TeamCommand> {

        @Mixin
        private CustomerOption customer;

        @Override
        void addFields(ObjectNode body) {
            customer.addTo(body);
        }
    }
}
