package dev.mconats.cli;

import dev.mconats.cluster.Executables;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * The external programs the embedded default runs. On a fresh Debian/Ubuntu machine, as root, missing ones are
 * installed with apt-get (and the user is told); otherwise the user gets the one command to run.
 */
final class Prerequisites {
    private Prerequisites() {
    }

    static void ensure(PrintWriter out) {
        List<String> packages = new ArrayList<>();
        if (System.getenv("NATS_SERVER_BIN") == null && Executables.find("nats-server").isEmpty()) {
            packages.add("nats-server");
        }
        if (Executables.find("dnsmasq").isEmpty()) {
            packages.add("dnsmasq-base");
        }
        if (packages.isEmpty()) {
            return;
        }
        String cmd = "apt-get install -y " + String.join(" ", packages);
        boolean root = "root".equals(System.getProperty("user.name"));
        if (!root || Executables.find("apt-get").isEmpty()) {
            throw new UserError("missing " + String.join(" and ", packages) + ": run 'sudo " + cmd + "' (or set NATS_SERVER_BIN)");
        }
        out.println("installing " + String.join(", ", packages) + " with apt-get (running as root) ...");
        out.flush();
        run(List.of("apt-get", "update", "-qq"));
        List<String> install = new ArrayList<>(List.of("apt-get", "install", "-y", "-qq"));
        install.addAll(packages);
        run(install);
        for (String p : packages) {
            String bin = p.equals("dnsmasq-base") ? "dnsmasq" : p;
            if (Executables.find(bin).isEmpty()) {
                throw new UserError("apt-get did not provide " + bin + "; install it by hand: " + cmd);
            }
        }
    }

    private static void run(List<String> command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (p.waitFor() != 0) {
                throw new UserError("'" + String.join(" ", command) + "' failed with exit code " + p.exitValue());
            }
        } catch (java.io.IOException e) {
            throw new UserError("cannot run " + command.get(0) + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UserError("interrupted while installing prerequisites");
        }
    }
}
