package dev.mconats.conformance;

import java.util.Optional;
import dev.mconats.targetmodel.ServerAddress;
import dev.mconats.targetmodel.TargetKeys;
import dev.mconats.cluster.LocalDeployment;
import dev.mconats.targetmodel.Target;
import dev.mconats.targetmodel.TargetFile;
import java.nio.file.Path;
import java.util.List;

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
        d.target().toBuilder().set(TargetKeys.NAME, name)
                .set(TargetKeys.SERVERS, servers.stream().map(ServerAddress::parse).toList())
                .set(TargetKeys.TLS_CA_KEY, withCaKey ? d.target().tls().caKey() : Optional.empty())
                .set(TargetKeys.CLUSTER_PROBE_ROUTES, probeRoutes)
                .set(TargetKeys.CLUSTER_EXPECTED_SIZE, expectedSize == 0 ? Optional.empty() : Optional.of(expectedSize))
                .build().write(file);
        return TargetFile.load(file);
    }
}
