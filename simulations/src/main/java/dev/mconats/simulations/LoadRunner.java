package dev.mconats.simulations;

import dev.mconats.cluster.ClusterException;
import dev.mconats.pki.PkiException;
import dev.mconats.srv.DnsException;
import dev.mconats.targetmodel.TargetException;
import io.gatling.app.Gatling$;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Entry point of the injector JVM the load command forks (it needs {@code --add-opens=java.base/java.lang=ALL-UNNAMED},
 * as Gatling's own launcher passes): {@code LoadRunner <Simulation> <run folder> [--allow-non-loopback]} with the
 * parameters as {@code -Dmconats.load.*}. The opt-in for servers outside loopback is a program argument, which only
 * the mco-nats command line passes, so that JVM options ({@code MCO_NATS_INJECTOR_JAVA_OPTS}) cannot forge it.
 * Checks the parameters and target first (one-line errors, exit 2) and writes the run's load scope to
 * {@value #SCOPE_FILE} (the command copies it into run.json), runs Gatling in this process, moves Gatling's HTML
 * report to {@code <run folder>/gatling/} and adds Gatling's verdict to load-summary.json. Exit codes: 0 all
 * assertions held, 1 some assertion failed, 2 bad input or environment.
 */
public final class LoadRunner {
    // Gatling prints each assertion as "<description> : <true|false> (actual : <value>)".
    private static final Pattern ASSERTION = Pattern.compile(".+ : (true|false) \\(.*\\)$");
    /** The run's load scope (opt-in and its source, the servers' checked addresses), for run.json. */
    public static final String SCOPE_FILE = "load-scope.json";
    /** The program argument that opts in to servers outside 127.0.0.0/8. */
    public static final String ALLOW_NON_LOOPBACK = "--allow-non-loopback";

    private LoadRunner() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    public static int run(String[] args) {
        if (args.length < 2 || args.length > 3 || (args.length == 3 && !args[2].equals(ALLOW_NON_LOOPBACK))) {
            System.err.println("error: usage: LoadRunner <" + SimulationCatalog.all().stream()
                    .map(SimulationCatalog.Entry::name).collect(Collectors.joining("|")) + "|a Simulation class> <run folder> ["
                    + ALLOW_NON_LOOPBACK + "]");
            return 2;
        }
        LoadSetup.optInFromCommandLine(args.length == 3);
        Optional<SimulationCatalog.Entry> entry = SimulationCatalog.find(args[0]);
        String simulation = entry.map(SimulationCatalog.Entry::className).orElse(args[0]);
        Path runDir = Path.of(args[1]).toAbsolutePath();
        System.setProperty(LoadParameters.PREFIX + "output", runDir.toString());
        try {
            requireSimulationClass(simulation);
            LoadSetup setup = LoadSetup.prepare(LoadParameters.fromSystemProperties(),
                    entry.map(e -> e.deployment().folder()).orElse(SimulationCatalog.Deployment.SINGLE.folder()));
            // A storm that cannot stop and start its members, or cannot see them, says so before Gatling starts.
            entry.flatMap(e -> StormSetup.kindOf(e.name())).ifPresent(kind -> StormSetup.plan(setup, kind, setup.clients()));
            Files.createDirectories(runDir);
            new com.fasterxml.jackson.databind.ObjectMapper().writerWithDefaultPrettyPrinter()
                    .writeValue(runDir.resolve(SCOPE_FILE).toFile(), setup.scopeRecord());
        } catch (IOException e) {
            System.err.println("error: cannot write " + runDir.resolve(SCOPE_FILE) + ": " + e.getMessage());
            return 2;
        } catch (TargetException | PkiException | DnsException | ClusterException | IllegalArgumentException e) {
            System.err.println("error: " + String.valueOf(e.getMessage()).replace('\n', ' '));
            return 2;
        }
        Path results = runDir.resolve(".gatling-results");
        List<String> assertions = Collections.synchronizedList(new ArrayList<>());
        PrintStream original = System.out;
        System.setOut(new PrintStream(new LineTee(original, line -> {
            if (ASSERTION.matcher(line).matches()) {
                assertions.add(line.trim());
            }
        }), true, StandardCharsets.UTF_8));
        int code;
        try {
            code = Gatling$.MODULE$.fromArgs(new String[] {"-s", simulation, "-rf", results.toString(),
                    "-rd", entry.map(SimulationCatalog.Entry::name).orElse(simulation) + " (mco-nats-suite)"});
        } catch (Throwable e) { // anything Gatling throws ends as one line, not a stack trace
            Throwable root = e;
            while (root.getCause() != null) {
                root = root.getCause();
            }
            System.err.println("error: the simulation could not run: " + root.getClass().getSimpleName() + ": " + root.getMessage());
            return 2;
        } finally {
            System.setOut(original);
        }
        String report = moveReport(results, runDir.resolve("gatling"));
        Path summary = runDir.resolve("load-summary.json");
        if (!Files.isRegularFile(summary)) {
            System.err.println("error: the simulation wrote no load-summary.json (Gatling exit code " + code + ")");
            return 2;
        }
        LoadSummary.addVerdict(summary, code, assertions, report);
        return switch (code) {
            case 0 -> 0;
            case 2 -> 1; // Gatling: assertions failed
            default -> 2;
        };
    }

    /** A user's simulation must be on the classpath and be a Gatling simulation: say so in one line before Gatling starts. */
    private static void requireSimulationClass(String name) {
        Class<?> c;
        try {
            c = Class.forName(name, false, LoadRunner.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            throw new IllegalArgumentException("simulation class " + name + " not found on the classpath ("
                    + e.getClass().getSimpleName() + "); give its jar or classes folder with --classpath");
        }
        if (!io.gatling.javaapi.core.Simulation.class.isAssignableFrom(c)) {
            throw new IllegalArgumentException(name + " is not a Gatling simulation (it must extend "
                    + "io.gatling.javaapi.core.Simulation, e.g. through dev.mconats.simulations.McoSimulation)");
        }
    }

    // Gatling writes <results>/<simulation>-<timestamp>/; the run folder wants it as gatling/.
    private static String moveReport(Path results, Path target) {
        try (Stream<Path> runs = Files.list(results)) {
            Path only = runs.filter(Files::isDirectory).findFirst().orElse(null);
            if (only == null) {
                return null;
            }
            Files.move(only, target, StandardCopyOption.REPLACE_EXISTING);
            try (Stream<Path> left = Files.list(results)) {
                if (left.findAny().isEmpty()) {
                    Files.delete(results);
                }
            }
            return target.getFileName().toString();
        } catch (IOException e) {
            return null;
        }
    }

    /** Passes bytes through and hands each completed line to a listener. */
    private static final class LineTee extends OutputStream {
        private final OutputStream out;
        private final java.util.function.Consumer<String> lines;
        private final java.io.ByteArrayOutputStream line = new java.io.ByteArrayOutputStream();

        LineTee(OutputStream out, java.util.function.Consumer<String> lines) {
            this.out = out;
            this.lines = lines;
        }

        @Override
        public synchronized void write(int b) throws IOException {
            out.write(b);
            if (b == '\n') {
                lines.accept(line.toString(StandardCharsets.UTF_8));
                line.reset();
            } else {
                line.write(b);
            }
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) throws IOException {
            for (int i = off; i < off + len; i++) {
                write(b[i]);
            }
        }

        @Override
        public void flush() throws IOException {
            out.flush();
        }
    }
}
