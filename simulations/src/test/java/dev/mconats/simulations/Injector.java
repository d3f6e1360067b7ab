package dev.mconats.simulations;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Forks an injector JVM from the test classpath, as the load command does from simulations/target. */
final class Injector {
    record Result(int exitCode, String output) {
    }

    private Injector() {
    }

    static Result run(String mainClass, List<String> args, Map<String, String> params, Path log) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx1g");
        cmd.add("--add-opens=java.base/java.lang=ALL-UNNAMED");
        params.forEach((k, v) -> cmd.add("-D" + LoadParameters.PREFIX + k + "=" + v));
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(mainClass);
        cmd.addAll(args);
        Files.createDirectories(log.getParent());
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!p.waitFor(150, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            throw new AssertionError("injector did not finish within 150 s; log: " + log);
        }
        return new Result(p.exitValue(), Files.readString(log));
    }
}
