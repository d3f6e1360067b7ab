package dev.mconats.targetmodel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Writes a target file, e.g. for the embedded local deployments. Route passwords are never written; an
 * {@code expectedSize} of 0 leaves {@code cluster.expected-size} out (the suite then counts the servers it finds).
 */
public final class TargetWriter {
    private TargetWriter() {
    }

    public record Spec(
            String name, List<String> servers, String srvDomain, String dnsServer, Map<String, String> hosts,
            List<String> monitors, Path ca, Path cert, Path key, Path caKey, int expectedSize, boolean probeRoutes,
            String routeUser, long expectedFleetSize) {
    }

    public static String render(Spec s) {
        StringBuilder b = new StringBuilder();
        b.append("# Target file written by mco-nats-suite for ").append(s.name()).append(". Format: README.md, \"Target file\".\n");
        b.append("target {\n");
        b.append("  name = ").append(q(s.name())).append('\n');
        b.append("  servers = ").append(list(s.servers())).append('\n');
        b.append("  srv { domain = ").append(q(s.srvDomain())).append(", dns-server = ").append(q(s.dnsServer())).append(" }\n");
        b.append("  hosts {\n");
        s.hosts().forEach((h, a) -> b.append("    ").append(q(h)).append(" = ").append(q(a)).append('\n'));
        b.append("  }\n");
        b.append("  monitor = ").append(list(s.monitors())).append('\n');
        b.append("  tls {\n");
        b.append("    ca = ").append(q(s.ca().toString())).append('\n');
        b.append("    cert = ").append(q(s.cert().toString())).append('\n');
        b.append("    key = ").append(q(s.key().toString())).append('\n');
        b.append("    ca-key = ").append(q(s.caKey() == null ? "" : s.caKey().toString())).append('\n');
        b.append("  }\n");
        b.append("  cluster {\n");
        if (s.expectedSize() > 0) {
            b.append("    expected-size = ").append(s.expectedSize()).append('\n');
        }
        b.append("    probe-routes = ").append(s.probeRoutes()).append('\n');
        b.append("    route-user = ").append(q(s.routeUser())).append('\n');
        b.append("    # the route password is not written here; set it with ${?MCO_NATS_ROUTE_PASSWORD}\n");
        b.append("    route-password = ${?MCO_NATS_ROUTE_PASSWORD}\n");
        b.append("  }\n");
        b.append("  expected-fleet-size = ").append(s.expectedFleetSize()).append('\n');
        b.append("}\n");
        return b.toString();
    }

    public static Path write(Path file, Spec spec) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, render(spec));
            return file;
        } catch (IOException e) {
            throw new TargetException("cannot write target file " + file + ": " + e.getMessage());
        }
    }

    private static String q(String s) {
        return "\"" + (s == null ? "" : s.replace("\\", "\\\\").replace("\"", "\\\"")) + "\"";
    }

    private static String list(List<String> items) {
        return items.stream().map(TargetWriter::q).collect(Collectors.joining(", ", "[", "]"));
    }
}
