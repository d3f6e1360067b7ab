package dev.mconats.containers;

import static org.junit.jupiter.api.Assertions.fail;

import org.junit.jupiter.api.Assumptions;

/**
 * Container tests need a Docker API. Where CI promises one ({@code MCO_NATS_REQUIRE_CONTAINERS=true}, set by .ci/run after
 * starting podman), its absence FAILS the run; elsewhere the tests are skipped with the reason shown — never silently.
 */
final class ContainersAvailable {
    private ContainersAvailable() {
    }

    static String requireOrSkip() {
        boolean required = "true".equals(System.getenv("MCO_NATS_REQUIRE_CONTAINERS"));
        boolean available = ContainerLauncher.available();
        if (!available && required) {
            fail("MCO_NATS_REQUIRE_CONTAINERS=true but no Docker API answers at DOCKER_HOST=" + System.getenv("DOCKER_HOST"));
        }
        Assumptions.assumeTrue(available, "no Docker API reachable (DOCKER_HOST=" + System.getenv("DOCKER_HOST")
                + "): container launcher tests skipped; run containers/podman/podman-service.sh start");
        return System.getenv().getOrDefault("MCO_NATS_IMAGE", ContainerLauncher.DEFAULT_IMAGE);
    }
}
