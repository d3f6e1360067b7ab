package dev.mconats.cli;

import static org.junit.jupiter.api.Assertions.fail;

import dev.mconats.containers.ContainerLauncher;
import org.junit.jupiter.api.Assumptions;

/**
 * Container tests need a Docker API. Where CI promises one ({@code MCO_NATS_REQUIRE_CONTAINERS=true}), its absence FAILS
 * the run; elsewhere the tests are skipped with the reason shown.
 */
final class ContainersRequired {
    private ContainersRequired() {
    }

    /** @return the NATS image to run ($MCO_NATS_IMAGE, which podman-service.sh sets, or the default) */
    static String imageOrSkip() {
        boolean available = ContainerLauncher.available();
        if (!available && "true".equals(System.getenv("MCO_NATS_REQUIRE_CONTAINERS"))) {
            fail("MCO_NATS_REQUIRE_CONTAINERS=true but no Docker API answers at DOCKER_HOST=" + System.getenv("DOCKER_HOST"));
        }
        Assumptions.assumeTrue(available, "no Docker API reachable (DOCKER_HOST=" + System.getenv("DOCKER_HOST")
                + "): container tests skipped; run containers/podman/podman-service.sh start");
        return System.getenv().getOrDefault("MCO_NATS_IMAGE", ContainerLauncher.DEFAULT_IMAGE);
    }
}
