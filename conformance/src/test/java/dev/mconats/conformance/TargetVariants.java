package dev.mconats.conformance;

import dev.mconats.cluster.LocalDeployment;
import dev.mconats.targetmodel.Target;
import dev.mconats.targetmodel.TargetFile;
import dev.mconats.targetmodel.TargetWriter;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** The target file of a local deployment, rewritten with one thing changed (what a user might write for staging). */
final class TargetVariants {
    private TargetVariants() {
    }

    /**
     * @param servers     explicit servers ("host:port"); empty = found through SRV, as the deployment's own file
     * @param withCaKey   false = the target gives no CA key, as against staging
     * @param probeRoutes false = the suite may not dial route ports
     */
    static Target write(LocalDeployment d, Path file, String name, List<String> servers, boolean withCaKey, boolean probeRoutes) {
        return write(d, file, name, servers, withCaKey, probeRoutes, d.target().expectedClusterSize().orElse(0));
    }

    /** @param expectedSize {@code cluster.expected-size}, 0 = left out (the suite counts the servers it finds) */
    static Target write(LocalDeployment d, Path file, String name, List<String> servers, boolean withCaKey, boolean probeRoutes,
                        int expectedSize) {
        Target t = d.target();
        TargetWriter.write(file, new TargetWriter.Spec(name, servers, d.domain(),
                d.dns().address().getHostString() + ":" + d.dns().address().getPort(), Map.of(),
                t.monitors().stream().map(URI::toString).toList(), t.tls().ca(), t.tls().cert(), t.tls().key(),
                withCaKey ? t.tls().caKey().orElse(null) : null, expectedSize, probeRoutes, t.routes().user(),
                t.expectedFleetSize()));
        return TargetFile.load(file);
    }
}
