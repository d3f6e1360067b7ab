package dev.mconats.cli;

import dev.mconats.cluster.ClusterException;
import dev.mconats.pki.PkiException;
import dev.mconats.srv.DnsException;
import dev.mconats.targetmodel.TargetException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The front door: {@code mco-nats <command>}. Every failure a user can cause ends in one line and exit code 2. */
@Command(name = "mco-nats", mixinStandardHelpOptions = true, scope = CommandLine.ScopeType.INHERIT, version = "mco-nats-suite 0.1.0",
        description = "Conformance and load tests for NATS clusters that carry MCollective (Choria) traffic.",
        subcommands = {RunCommand.class, RehearseCommand.class, LocalCommand.class, PkiCommand.class, ConformanceCommand.class, ReportCommand.class, LoadCommand.class, FleetCommand.class, MergeCommand.class, CommandLine.HelpCommand.class})
public final class Main {
    /** Exit code for bad input or an unusable environment (as opposed to 1: checks ran and something FAILED). */
    public static final int USAGE_OR_ENVIRONMENT = 2;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    public static int run(String... args) {
        CommandLine cl = new CommandLine(new Main());
        cl.setExecutionExceptionHandler((e, cmd, parsed) -> {
            cmd.getErr().println("error: " + oneLine(e));
            if (Boolean.getBoolean("mconats.debug")) {
                e.printStackTrace(cmd.getErr());
            }
            return USAGE_OR_ENVIRONMENT;
        });
        cl.setParameterExceptionHandler((e, a) -> {
            e.getCommandLine().getErr().println("error: " + e.getMessage());
            e.getCommandLine().getErr().println("(see '" + e.getCommandLine().getCommandSpec().qualifiedName() + " --help')");
            return USAGE_OR_ENVIRONMENT;
        });
        cl.setErr(new PrintWriter(System.err, true));
        return cl.execute(args);
    }

    /** Known problems carry a message meant for the user; anything else gets its type named too. */
    static String oneLine(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && !(t instanceof ClusterException || t instanceof TargetException
                || t instanceof PkiException || t instanceof DnsException || t instanceof UserError)) {
            t = t.getCause();
        }
        String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        boolean known = t instanceof ClusterException || t instanceof TargetException || t instanceof PkiException
                || t instanceof DnsException || t instanceof UserError || t instanceof IllegalArgumentException;
        return (known ? m : t.getClass().getSimpleName() + ": " + m).replace('\n', ' ');
    }
}
