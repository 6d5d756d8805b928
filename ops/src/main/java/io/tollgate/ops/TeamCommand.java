package io.tollgate.ops;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

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

        @Option(names = "--customer", paramLabel = "CUSTOMER_ID", description = "The customer it belongs to ('' for none).")
        private String customer;

        void addTo(ObjectNode body) {
            if (customer != null) {
                OwnerOptions.putOrClear(body, "customer_id", customer);
            }
        }
    }

    /** {@code team create}. */
    @Command(name = "create", description = "Create a team.")
    static final class Create implements Callable<Integer> {

        @ParentCommand
        private TeamCommand parent;

        @Mixin
        private OwnerOptions owner;

        @Mixin
        private CustomerOption customer;

        @Override
        public Integer call() {
            ObjectNode body = Json.object();
            owner.addTo(body);
            customer.addTo(body);
            return parent.create(body);
        }
    }

    /** {@code team update ID}. */
    @Command(name = "update", description = "Change a team; only the given options change.")
    static final class Update implements Callable<Integer> {

        @ParentCommand
        private TeamCommand parent;

        @Parameters(paramLabel = "ID", description = "The team's id.")
        private String id;

        @Mixin
        private OwnerOptions owner;

        @Mixin
        private CustomerOption customer;

        @Option(names = "--reset-usage", description = "Set the team's budget usage to zero.")
        private boolean resetUsage;

        @Override
        public Integer call() {
            ObjectNode body = Json.object();
            owner.addTo(body);
            customer.addTo(body);
            if (resetUsage) {
                body.put("reset_budget_usage", true);
            }
            return parent.update(id, body);
        }
    }
}
