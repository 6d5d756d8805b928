package io.tollgate.ops;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import java.util.function.Function;
import picocli.CommandLine;

/**
 * The entry point of {@code ./tollgate ops}. {@link #run} runs one invocation in-process and returns its exit code
 * (0 done, 1 the API refused or the cluster is not healthy, 2 usage, connection or admin-token problem), so tests
 * and other tools can call it without {@code System.exit}.
 */
public final class Main {

    private Main() {
    }

    /** Runs the CLI on stdout/stderr (UTF-8) and the process environment, and exits with its exit code. */
    public static void main(String[] args) {
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
        System.exit(run(args, out, err, System.getenv()));
    }

    /**
     * Runs one invocation with the system clock.
     *
     * @param args the arguments after {@code tollgate ops}
     * @param out  where answers go
     * @param err  where errors and notes go
     * @param env  the environment ({@code TOLLGATE_URL}, {@code TOLLGATE_ADMIN_TOKEN})
     * @return the exit code
     */
    public static int run(String[] args, PrintStream out, PrintStream err, Map<String, String> env) {
        return run(args, out, err, env, Clock.systemUTC());
    }

    /**
     * Runs one invocation; {@code clock} is "now" for relative times ({@code in 3h 12m}). Never throws for bad
     * input, an unreachable node or an API error: they are reported on {@code err} and in the exit code.
     */
    public static int run(String[] args, PrintStream out, PrintStream err, Map<String, String> env, Clock clock) {
        try (OpsCommand root = new OpsCommand(out, err, env, clock)) {
            CommandLine cli = new CommandLine(root);
            cli.setOut(new PrintWriter(out, true));
            cli.setErr(new PrintWriter(err, true));
            cli.registerConverter(BudgetArg.class, converter(BudgetArg::parse));
            cli.registerConverter(RateArg.class, converter(RateArg::parse));
            cli.registerConverter(ProviderArg.class, converter(ProviderArg::parse));
            cli.setParameterExceptionHandler((e, params) -> {
                err.println("tollgate ops: " + e.getMessage());
                CommandLine.UnmatchedArgumentException.printSuggestions(e, err);
                err.println("Try 'tollgate ops " + subcommandPath(e.getCommandLine()) + "--help'.");
                return OpsException.USAGE;
            });
            cli.setExecutionExceptionHandler((e, command, parsed) -> {
                if (e instanceof OpsException failure) {
                    err.println("tollgate ops: " + failure.getMessage());
                    return failure.exitCode();
                }
                throw e;
            });
            return cli.execute(args);
        }
    }

    private static String subcommandPath(CommandLine command) {
        StringBuilder path = new StringBuilder();
        for (CommandLine at = command; at.getParent() != null; at = at.getParent()) {
            path.insert(0, at.getCommandName() + " ");
        }
        return path.toString();
    }

    private static <T> CommandLine.ITypeConverter<T> converter(Function<String, T> parse) {
        return value -> {
            try {
                return parse.apply(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        };
    }
}
